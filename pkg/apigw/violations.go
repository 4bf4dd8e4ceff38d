package apigw

import (
	"fmt"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// fieldNames are the contract's names of the domain's fields
// (api/openapi.yaml: the request bodies and query parameters); a change
// as a whole is its body.
var fieldNames = map[rental.Field]string{
	rental.FieldCar:      "carId",
	rental.FieldLocation: "locationId",
	rental.FieldType:     "type",
	rental.FieldPickup:   "pickupDate",
	rental.FieldReturn:   "returnDate",
	rental.FieldStatus:   "status",
	rental.FieldLimit:    "limit",
	rental.FieldCursor:   "cursor",
	rental.FieldChange:   "body",

	rental.FieldReturnedOn:   "returnedOn",
	rental.FieldDay:          "date",
	rental.FieldID:           "id",
	rental.FieldMake:         "make",
	rental.FieldModel:        "model",
	rental.FieldSeats:        "seats",
	rental.FieldTransmission: "transmission",
	rental.FieldRate:         "dailyRate",
	rental.FieldPhoto:        "photoKey",
	rental.FieldName:         "name",
	rental.FieldCity:         "city",
	rental.FieldCountry:      "country",
	rental.FieldTimeZone:     "timeZone",
	rental.FieldAddress:      "address",
	rental.FieldCurrency:     "currency",
}

// fieldName is f in the contract's words; a field the map lacks keeps the
// domain's name rather than vanish from the answer.
func fieldName(f rental.Field) string {
	if n, ok := fieldNames[f]; ok {
		return n
	}
	return string(f)
}

// describe says what is wrong with v's field, as the error body's fields
// do: a predicate of the field ("must be after pickupDate").
func describe(v rental.Violation) string {
	switch v.Rule {
	case rental.RuleRequired:
		return "is required"
	case rental.RuleEmpty:
		return "must not be empty"
	case rental.RuleOneOf:
		return oneOf(v.Allowed)
	case rental.RuleRange:
		return fmt.Sprintf("must be between %d and %d", v.Min, v.Max)
	case rental.RuleUnknown:
		return unknown(v.Field)
	case rental.RuleNotAtLocation:
		return "is not at location " + v.Location
	case rental.RuleOtherLocation:
		return "is at another location; a booking keeps its pick-up location"
	case rental.RulePickupPast:
		return fmt.Sprintf("must not be before today at the location (%s)", v.Today)
	case rental.RulePickupTooFar:
		return fmt.Sprintf("must be at most %d days ahead (%s)", v.Max, v.Latest)
	case rental.RuleReturnNotAfterPickup:
		return "must be after " + fieldNames[rental.FieldPickup]
	case rental.RuleRentalTooLong:
		return fmt.Sprintf("must be at most %d days after %s", v.Max, fieldNames[rental.FieldPickup])
	case rental.RuleForeignCursor:
		return "is not a cursor of this query; start again without it"
	case rental.RuleNothingToChange:
		return nothingToChange(v.Allowed)
	}
	return describeStaff(v)
}

// describeStaff says the rules of the staff's requests.
func describeStaff(v rental.Violation) string {
	switch v.Rule {
	case rental.RuleTooLong:
		return fmt.Sprintf("must be at most %d characters", v.Max)
	case rental.RuleFormat:
		if len(v.Allowed) > 0 {
			return "must be " + v.Allowed[0]
		}
	case rental.RuleBeforePickup:
		return fmt.Sprintf("must not be before the pick-up day (%s)", v.Pickup)
	case rental.RuleInFuture:
		return fmt.Sprintf("must not be after today at the location (%s)", v.Today)
	case rental.RuleCurrencyFixed:
		return fmt.Sprintf("cannot change while cars stand at the location: their rates are in %s", strings.Join(v.Allowed, ""))
	}
	return "is invalid"
}

// unknown says that the id in field names nothing of ours: a location's
// field names a location, a photo's an upload, any other a car.
func unknown(field rental.Field) string {
	switch field {
	case rental.FieldLocation:
		return "is not a location of ours"
	case rental.FieldPhoto:
		return "is not a photo uploaded for this car"
	}
	return "is not a car of ours"
}

// nothingToChange asks for a change of at least one of the fields (the
// domain's names), in the contract's names.
func nothingToChange(fields []string) string {
	named := make([]string, len(fields))
	for i, f := range fields {
		named[i] = fieldName(rental.Field(f))
	}
	return "must change at least one of " + strings.Join(named, ", ")
}

// oneOf is "must be A or B" for two values, "must be one of A, B, C" for
// more.
func oneOf(allowed []string) string {
	if len(allowed) == 2 {
		return "must be " + allowed[0] + " or " + allowed[1]
	}
	return "must be one of " + strings.Join(allowed, ", ")
}
