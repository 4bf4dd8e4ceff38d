package localapi

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// accountID is the requestContext.accountId of local events (the AWS
// documentation's example account).
const accountID = "123456789012"

// apiID is the requestContext.apiId of local events.
const apiID = "local"

// eventInput is what an event is built from besides the HTTP request.
type eventInput struct {
	route     *Route
	params    map[string]string
	stage     string
	requestID string
	body      []byte
	claims    map[string]string // nil on a public route
	now       time.Time
}

// newEvent builds the proxy integration's input event for r, as described
// in "Input format of a Lambda function for proxy integration" (see the
// package comment): resource is the route's path with its {params}, path
// the request's path (percent-encoding kept, as API Gateway passes it),
// pathParameters the values of the params (kept encoded too); the query
// parameters are decoded (queryParams); headers carry the last value of each header and
// multiValueHeaders all of them, with Host and API Gateway's
// X-Forwarded-* added; the maps are nil when empty, as API Gateway sends
// null. A body whose Content-Type is not text, or that is not UTF-8, is
// base64-encoded with isBase64Encoded set.
func newEvent(r *http.Request, in eventInput) events.APIGatewayProxyRequest {
	ev := events.APIGatewayProxyRequest{
		Resource:   in.route.Path,
		Path:       r.URL.EscapedPath(),
		HTTPMethod: r.Method,
	}
	ev.Headers, ev.MultiValueHeaders = headerMaps(r)
	if q := queryParams(r.URL.RawQuery); len(q) > 0 {
		ev.QueryStringParameters = make(map[string]string, len(q))
		ev.MultiValueQueryStringParameters = make(map[string][]string, len(q))
		for k, vs := range q {
			ev.QueryStringParameters[k] = vs[len(vs)-1]
			ev.MultiValueQueryStringParameters[k] = vs
		}
	}
	if len(in.params) > 0 {
		ev.PathParameters = in.params
	}
	if len(in.body) > 0 {
		if isText(r.Header.Get("Content-Type")) && utf8.Valid(in.body) {
			ev.Body = string(in.body)
		} else {
			ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(in.body), true
		}
	}
	ev.RequestContext = events.APIGatewayProxyRequestContext{
		AccountID:        accountID,
		APIID:            apiID,
		ResourceID:       resourceID(in.route.Path),
		Stage:            in.stage,
		RequestID:        in.requestID,
		ResourcePath:     in.route.Path,
		HTTPMethod:       r.Method,
		Path:             "/" + in.stage + ev.Path,
		Protocol:         r.Proto,
		DomainName:       r.Host,
		RequestTime:      in.now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
		RequestTimeEpoch: in.now.UnixMilli(),
		Identity: events.APIGatewayRequestIdentity{
			SourceIP:  sourceIP(r),
			UserAgent: r.UserAgent(),
		},
	}
	if in.claims != nil {
		claims := make(map[string]any, len(in.claims))
		for k, v := range in.claims {
			claims[k] = v
		}
		ev.RequestContext.Authorizer = map[string]any{"claims": claims}
	}
	return ev
}

// queryParams parses a query string as API Gateway does: pairs split at
// "&" only, each at its first "=", then decoded ("+" a space, %XX a
// byte); a ";" is an ordinary character (url.ParseQuery drops every pair
// that holds one), a pair that does not decode is kept as sent, and empty
// pairs are skipped. Values keep their order.
func queryParams(raw string) map[string][]string {
	q := map[string][]string{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		q[unescapeQuery(k)] = append(q[unescapeQuery(k)], unescapeQuery(v))
	}
	return q
}

// unescapeQuery decodes a query key or value, or returns it as it is when
// it is not valid percent-encoding.
func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// headerMaps are the event's headers and multiValueHeaders: the request's
// headers (Go canonicalizes their names; API Gateway keeps the client's
// spelling, so handlers must match names without regard to case), Host,
// and the X-Forwarded-For, -Port and -Proto that API Gateway adds.
func headerMaps(r *http.Request) (map[string]string, map[string][]string) {
	h := r.Header.Clone()
	h.Set("Host", r.Host)
	h.Add("X-Forwarded-For", sourceIP(r))
	if _, port, err := net.SplitHostPort(r.Host); err == nil {
		h.Set("X-Forwarded-Port", port)
	}
	h.Set("X-Forwarded-Proto", "http")
	single := make(map[string]string, len(h))
	for k, vs := range h {
		single[k] = vs[len(vs)-1]
	}
	return single, h
}

// sourceIP is the client's address without the port.
func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// isText reports whether a body of this Content-Type is passed as text:
// text/*, JSON, XML, form data and JavaScript. No Content-Type is text.
func isText(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/json", strings.HasSuffix(mt, "+json"),
		mt == "application/xml", strings.HasSuffix(mt, "+xml"),
		mt == "application/x-www-form-urlencoded", mt == "application/javascript":
		return true
	}
	return false
}

// resourceID is a stable six-character id for a resource path, as API
// Gateway gives each resource one.
func resourceID(path string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var h uint32 = 2166136261 // FNV-1a
	for i := 0; i < len(path); i++ {
		h = (h ^ uint32(path[i])) * 16777619
	}
	b := make([]byte, 6)
	for i := range b {
		b[i] = alphabet[h%uint32(len(alphabet))]
		h /= uint32(len(alphabet))
	}
	return string(b)
}

// NewRequestID is a random (version 4) UUID, as API Gateway's and
// Lambda's request ids are.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// errMalformed marks a response that API Gateway could not map: a 502.
var errMalformed = errors.New("malformed Lambda proxy response")

// writeResponse writes a handler's response, as "Output format of a Lambda
// function for proxy integration" says API Gateway does: the status code,
// the headers of both maps (where a name is in both, multiValueHeaders
// wins), the body base64-decoded when isBase64Encoded. A status outside
// 100-599 or a body that is not base64 when it says so is errMalformed,
// and nothing is written.
func writeResponse(w http.ResponseWriter, resp events.APIGatewayProxyResponse, extra http.Header) error {
	if resp.StatusCode < 100 || resp.StatusCode > 599 {
		return fmt.Errorf("%w: statusCode %d", errMalformed, resp.StatusCode)
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			return fmt.Errorf("%w: body: %v", errMalformed, err)
		}
	}
	// Names keep the function's spelling ("ETag"), as API Gateway's do:
	// the map is written to directly, not through Set, which would make it
	// "Etag".
	h := w.Header()
	for k, v := range resp.Headers {
		if _, inMulti := resp.MultiValueHeaders[k]; !inMulti {
			h[k] = []string{v}
		}
	}
	for k, vs := range resp.MultiValueHeaders {
		h[k] = slices.Clone(vs)
	}
	for k, vs := range extra {
		h[k] = vs
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body) // the client may have gone; nothing to do then
	return nil
}
