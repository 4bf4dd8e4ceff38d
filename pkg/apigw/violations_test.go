package apigw

import (
	"maps"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// TestViolationsInContractWords: each rule of the domain comes out as the
// contract's field name and a predicate that says the values involved.
func TestViolationsInContractWords(t *testing.T) {
	d := rental.MustDate
	for _, tc := range []struct {
		v           rental.Violation
		field, want string
	}{
		{rental.Violation{Field: rental.FieldCar, Rule: rental.RuleRequired}, "carId", "is required"},
		{rental.Violation{Field: rental.FieldCar, Rule: rental.RuleEmpty}, "carId", "must not be empty"},
		{rental.Violation{Field: rental.FieldType, Rule: rental.RuleOneOf, Allowed: []string{"economy", "suv", "van"}},
			"type", "must be one of economy, suv, van"},
		{rental.Violation{Field: rental.FieldStatus, Rule: rental.RuleOneOf, Allowed: []string{"CONFIRMED", "CANCELLED"}},
			"status", "must be CONFIRMED or CANCELLED"},
		{rental.Violation{Field: rental.FieldLimit, Rule: rental.RuleRange, Min: 1, Max: 100}, "limit", "must be between 1 and 100"},
		{rental.Violation{Field: rental.FieldLocation, Rule: rental.RuleUnknown}, "locationId", "is not a location of ours"},
		{rental.Violation{Field: rental.FieldCar, Rule: rental.RuleUnknown}, "carId", "is not a car of ours"},
		{rental.Violation{Field: rental.FieldCar, Rule: rental.RuleNotAtLocation, Location: "ber"}, "carId", "is not at location ber"},
		{rental.Violation{Field: rental.FieldCar, Rule: rental.RuleOtherLocation}, "carId",
			"is at another location; a booking keeps its pick-up location"},
		{rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast, Today: d("2026-11-30")}, "pickupDate",
			"must not be before today at the location (2026-11-30)"},
		{rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupTooFar, Max: 365, Latest: d("2027-11-30")}, "pickupDate",
			"must be at most 365 days ahead (2027-11-30)"},
		{rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleReturnNotAfterPickup}, "returnDate", "must be after pickupDate"},
		{rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleRentalTooLong, Max: 30}, "returnDate",
			"must be at most 30 days after pickupDate"},
		{rental.Violation{Field: rental.FieldCursor, Rule: rental.RuleForeignCursor}, "cursor",
			"is not a cursor of this query; start again without it"},
		{rental.Violation{Field: rental.FieldChange, Rule: rental.RuleNothingToChange, Allowed: []string{"car", "pickup", "return"}},
			"body", "must change at least one of carId, pickupDate, returnDate"},
	} {
		p := toProblem(rental.Invalid(tc.v))
		want := map[string]string{tc.field: tc.want}
		if p.code != rental.CodeValidation || !maps.Equal(p.fields, want) {
			t.Errorf("%s: %s %v, want %v", tc.v, p.code, p.fields, want)
		}
		if p.message != "invalid request: "+tc.field+" "+tc.want {
			t.Errorf("%s: message %q", tc.v, p.message)
		}
	}
	two := toProblem(rental.Invalid(rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast},
		rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleReturnNotAfterPickup}))
	if len(two.fields) != 2 || two.message != "invalid request" {
		t.Errorf("two violations: %q %v", two.message, two.fields)
	}
	if p := toProblem(rental.ErrIdempotencyConflict()); p.message != "this Idempotency-Key was used for another request" {
		t.Errorf("idempotency conflict says %q, want the header's name", p.message)
	}
}
