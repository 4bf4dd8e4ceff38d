package rental

import (
	"slices"
	"strings"
)

// Field names what a broken rule is about, in the domain's words. Each
// adapter names it in its own: pkg/apigw as the contract's request field
// (its pick-up date field), pkg/lexbot as the bot's slot (PickupDate).
type Field string

// The fields of the domain's requests.
const (
	FieldCar      Field = "car"      // the car of a booking or a change
	FieldLocation Field = "location" // the location of a search
	FieldType     Field = "type"     // the car type of a search
	FieldPickup   Field = "pickup"   // the pick-up day
	FieldReturn   Field = "return"   // the return day
	FieldStatus   Field = "status"   // the status filter of a bookings list
	FieldLimit    Field = "limit"    // a page size
	FieldCursor   Field = "cursor"   // a page cursor
	FieldChange   Field = "change"   // a change request as a whole

	FieldReturnedOn   Field = "returnedOn"   // the day a car came back
	FieldDay          Field = "day"          // the desk's day
	FieldID           Field = "id"           // a new car's or location's id
	FieldMake         Field = "make"         // a car's make
	FieldModel        Field = "model"        // a car's model
	FieldSeats        Field = "seats"        // a car's seats
	FieldTransmission Field = "transmission" // a car's gearbox
	FieldRate         Field = "rate"         // a car's daily rate, in minor units
	FieldPhoto        Field = "photo"        // a car's photo (its key, or an upload)
	FieldName         Field = "name"         // a location's name
	FieldCity         Field = "city"         // a location's city
	FieldCountry      Field = "country"      // a location's country
	FieldTimeZone     Field = "timeZone"     // a location's time zone
	FieldAddress      Field = "address"      // a location's address
	FieldCurrency     Field = "currency"     // a location's currency
)

// Rule names a rule that a request broke.
type Rule string

// The rules. Each says which values of a Violation it sets.
const (
	// RuleRequired: the field is missing.
	RuleRequired Rule = "required"
	// RuleEmpty: the field is there but empty.
	RuleEmpty Rule = "empty"
	// RuleOneOf: Value is not one of Allowed.
	RuleOneOf Rule = "one_of"
	// RuleRange: a number outside Min..Max.
	RuleRange Rule = "range"
	// RuleUnknown: no such thing (a car or location id, Value).
	RuleUnknown Rule = "unknown"
	// RuleNotAtLocation: the car is not at the location the request
	// named (Location).
	RuleNotAtLocation Rule = "not_at_location"
	// RuleOtherLocation: a change to a car at another location than the
	// booking's (Location): a booking keeps its pick-up location.
	RuleOtherLocation Rule = "other_location"
	// RulePickupPast: the pick-up day is before Today at the location.
	RulePickupPast Rule = "pickup_past"
	// RulePickupTooFar: the pick-up day is more than Max (MaxDaysAhead)
	// days after Today; Latest is the last day allowed.
	RulePickupTooFar Rule = "pickup_too_far"
	// RuleReturnNotAfterPickup: the return day is not after Pickup.
	RuleReturnNotAfterPickup Rule = "return_not_after_pickup"
	// RuleRentalTooLong: Pickup to the return day is Days days, more than
	// Max (MaxRentalDays); Latest is the last return day allowed.
	RuleRentalTooLong Rule = "rental_too_long"
	// RuleForeignCursor: the cursor was not issued for this query and
	// caller.
	RuleForeignCursor Rule = "foreign_cursor"
	// RuleNothingToChange: a change that names none of Allowed (the
	// fields a booking change may name).
	RuleNothingToChange Rule = "nothing_to_change"
	// RuleBeforePickup: a day (Value) before the booking's Pickup.
	RuleBeforePickup Rule = "before_pickup"
	// RuleInFuture: a day (Value) after Today at the location.
	RuleInFuture Rule = "in_future"
	// RuleTooLong: text longer than Max characters.
	RuleTooLong Rule = "too_long"
	// RuleFormat: Value does not have the field's form (Allowed[0]
	// describes it: "2 capital letters", "lowercase letters, digits and
	// dashes").
	RuleFormat Rule = "format"
	// RuleCurrencyFixed: a location's currency cannot change while it has
	// cars (Value, the currency asked for; Allowed[0], the location's).
	RuleCurrencyFixed Rule = "currency_fixed"
)

// Violation is one broken rule: which, about which field, and the values
// involved, so that each adapter can say it in its own words. Only the
// values that its Rule documents are set.
type Violation struct {
	Field Field
	Rule  Rule

	Value    string   // what was given, as text
	Allowed  []string // RuleOneOf, RuleNothingToChange: the values or fields allowed
	Min, Max int      // RuleRange; Max also for RulePickupTooFar and RuleRentalTooLong
	Days     int      // RuleRentalTooLong: the days asked for
	Today    Date     // RulePickupPast, RulePickupTooFar: today at the location
	Pickup   Date     // RuleReturnNotAfterPickup, RuleRentalTooLong
	Latest   Date     // RulePickupTooFar, RuleRentalTooLong: the last day allowed
	Location string   // RuleNotAtLocation, RuleOtherLocation: a location id
}

// String is the violation for logs: "pickup: pickup_past".
func (v Violation) String() string { return string(v.Field) + ": " + string(v.Rule) }

// Invalid is a validation_failed error for the violations vs, ordered by
// field so that every adapter lists them in the same order.
func Invalid(vs ...Violation) *Error {
	vs = slices.Clone(vs)
	slices.SortStableFunc(vs, func(a, b Violation) int { return strings.Compare(string(a.Field), string(b.Field)) })
	return &Error{Code: CodeValidation, Message: "invalid request", Violations: vs}
}

// Violations returns the violations of a validation_failed error; nil for
// any other error.
func Violations(err error) []Violation {
	if e := AsError(err); e.Code == CodeValidation {
		return e.Violations
	}
	return nil
}

// names lists values as strings, for Violation.Allowed.
func names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}
