// Package rental is the car-rental domain: locations, cars and their
// schedules, bookings, periods of calendar days, money, quotes, the booking
// rules and the Service that applies them through a Store.
//
// It imports nothing of AWS: adapters (pkg/dynamo for storage, pkg/apigw for
// API Gateway, pkg/lexbot for the Lex V2 chatbot) convert at the boundary.
// Every error that a caller may show to a user is an *Error with a Code from
// the API contract (see errors.go); anything else is internal.
package rental

// The IANA time zone database is embedded, so "today at the location" works
// on Lambda's provided.al2023 runtime and on any laptop alike.
import _ "time/tzdata"
