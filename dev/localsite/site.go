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
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/carrental/backend/dev/httpcompress"
	"github.com/carrental/backend/dev/seslocal"
	"github.com/carrental/backend/dev/webhost"
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
	// Images, when set, serves /static in place of ImagesDir, a request's
	// path without /static: the local S3's bucket (locals3's Objects).
	Images http.Handler
	// ImageBaseURL is where the app is told the car pictures are
	// (IMAGE_BASE_URL): its origin is in the Content-Security-Policy's
	// img-src.
	ImageBaseURL string
	// ConnectOrigins are more origins of the Content-Security-Policy's
	// connect-src: the local S3, where the staff page posts photos.
	ConnectOrigins []string
	// Config is the web app's /config.json.
	Config AppConfig
	// CognitoEndpoint is cognito-local's URL, served under /_cognito.
	CognitoEndpoint string
	// CognitoTimeout bounds one exchange with cognito-local through
	// /_cognito (then a 504); 0 is DefaultCognitoTimeout.
	CognitoTimeout time.Duration
	// LastCode returns the last code cognito-local sent to an address
	// (cognitolocal.Server.LastCode).
	LastCode func(email string) (code string, ok bool)
	// WaitCode waits until an address has a code other than prev
	// (cognitolocal.Server.WaitCode); nil: the answers of /_cognito's code
	// operations are not held until their code is known.
	WaitCode func(ctx context.Context, email, prev string) (string, error)
	// Hosts are the host names that a request's Host header may name
	// besides localhost, 127.0.0.1 and [::1] (LOCAL_HOSTS), any port; a
	// request for another host is a 403 (hostGuard).
	Hosts []string
	// Log receives a line for each request refused for its Host, and for
	// each operation refused at /_cognito; nil discards them.
	Log *slog.Logger
	// API serves the API's paths, and every request that is neither GET nor
	// HEAD outside the routes above (API Gateway's 403 for those).
	API API
	// Emails lists what the local SES accepted (seslocal.Emails), for
	// /_local/mail; nil: no mail page.
	Emails func(context.Context) ([]seslocal.Email, error)
	// Schedules and DeadLetters are the local reminders' schedules and the
	// notify mapping's on-failure destination, for /_local/schedules and
	// /_local/dead-letters; nil: an empty list.
	Schedules, DeadLetters func() any
	// Notify is the notify function's handler, for POST /_local/notify
	// (go run ./cmd/local remind and resend); nil: a 403.
	Notify func(context.Context, json.RawMessage) (any, error)
	// Lex serves the Lex V2 runtime API under /bots/ (dev/lexlocal), where
	// the web app's chat panel and the AWS SDKs send RecognizeText; nil:
	// those paths are the API's.
	Lex http.Handler
}

// New returns the handler of the whole local origin, for requests whose
// Host is localhost, 127.0.0.1, [::1] or one of Hosts (else a 403):
//
//	GET /static/...           the car pictures (ImagesDir), cached for a year
//	GET /config.json          Config (also written into index.html)
//	POST /_cognito            cognito-local's user-pool API, the operations
//	                          that the web app calls (cognitoHandler)
//	GET /_local/last-code     ?email=: {"code":"123456"}, 404 when none
//	GET /_local/mail          the emails of the local SES, newest first
//	                          (/_local/mail/<id>: one's HTML)
//	GET /_local/schedules     the reminders' schedules, JSON
//	GET /_local/dead-letters  the notify mapping's dead letters, JSON
//	POST /_local/notify       the notify function on the body (header
//	                          X-Local-Stack: 1): a reminder, a resend
//	/api/...                  API, without the /api: the cloud's layout
//	                          (config.json's apiBaseUrl "/api")
//	/bots/...                 Lex, the chatbot's runtime API (any method)
//	the API's paths           API
//	GET anything else         the web app (WebDir), index.html (with Config
//	                          in it) for paths without a file extension;
//	                          robots.txt, sitemap.xml
//
// The web app and the pictures are compressed (Brotli, gzip) and cached as
// the site's CloudFront distributions do (httpcompress.CloudFront,
// webhost.CacheControl); the API compresses its own answers, as API
// Gateway does (dev/localapi).
//
// Paths are taken as the client sent them, percent-encoding, "//" and
// ".." segments included, as API Gateway and CloudFront take them: no
// answer is a redirect to a cleaned path (as http.ServeMux's would be),
// and /cars/.. is the API's, not the web app's.
func New(o Options) http.Handler {
	// The photos as the image distribution serves them: content-addressed
	// keys (cars/<id>.<hash>.svg), so cached for a year, compressed.
	static := photoHeaders(httpcompress.Handler(http.StripPrefix("/static", images(o)), httpcompress.CloudFront))
	configJSON := o.Config.JSON()
	config := configHandler(configJSON)
	cognito := cognitoHandler(o.CognitoEndpoint, codeSource{last: o.LastCode, wait: o.WaitCode}, o.CognitoTimeout, o.Log)
	local := localPaths(o)
	// As the site's distribution does (template.yaml, ApiPrefixFunction):
	// /api/cars is the API's /cars, and a path the API lacks is its 403.
	api := http.StripPrefix("/api", o.API)
	web := httpcompress.Handler(webApp(o.WebDir, securityHeaders(o.ImageBaseURL, o.ConnectOrigins...), configJSON), httpcompress.CloudFront)
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.EscapedPath()
		read := r.Method == http.MethodGet || r.Method == http.MethodHead
		switch {
		case read && strings.HasPrefix(p, "/static/"):
			static.ServeHTTP(w, r)
		case read && p == "/config.json":
			config.ServeHTTP(w, r)
		case p == "/_cognito" || strings.HasPrefix(p, "/_cognito/"):
			cognito.ServeHTTP(w, r)
		case local(w, r, p, read):
		case strings.HasPrefix(p, "/api/"):
			api.ServeHTTP(w, r)
		case o.Lex != nil && strings.HasPrefix(p, "/bots/"):
			o.Lex.ServeHTTP(w, r)
		case o.API.Owns(p) || !read:
			o.API.ServeHTTP(w, r)
		default:
			web.ServeHTTP(w, r)
		}
	})
	return hostGuard(o.Hosts, o.Log, site)
}

// images serves the photos below /static: o.Images, or o.ImagesDir's
// files.
func images(o Options) http.Handler {
	if o.Images != nil {
		return o.Images
	}
	return files(o.ImagesDir, webhost.Immutable)
}

// localPaths serves the stack's own paths under /_local/ (see New) and
// reports whether p was one of them.
func localPaths(o Options) func(w http.ResponseWriter, r *http.Request, p string, read bool) bool {
	lastCode := lastCodeHandler(o.LastCode)
	mail := mailHandler(o.Emails, securityHeaders(o.ImageBaseURL))
	schedules, deadLetters := jsonHandler(orEmpty(o.Schedules)), jsonHandler(orEmpty(o.DeadLetters))
	notify := notifyHandler(o.Notify)
	return func(w http.ResponseWriter, r *http.Request, p string, read bool) bool {
		var h http.Handler
		switch {
		case read && p == "/_local/last-code":
			h = lastCode
		case read && (p == "/_local/mail" || strings.HasPrefix(p, "/_local/mail/")):
			h = mail
		case read && p == "/_local/schedules":
			h = schedules
		case read && p == "/_local/dead-letters":
			h = deadLetters
		case r.Method == http.MethodPost && p == "/_local/notify":
			h = notify
		default:
			return false
		}
		h.ServeHTTP(w, r)
		return true
	}
}

// orEmpty is v, or a function of an empty list.
func orEmpty(v func() any) func() any {
	if v != nil {
		return v
	}
	return func() any { return []any{} }
}
