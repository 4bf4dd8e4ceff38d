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
	RequestID string            `json:"requestId"`
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
	detail := errorDetail{Code: code, Message: e.message, Fields: e.fields, Limit: e.limit, RequestID: requestID}
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
