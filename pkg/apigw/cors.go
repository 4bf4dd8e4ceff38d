package apigw

import (
	"context"
	"net/http"
	"slices"

	"github.com/aws/aws-lambda-go/events"
)

// The CORS headers that every response carries. template.yaml's Api Cors
// and Gateway Responses repeat them for the preflight and for API Gateway's
// own errors; a test holds the two to each other.
const (
	// CORSAllowHeaders are the request headers a browser may send.
	CORSAllowHeaders = "Authorization,Content-Type,Idempotency-Key,If-Match"
	// CORSAllowMethods are the methods of our routes, and the preflight's.
	CORSAllowMethods = "GET,POST,PUT,PATCH,DELETE,OPTIONS"
	// CORSExposeHeaders are the response headers a script may read.
	CORSExposeHeaders = "ETag,Location,Retry-After"
	// CORSMaxAge is how long, in seconds, a browser may cache a preflight.
	CORSMaxAge = "600"
)

// corsPolicy decides Access-Control-Allow-Origin.
type corsPolicy struct {
	any     bool     // "*" was allowed: every origin
	origins []string // exact origins, e.g. "https://cars.example.com"
}

func newCORSPolicy(allowed []string) corsPolicy {
	return corsPolicy{any: slices.Contains(allowed, "*"), origins: allowed}
}

// headers are the CORS headers for a request from origin ("" when the
// request had no Origin header). Access-Control-Allow-Origin is "*" under
// an allow-any policy, the origin itself when it is allowed, and absent
// otherwise, so that the browser withholds the response from the page.
// Vary: Origin keeps caches from serving one origin's answer to another.
func (p corsPolicy) headers(origin string) map[string]string {
	h := map[string]string{
		"Access-Control-Allow-Headers":  CORSAllowHeaders,
		"Access-Control-Allow-Methods":  CORSAllowMethods,
		"Access-Control-Expose-Headers": CORSExposeHeaders,
		"Vary":                          "Origin",
	}
	switch {
	case p.any:
		h["Access-Control-Allow-Origin"] = "*"
	case origin != "" && slices.Contains(p.origins, origin):
		h["Access-Control-Allow-Origin"] = origin
	}
	return h
}

// Preflight answers a CORS preflight (OPTIONS) with 204 and the CORS
// headers. In the cloud, API Gateway answers preflights itself (the Api's
// Cors setting in template.yaml); the local stack uses this instead.
func (a *API) Preflight(_ context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	h := a.cors.headers(newCall(req).headerValue("Origin"))
	h["Access-Control-Max-Age"] = CORSMaxAge
	return events.APIGatewayProxyResponse{StatusCode: http.StatusNoContent, Headers: h}, nil
}
