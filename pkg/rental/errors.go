package rental

import (
	"errors"
	"fmt"
	"strings"
)

// Code names what went wrong in the API contract's words; adapters map it to
// an HTTP status (pkg/apigw) or a chatbot message (pkg/lexbot).
type Code string

// The codes that the domain produces. The transport adds its own
// (payload_too_large, unsupported_media_type).
const (
	CodeValidation          Code = "validation_failed"     // 400: a field is wrong; Fields says which
	CodeUnauthorized        Code = "unauthorized"          // 401: no caller
	CodeNotFound            Code = "not_found"             // 404
	CodeCarUnavailable      Code = "car_unavailable"       // 409: the car is booked for some of the days
	CodeBookingCancelled    Code = "booking_cancelled"     // 409: a cancelled booking cannot change
	CodeBookingStarted      Code = "booking_started"       // 409: pick-up day has come
	CodeBookingLimitReached Code = "booking_limit_reached" // 409: the customer holds the most active bookings allowed; Limit says how many
	CodeInvalidTransition   Code = "invalid_transition"    // 409: the desk's change does not fit the booking's status or day
	CodeCarHasBookings      Code = "car_has_bookings"      // 409: the car cannot be retired or moved; Bookings names what holds it
	CodeAlreadyExists       Code = "already_exists"        // 409: a car or location with this id exists
	CodeForbidden           Code = "forbidden"             // 403: the caller is not staff
	CodeVersionMismatch     Code = "version_mismatch"      // 412: If-Match names another version
	CodeIdempotencyConflict Code = "idempotency_conflict"  // 422: key reused with another body
	CodeThrottled           Code = "throttled"             // 503: too much at once (DynamoDB's throttling, lost races); try again later
	CodeUnavailable         Code = "unavailable"           // 503: the store did not answer in time or at all; a write's outcome may be unknown
	CodeInternal            Code = "internal"              // 500: anything unexpected; no detail shown
)

// Error is a failure that a user may be told about. Message is safe to show
// (a default in English; adapters may say it in their own words, by Code);
// Violations, for CodeValidation, are the broken rules; Limit, for
// CodeBookingLimitReached, the limit and what the customer holds;
// Bookings, for CodeCarHasBookings, the bookings in the way. Err, when
// set, is the cause, for logs only.
type Error struct {
	Code       Code
	Message    string
	Violations []Violation
	Limit      *BookingLimit
	Bookings   []Booking
	Err        error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	b.WriteString(e.Message)
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "; %s", v)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode is err's Code: "" for nil, CodeInternal for an error that is
// not an *Error, so that an unknown failure never shows its detail.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns err's *Error, or an internal one that wraps err.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// NotFound is a not_found error for a thing such as "car" or "booking".
func NotFound(thing string) *Error {
	return &Error{Code: CodeNotFound, Message: thing + " not found"}
}

// Errorf is an error with code and a formatted message that is safe to show.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
