// Package localsite serves what the local stack (cmd/local) serves beside
// the API, on the same origin, so that the web app runs in a browser
// against it without CORS or a second port: the built web app (web/dist)
// with the SPA fallback, the car pictures under /static in place of the
// CDN, the app's runtime /config.json, cognito-local behind /_cognito, and
// /_local/last-code, which tells the sign-up and password-reset codes that
// cognito-local "emails" by printing them. None of this exists in the
// cloud, where S3 and CloudFront serve the site and the pictures and
// Cognito is AWS's; but the layout is the cloud's: the API is also under
// /api, as the site's CloudFront distribution serves it, and the web app
// gets the distribution's security headers (headers.go).
package localsite

import (
	"net/http"
)

// API is the gateway beside the site: it serves the paths it Owns.
type API interface {
	http.Handler
	Owns(path string) bool
}

// Options configures New.
type Options struct {
	// WebDir is the built web app, <repo>/web/dist; it may not exist yet.
	WebDir string
	// ImagesDir is served under /static: <repo>/seed/images.
	ImagesDir string
	// ImageBaseURL is where the app is told the car pictures are
	// (IMAGE_BASE_URL): its origin is in the Content-Security-Policy's
	// img-src.
	ImageBaseURL string
	// Config is the web app's /config.json.
	Config AppConfig
	// CognitoEndpoint is cognito-local's URL, served under /_cognito.
	CognitoEndpoint string
	// LastCode returns the last code cognito-local sent to an address
	// (cognitolocal.Server.LastCode).
	LastCode func(email string) (code string, ok bool)
	// API serves the API's paths, and every request that is neither GET nor
	// HEAD outside the routes above (API Gateway's 403 for those).
	API API
}

// New returns the handler of the whole local origin:
//
//	GET /static/...           the car pictures (ImagesDir)
//	GET /config.json          Config
//	/_cognito, /_cognito/...  cognito-local (a reverse proxy)
//	GET /_local/last-code     ?email=: {"code":"123456"}, 404 when none
//	/api/...                  API, without the /api: the cloud's layout
//	                          (config.json's apiBaseUrl "/api")
//	the API's paths           API
//	GET anything else         the web app (WebDir), index.html for paths
//	                          without a file extension
func New(o Options) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static", files(o.ImagesDir)))
	mux.Handle("GET /config.json", configHandler(o.Config))
	proxy := cognitoProxy(o.CognitoEndpoint)
	mux.Handle("/_cognito", proxy)
	mux.Handle("/_cognito/", proxy)
	mux.Handle("GET /_local/last-code", lastCodeHandler(o.LastCode))
	// As the site's distribution does (template.yaml, ApiPrefixFunction):
	// /api/cars is the API's /cars, and a path the API lacks is its 403.
	mux.Handle("/api/", http.StripPrefix("/api", o.API))
	web := webApp(o.WebDir, securityHeaders(o.ImageBaseURL))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o.API.Owns(r.URL.EscapedPath()) || r.Method != http.MethodGet && r.Method != http.MethodHead {
			o.API.ServeHTTP(w, r)
			return
		}
		web.ServeHTTP(w, r)
	}))
	return mux
}
