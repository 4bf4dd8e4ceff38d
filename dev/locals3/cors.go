package locals3

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// CORSRule is one rule of a bucket's CORS configuration, as
// AWS::S3::Bucket's CorsConfiguration.CorsRules holds it
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-corsrule.html).
// Origins and headers may hold one "*" wildcard each ("http://*.example.com",
// "x-amz-*"); header names match case-insensitively.
type CORSRule struct {
	AllowedOrigins []string
	AllowedMethods []string // GET, PUT, POST, DELETE, HEAD
	AllowedHeaders []string // what a preflight's Access-Control-Request-Headers may name
	ExposedHeaders []string
	MaxAge         int // seconds a preflight may be cached; 0: not said
}

// cors answers CORS as S3 does for a bucket with rules (an empty list: a
// bucket without a CORS configuration), "Using cross-origin resource
// sharing (CORS)",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html:
//
//   - a preflight (OPTIONS with Origin and Access-Control-Request-Method)
//     is answered here: 200 with the first matching rule's headers, else
//     403 "CORSResponse";
//   - any other request with an Origin gets the first matching rule's
//     headers, or none, and is served either way (the browser then keeps
//     the answer from the page).
type cors struct {
	rules []CORSRule
}

// preflight reports whether r is a preflight and, if so, has answered it.
func (c cors) preflight(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodOptions {
		return false
	}
	origin, method := r.Header.Get("Origin"), r.Header.Get("Access-Control-Request-Method")
	if origin == "" || method == "" {
		(&s3Error{Status: http.StatusBadRequest, Code: "BadRequest",
			Message: "Insufficient information. Origin request header needed."}).write(w, r)
		return true
	}
	if len(c.rules) == 0 {
		(&s3Error{Status: http.StatusForbidden, Code: "AccessForbidden",
			Message: "CORSResponse: CORS is not enabled for this bucket."}).write(w, r)
		return true
	}
	requested := splitList(r.Header.Get("Access-Control-Request-Headers"))
	rule, ok := c.match(origin, method, requested)
	if !ok {
		(&s3Error{Status: http.StatusForbidden, Code: "AccessForbidden",
			Message: "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, " +
				"request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."}).write(w, r)
		return true
	}
	h := c.headers(rule, origin)
	if len(requested) > 0 {
		h.Set("Access-Control-Allow-Headers", strings.Join(requested, ", "))
	}
	for k, v := range h {
		w.Header()[k] = v
	}
	w.WriteHeader(http.StatusOK)
	return true
}

// actual is the CORS headers of a request that is not a preflight: those
// of the first rule that matches its Origin and method, or none.
func (c cors) actual(r *http.Request) http.Header {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	rule, ok := c.match(origin, r.Method, nil)
	if !ok {
		return nil
	}
	return c.headers(rule, origin)
}

// headers are the answer's CORS headers under rule.
func (c cors) headers(rule CORSRule, origin string) http.Header {
	h := http.Header{}
	allow := origin
	if slices.Contains(rule.AllowedOrigins, "*") {
		allow = "*"
	}
	h.Set("Access-Control-Allow-Origin", allow)
	h.Set("Access-Control-Allow-Methods", strings.Join(rule.AllowedMethods, ", "))
	if len(rule.ExposedHeaders) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(rule.ExposedHeaders, ", "))
	}
	if rule.MaxAge > 0 {
		h.Set("Access-Control-Max-Age", strconv.Itoa(rule.MaxAge))
	}
	h.Set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method")
	return h
}

// match is the first rule that allows origin, method and every one of
// headers.
func (c cors) match(origin, method string, headers []string) (CORSRule, bool) {
	for _, rule := range c.rules {
		if !slices.Contains(rule.AllowedMethods, method) || !anyWildcard(rule.AllowedOrigins, origin, false) {
			continue
		}
		allHeaders := true
		for _, h := range headers {
			if !anyWildcard(rule.AllowedHeaders, h, true) {
				allHeaders = false
				break
			}
		}
		if allHeaders {
			return rule, true
		}
	}
	return CORSRule{}, false
}

// anyWildcard reports whether one of patterns, each with at most one "*",
// matches s.
func anyWildcard(patterns []string, s string, fold bool) bool {
	if fold {
		s = strings.ToLower(s)
	}
	for _, p := range patterns {
		if fold {
			p = strings.ToLower(p)
		}
		before, after, star := strings.Cut(p, "*")
		if !star && p == s || star && len(s) >= len(before)+len(after) && strings.HasPrefix(s, before) && strings.HasSuffix(s, after) {
			return true
		}
	}
	return false
}

// splitList splits a comma-separated header value into its trimmed,
// non-empty items.
func splitList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
