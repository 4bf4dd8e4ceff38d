package localsite

import (
	"fmt"
	"net/http"
	"net/url"
)

// cspFormat is the web app's Content-Security-Policy as the site's
// CloudFront distribution sends it (template.yaml, SecurityHeadersPolicy),
// for one origin: the same directives and keywords, without the cloud's
// hosts (Cognito, the identity pool, Lex, the photos' distribution), which
// are all on this origin locally (/_cognito, /static). So the browser
// tests meet what the policy would break before a deployment does
// (dev/templatecheck's TestLocalPolicyIsTheCloudOne keeps the two
// alike). The first %s is img-src's extra source, the pictures' origin if
// any; the second connect-src's, the local S3 (the cloud's images bucket).
const cspFormat = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:%s; " +
	"connect-src 'self'%s; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

// ContentSecurityPolicy is the local web app's policy when the car
// pictures are at imageBaseURL (IMAGE_BASE_URL) and the page may also
// fetch from the origins of connect (the local S3's URL, where the staff
// page posts a presigned photo upload).
func ContentSecurityPolicy(imageBaseURL string, connect ...string) string {
	more := ""
	for _, c := range connect {
		more += sourceOf(c)
	}
	return fmt.Sprintf(cspFormat, sourceOf(imageBaseURL), more)
}

// sourceOf is " scheme://host" of a URL, "" for anything else.
func sourceOf(s string) string {
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && u.Host != "" {
		return " " + u.Scheme + "://" + u.Host
	}
	return ""
}

// CrossOriginOpenerPolicy is the site's Cross-Origin-Opener-Policy
// (template.yaml, SecurityHeadersPolicy's custom headers): a window that
// the site opens, or that opens it, from another origin gets no handle on
// it ("Cross-Origin-Opener-Policy", HTML Living Standard,
// https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies).
// The hosted sign-in is a redirect of the page itself, not a popup, so
// same-origin costs nothing.
const CrossOriginOpenerPolicy = "same-origin"

// securityHeaders are SecurityHeadersPolicy's headers for the local web
// app. HSTS is left out: it is for HTTPS, and a browser would then refuse
// plain http://localhost on every port.
func securityHeaders(imageBaseURL string, connect ...string) http.Header {
	h := http.Header{}
	h.Set("Content-Security-Policy", ContentSecurityPolicy(imageBaseURL, connect...))
	h.Set("Cross-Origin-Opener-Policy", CrossOriginOpenerPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	return h
}

// PhotoContentSecurityPolicy is the car photos' policy as the image
// distribution sends it (template.yaml, ImageHeadersPolicy): an SVG opened
// on its own runs no script and loads nothing. Locally the photos share
// the web app's origin, so this matters more than in the cloud: a photo
// that could run script would run it beside the signed-in user's tokens.
const PhotoContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"

// photoHeaders are ImageHeadersPolicy's headers for /static (HSTS left
// out, as for the web app).
func photoHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", PhotoContentSecurityPolicy)
		h.Set("Cross-Origin-Opener-Policy", CrossOriginOpenerPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}
