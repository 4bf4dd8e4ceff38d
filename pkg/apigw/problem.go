package apigw

import (
	"github.com/carrental/backend/pkg/rental"
)

// problem is how a request failed, in the contract's words: the error
// body's code, message and fields (each named as the contract names the
// request's field, parameter or header), the booking limit when that was
// reached, and the cause, for the log only.
// Every failure of a route becomes one (toProblem) before it is answered.
type problem struct {
	code     rental.Code
	message  string
	fields   map[string]string
	limit    *limitDetail
	bookings []heldBookingJSON
	err      error
}

func (p *problem) Error() string {
	s := string(p.code) + ": " + p.message
	if p.err != nil {
		s += ": " + p.err.Error()
	}
	return s
}

func (p *problem) Unwrap() error { return p.err }

// invalid is a validation_failed problem with one field or more: "invalid
// request: pickupDate must ..." for one, "invalid request" for several.
func invalid(fields map[string]string) *problem {
	p := &problem{code: rental.CodeValidation, message: "invalid request", fields: fields}
	if len(fields) == 1 {
		for f, why := range fields {
			p.message += ": " + f + " " + why
		}
	}
	return p
}

// invalidField is invalid for one field.
func invalidField(field, why string) *problem { return invalid(map[string]string{field: why}) }

// messages say some codes in the contract's words where the domain's
// default would not name the header the client sent.
var messages = map[rental.Code]string{
	rental.CodeIdempotencyConflict: "this Idempotency-Key was used for another request",
}

// toProblem is err as a problem: a problem as it is; a rental.Error with its
// code, message and its violations as fields (violations.go); anything else
// internal.
func toProblem(err error) *problem {
	if p, ok := err.(*problem); ok {
		return p
	}
	e := rental.AsError(err)
	if len(e.Violations) > 0 {
		fields := map[string]string{}
		for _, v := range e.Violations {
			name := fieldName(v.Field)
			if _, seen := fields[name]; !seen {
				fields[name] = describe(v)
			}
		}
		p := invalid(fields)
		p.code, p.err = e.Code, e.Err
		return p
	}
	p := &problem{code: e.Code, message: e.Message, err: e.Err}
	if e.Limit != nil {
		p.limit = &limitDetail{Max: e.Limit.Max, Held: e.Limit.Held}
	}
	for _, b := range e.Bookings {
		p.bookings = append(p.bookings, heldBookingJSON{ID: b.ID, CustomerID: b.UserID, PickupDate: b.Period.Pickup.String(),
			ReturnDate: b.Period.Return.String(), Status: string(b.Status)})
	}
	if m, ok := messages[e.Code]; ok {
		p.message = m
	}
	return p
}
