// Package httpcompress compresses HTTP answers as the services in front of
// the site do in the cloud, so that the local stack sends what a browser
// gets there: CloudFront for the site and the photos (Brotli or gzip, from
// 1,000 bytes, text-like types only), API Gateway for the API (gzip or
// deflate above the Api's MinimumCompressionSize). The answer is held in
// memory, then compressed whole when Policy allows it.
package httpcompress

import (
	"strconv"
	"strings"
)

// Content codings, as Accept-Encoding and Content-Encoding name them
// (RFC 9110, section 8.4.1).
const (
	Brotli  = "br"
	Gzip    = "gzip"
	Deflate = "deflate"
)

// Negotiate picks the coding of offered, in the server's order of
// preference, that acceptEncoding (a request's Accept-Encoding header)
// allows with the highest quality value (RFC 9110, section 12.5.3): "*"
// stands for every coding not named, "q=0" refuses one. It returns "" (no
// compression) when the header is empty or allows none of them.
func Negotiate(acceptEncoding string, offered ...string) string {
	quality := map[string]float64{}
	wildcard := -1.0
	for _, part := range strings.Split(acceptEncoding, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f >= 0 && f <= 1 {
					q = f
				} else {
					q = 0 // a malformed weight: not acceptable
				}
			}
		}
		if name == "*" {
			wildcard = q
			continue
		}
		quality[name] = q
	}
	best, bestQ := "", 0.0
	for _, c := range offered {
		q, named := quality[c]
		if !named {
			q = max(wildcard, 0)
		}
		if q > bestQ {
			best, bestQ = c, q
		}
	}
	return best
}
