package localapi

import (
	"net/http"
	"slices"
	"strings"
)

// preflight answers an OPTIONS request on one of the API's paths as the
// method that SAM adds for the Api's Cors setting does: API Gateway's MOCK
// integration, 200 with an empty body and the configured headers, the
// same whatever the request's Origin and whether it carries a token. See
// "AWS::Serverless::Api CorsConfiguration",
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html.
// Without AllowMethods it allows the path's methods and OPTIONS.
func (c *CORS) preflight(w http.ResponseWriter, pathMethods []string) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", c.AllowOrigin)
	if c.AllowHeaders != "" {
		h.Set("Access-Control-Allow-Headers", c.AllowHeaders)
	}
	methods := c.AllowMethods
	if methods == "" {
		ms := append(slices.Clone(pathMethods), http.MethodOptions)
		slices.Sort(ms)
		methods = strings.Join(slices.Compact(ms), ",")
	}
	h.Set("Access-Control-Allow-Methods", methods)
	if c.MaxAge != "" {
		h.Set("Access-Control-Max-Age", c.MaxAge)
	}
	if c.AllowCredentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
}
