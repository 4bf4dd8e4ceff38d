// Package dynamo is rental.Store on one Amazon DynamoDB table
// (aws-sdk-go-v2), on the single-table data model of DESIGN.md:
//
//	item         PK              SK              GSI1PK / GSI1SK
//	location     LOCATIONS       LOC#<id>
//	car          CAR#<id>        CAR             LOC#<locationId> / TYPE#<type>#<id>
//	booking      USER#<sub>      BOOKING#<id>
//	idempotency  USER#<sub>      IDEM#<key>      (expiresAt: TTL, epoch seconds)
//
// The car owns its schedule (its confirmed bookings as ranges), so a booking,
// change or cancellation is one TransactWriteItems: the car's schedule under
// a condition on the version read just before (strongly consistent), the
// booking under a condition on its own version (or absence), and the
// idempotency record under attribute_not_exists. Two writers that read the
// same version cannot both win.
//
// See "Managing complex workflows with DynamoDB transactions":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transactions.html
package dynamo
