package apigw

import (
	"net/http"
	"strconv"

	"github.com/carrental/backend/pkg/rental"
)

// statusOf is the HTTP status of each error code (DESIGN.md, "API
// contract"). A code missing here is answered as internal.
var statusOf = map[rental.Code]int{
	rental.CodeValidation:          http.StatusBadRequest,
	rental.CodeUnauthorized:        http.StatusUnauthorized,
	rental.CodeNotFound:            http.StatusNotFound,
	rental.CodeCarUnavailable:      http.StatusConflict,
	rental.CodeBookingCancelled:    http.StatusConflict,
	rental.CodeBookingStarted:      http.StatusConflict,
	rental.CodeBookingLimitReached: http.StatusConflict,
	rental.CodeInvalidTransition:   http.StatusConflict,
	rental.CodeCarHasBookings:      http.StatusConflict,
	rental.CodeAlreadyExists:       http.StatusConflict,
	rental.CodeForbidden:           http.StatusForbidden,
	rental.CodeVersionMismatch:     http.StatusPreconditionFailed,
	rental.CodeIdempotencyConflict: http.StatusUnprocessableEntity,
	codePayloadTooLarge:            http.StatusRequestEntityTooLarge,
	codeUnsupportedMediaType:       http.StatusUnsupportedMediaType,
	rental.CodeThrottled:           http.StatusServiceUnavailable,
	rental.CodeUnavailable:         http.StatusServiceUnavailable,
	rental.CodeInternal:            http.StatusInternalServerError,
}

// serverMessages replace the message of a 5xx: a server error never shows
// what went wrong inside.
var serverMessages = map[rental.Code]string{
	rental.CodeThrottled:   "the service is busy; try again in a moment",
	rental.CodeUnavailable: "the service could not reach its database; try again in a moment",
	rental.CodeInternal:    "internal error",
}

// errorBody is the contract's Error:
// {"error":{"code","message","fields"?,"limit"?,"requestId"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      rental.Code       `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	Limit     *limitDetail      `json:"limit,omitempty"`
	Bookings  []heldBookingJSON `json:"bookings,omitempty"`
	RequestID string            `json:"requestId"`
}

// heldBookingJSON is the contract's HeldBooking, on car_has_bookings.
type heldBookingJSON struct {
	ID         string `json:"id"`
	CustomerID string `json:"customerId"`
	PickupDate string `json:"pickupDate"`
	ReturnDate string `json:"returnDate"`
	Status     string `json:"status"`
}

// limitDetail is the contract's BookingLimit, on booking_limit_reached.
type limitDetail struct {
	Max  int `json:"max"`
	Held int `json:"held"`
}

// errorReply is the response to e for the request requestID. Codes without
// a status become internal; 5xx bodies carry a fixed message and no fields;
// a 503 says when to retry (retryafter.go).
func (a *API) errorReply(e *problem, requestID string) reply {
	code := e.code
	status, known := statusOf[code]
	if !known {
		code, status = rental.CodeInternal, http.StatusInternalServerError
	}
	detail := errorDetail{Code: code, Message: e.message, Fields: e.fields, Limit: e.limit, Bookings: e.bookings, RequestID: requestID}
	if status >= http.StatusInternalServerError {
		detail.Message, detail.Fields = serverMessages[code], nil
	}
	r := reply{status: status, body: errorBody{Error: detail}}
	switch code {
	case rental.CodeThrottled:
		r.header = map[string]string{"Retry-After": strconv.Itoa(throttledWait)}
	case rental.CodeUnavailable:
		r.header = map[string]string{"Retry-After": a.outage.wait()}
	}
	return r
}
