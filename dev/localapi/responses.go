package localapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Gateway response types that the local stack answers with; see "Gateway
// response types for API Gateway",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html.
const (
	respUnauthorized       = "UNAUTHORIZED"                 // the authorizer refused the token
	respMissingAuthToken   = "MISSING_AUTHENTICATION_TOKEN" // no such resource or method
	respRequestTooLarge    = "REQUEST_TOO_LARGE"            // payload over 10 MB
	respIntegrationTimeout = "INTEGRATION_TIMEOUT"          // the function took over 29 s
	respDefault5XX         = "DEFAULT_5XX"                  // the function failed: error, panic, malformed response

	// Not API Gateway's own types: a body that did not arrive whole. The
	// client has mostly gone by then; the answer (with DEFAULT_4XX's
	// headers) is for the log line, which says what happened, where a 413
	// would have blamed the size.
	respIncompleteBody = "LOCAL_INCOMPLETE_BODY" // the client closed the connection mid-body
	respRequestTimeout = "LOCAL_REQUEST_TIMEOUT" // the body was still arriving at the server's ReadTimeout
)

// gatewayDefault is a response type's status and body when the template
// does not change them.
type gatewayDefault struct {
	status    int
	message   string
	errorType string // x-amzn-ErrorType, where API Gateway is known to send one
}

var gatewayDefaults = map[string]gatewayDefault{
	respUnauthorized:       {http.StatusUnauthorized, "Unauthorized", "UnauthorizedException"},
	respMissingAuthToken:   {http.StatusForbidden, "Missing Authentication Token", "MissingAuthenticationTokenException"},
	respRequestTooLarge:    {http.StatusRequestEntityTooLarge, "Request Too Long", ""},
	respIntegrationTimeout: {http.StatusGatewayTimeout, "Endpoint request timed out", ""},
	respDefault5XX:         {http.StatusBadGateway, "Internal server error", ""},
	respIncompleteBody:     {http.StatusBadRequest, "Bad Request", ""},
	respRequestTimeout:     {http.StatusRequestTimeout, "Request Timeout", ""},
}

// gatewayError writes API Gateway's own response of type typ: its default
// status and {"message": ...} body, with the headers (and status) of the
// template's GatewayResponses entry for typ, or else of DEFAULT_4XX or
// DEFAULT_5XX by the status's class. Header values are mapping
// expressions: quoted literals, or method.request.header.NAME for a header
// of the request; others are left out.
func (a *API) gatewayError(w http.ResponseWriter, r *http.Request, typ, requestID string) {
	d := gatewayDefaults[typ]
	status := d.status
	gr, ok := a.GatewayResponses[typ]
	if !ok {
		gr = a.GatewayResponses["DEFAULT_"+strconv.Itoa(status/100)+"XX"]
	}
	if s, err := strconv.Atoi(gr.StatusCode); err == nil && s >= 100 && s <= 599 {
		status = s
	}
	h := w.Header()
	for name, expr := range gr.Headers {
		if v, ok := mappingValue(expr, r); ok {
			h.Set(name, v)
		}
	}
	h.Set("Content-Type", "application/json")
	h["x-amzn-RequestId"] = []string{requestID} // API Gateway's spelling
	if d.errorType != "" {
		h["x-amzn-ErrorType"] = []string{d.errorType}
	}
	body, _ := json.Marshal(map[string]string{"message": d.message}) // a map of strings always encodes
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// mappingValue evaluates a gateway response header's mapping expression.
func mappingValue(expr string, r *http.Request) (string, bool) {
	if v, err := literal(expr); err == nil {
		return v, true
	}
	if name, ok := strings.CutPrefix(expr, "method.request.header."); ok {
		v := r.Header.Get(name)
		return v, v != ""
	}
	return "", false
}
