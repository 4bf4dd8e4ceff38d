package apigw

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/carrental/backend/pkg/rental"
)

// validate checks the request structs of this package (requests.go): one
// instance, built once, as validator caches each struct's rules. Fields are
// named by their json, query or header tag, so errors name them as the
// contract does ("pickupDate", "Idempotency-Key").
//
// Custom tags:
//
//	id              the contract's Id: 1 to 64 of [A-Za-z0-9_-]
//	date            a real calendar day YYYY-MM-DD (rental.ParseDate: 2026-02-30 fails)
//	pagesize        a decimal integer from 1 to rental.MaxPageSize
//	seats           a decimal integer from 1 to maxSeats
//	cartype         one of rental.CarTypes
//	bookingstatus   one of rental.BookingStatuses
//	idempotencykey  1 to 128 of [A-Za-z0-9_.:-]
//	etag            an If-Match value that parseIfMatch accepts
//
// There is deliberately no rule comparing dates here (validator's gtfield
// would compare the strings' lengths): the order of pick-up and return is a
// booking rule, checked on parsed rental.Dates by the Service.
var validate = newValidator()

// maxSeats is the most seats a search may ask for (the contract's maximum).
const maxSeats = 9

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, key := range []string{"json", "query", "header"} {
			if name, _, _ := strings.Cut(f.Tag.Get(key), ","); name != "" && name != "-" {
				return name
			}
		}
		return ""
	})
	// A jsonString validates as its *string: nil when the body lacked it.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any { return f.Interface().(jsonString).ptr() }, jsonString{})
	v.RegisterCustomTypeFunc(func(f reflect.Value) any { return f.Interface().(jsonInt).ptr() }, jsonInt{})

	idempotencyKey := regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,128}$`)
	rules := map[string]func(string) bool{
		"id":             idPattern.MatchString,
		"idempotencykey": idempotencyKey.MatchString,
		"date":           func(s string) bool { _, err := rental.ParseDate(s); return err == nil },
		"pagesize":       func(s string) bool { return plainIntIn(s, 1, rental.MaxPageSize) },
		"seats":          func(s string) bool { return plainIntIn(s, 1, maxSeats) },
		"cartype":        func(s string) bool { _, err := rental.ParseCarType(s); return err == nil },
		"bookingstatus":  func(s string) bool { _, err := rental.ParseBookingStatus(s); return err == nil },
		"etag":           func(s string) bool { _, err := parseIfMatch(s); return err == nil },
	}
	for tag, ok := range rules {
		err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return fl.Field().Kind() == reflect.String && ok(fl.Field().String())
		})
		if err != nil {
			panic(err) // a programming error: tags are literals above
		}
	}
	return v
}

// check validates v, a pointer to a request struct, and returns one
// validation_failed error for all that is wrong with it and with the
// problems c met while reading (a repeated parameter), or nil.
func check(c *call, v any) error {
	fields := map[string]string{}
	for k, p := range c.problems {
		fields[k] = p
	}
	var verrs validator.ValidationErrors
	if err := validate.Struct(v); errors.As(err, &verrs) {
		for _, fe := range verrs {
			if _, seen := fields[fe.Field()]; !seen {
				fields[fe.Field()] = fieldProblem(fe)
			}
		}
	} else if err != nil {
		return err // InvalidValidationError: a programming error, reported as internal
	}
	if len(fields) == 0 {
		return nil
	}
	return invalid(fields)
}

// fieldProblem says what is wrong with a field, for the error body's fields.
func fieldProblem(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "required_with":
		// The parameter is the other field's Go name; ours are its json
		// name with the first letter in upper case.
		return "is required with " + strings.ToLower(fe.Param()[:1]) + fe.Param()[1:]
	case "id":
		return idProblem
	case "idempotencykey":
		return "must be 1 to 128 letters, digits, '_', '.', ':' or '-'"
	case "date":
		return "must be a calendar date YYYY-MM-DD"
	case "pagesize":
		return fmt.Sprintf("must be a whole number from 1 to %d", rental.MaxPageSize)
	case "seats":
		return fmt.Sprintf("must be a whole number from 1 to %d", maxSeats)
	case "oneof":
		return oneOf(strings.Fields(fe.Param()))
	case "cartype":
		names := make([]string, len(rental.CarTypes))
		for i, t := range rental.CarTypes {
			names[i] = string(t)
		}
		return "must be one of " + strings.Join(names, ", ")
	case "bookingstatus":
		return fmt.Sprintf("must be %s or %s", rental.Confirmed, rental.Cancelled)
	case "etag":
		return `must be an entity tag such as "3"`
	case "max":
		return "must be at most " + fe.Param() + " characters long"
	}
	return "is invalid"
}

// plainIntIn: s is an integer from min to max written as the contract's
// integer is, digits only with no sign or leading zero ("05" and "+5" are
// not; strconv.Atoi would take both).
func plainIntIn(s string, min, max int) bool {
	if s == "" || s[0] == '0' || strings.Trim(s, "0123456789") != "" {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= min && n <= max
}
