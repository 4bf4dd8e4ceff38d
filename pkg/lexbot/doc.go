// Package lexbot is the Amazon Lex V2 code hook of the car-rental chatbot:
// the Lex V2 event in, the Lex V2 response out, and in between the same
// rental.Service that the REST API uses, so a booking made in the chat obeys
// the same rules and shows in the website's "my bookings".
//
// aws-lambda-go has only the Lex V1 event types, so this package defines its
// own V2 types (types.go) from the Lex V2 developer guide:
//
//   - "AWS Lambda input event format for Lex V2"
//     https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html
//   - "AWS Lambda response format for Lex V2"
//     https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
//   - "Common structures in an AWS Lambda function for Amazon Lex V2"
//     https://docs.aws.amazon.com/lexv2/latest/dg/lambda-common-structures.html
//   - "Integrating an AWS Lambda function into your Amazon Lex V2 bot"
//     https://docs.aws.amazon.com/lexv2/latest/dg/lambda.html
//
// and [Validate] holds every response to the documented response rules; the
// tests pass every response they produce through it.
//
// # The bot
//
// One Lambda function serves every intent of the bot's en_US locale (Lex V2
// allows one code hook per alias and locale), both as the dialog code hook
// (called after each user turn) and as the fulfillment code hook:
//
//   - BookCar: slots PickupCity (AMAZON.City), PickupDate and ReturnDate
//     (AMAZON.Date), CarType (custom type CarTypes). The dialog hook matches
//     the city as people type it against our locations (cities.go), checks
//     each filled slot against the booking rules and elicits it again with a
//     message that says what is wrong (rules.go); once all are valid it finds
//     the cheapest free car and asks for confirmation with the car, both
//     dates spelled out and the total (dialog.go); when nothing of that type
//     is free it offers other types or later dates (availability.go).
//     Fulfillment books through rental.Service.CreateBooking with an
//     idempotency key derived from the Lex session and the confirmed slots,
//     so a repeated fulfillment books once (fulfill.go).
//   - MyBookings: the caller's current and upcoming confirmed bookings
//     (mybookings.go).
//   - CancelBooking: slots BookingRef (AMAZON.AlphaNumeric, a booking id)
//     and PickupDate (AMAZON.Date); with neither, the caller's only upcoming
//     booking. Confirmation, then rental.Service.CancelBooking (cancel.go).
//   - FallbackIntent: what the bot can do.
//
// # Identity
//
// Lex gives the code hook no verified identity. The web app passes the
// user's Cognito ID token as the session attribute "idToken" (aws-lex-web-ui
// sends it as "idtokenjwt", which is taken too); every turn of
// BookCar, MyBookings and CancelBooking verifies it (TokenVerifier, which
// pkg/auth implements) before anything personal is read or written, and the
// token's sub is the user id, as claims.sub is for the REST API. A missing,
// invalid or expired token closes the intent with a request to sign in;
// nothing is booked. The token is never logged.
package lexbot
