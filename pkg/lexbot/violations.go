package lexbot

import (
	"fmt"

	"github.com/carrental/backend/pkg/rental"
)

// slotOf is the BookCar slot that asks for each field of the domain's
// requests; a field without one (the car) has "".
var slotOf = map[rental.Field]string{
	rental.FieldLocation: SlotPickupCity,
	rental.FieldType:     SlotCarType,
	rental.FieldPickup:   SlotPickupDate,
	rental.FieldReturn:   SlotReturnDate,
}

// askFor is the question that asks for a slot again.
var askFor = map[string]string{
	SlotPickupCity: askCity,
	SlotCarType:    askType,
	SlotPickupDate: askPickup,
	SlotReturnDate: askReturn,
}

// ruleProblem is a broken booking rule as the bot says it: the slot to ask
// again, why in words, with the days spelled out, and the question. loc is
// the pick-up location, for "in Berlin it is ... today".
func ruleProblem(v rental.Violation, loc rental.Location) *problem {
	slot := slotOf[v.Field]
	if slot == "" {
		slot = SlotPickupDate
	}
	return &problem{slot: slot, reason: sentence(v, loc), ask: askFor[slot]}
}

// sentence says what v means to the customer.
func sentence(v rental.Violation, loc rental.Location) string {
	given, _ := rental.ParseDate(v.Value)
	switch v.Rule {
	case rental.RulePickupPast:
		return fmt.Sprintf("%s is in the past: in %s it is %s today.", longDate(given), loc.City, longDate(v.Today))
	case rental.RulePickupTooFar:
		return fmt.Sprintf("%s is too far ahead: I can take bookings up to %d days ahead, until %s.",
			longDate(given), v.Max, longDate(v.Latest))
	case rental.RuleReturnNotAfterPickup:
		return fmt.Sprintf("The return has to be after the pick-up on %s, and %s is not.", longDate(v.Pickup), longDate(given))
	case rental.RuleRentalTooLong:
		return fmt.Sprintf("A rental can last up to %d days, and %s to %s is %d. The car would have to be back by %s.",
			v.Max, longDate(v.Pickup), longDate(given), v.Days, longDate(v.Latest))
	case rental.RuleNotAtLocation, rental.RuleOtherLocation:
		return fmt.Sprintf("that car is not at %s.", loc.Name)
	case rental.RuleUnknown:
		if v.Field == rental.FieldLocation {
			return "we have no rental station there."
		}
		return "we have no such car."
	}
	return "the details don't meet our booking rules."
}

// refusal says every violation of err, a validation_failed error of the
// domain, as sentences; a generic sentence when it has none.
func refusal(err error, loc rental.Location) string {
	vs := rental.Violations(err)
	if len(vs) == 0 {
		return "the details don't meet our booking rules."
	}
	out := ""
	for i, v := range vs {
		if i > 0 {
			out += " "
		}
		out += sentence(v, loc)
	}
	return out
}
