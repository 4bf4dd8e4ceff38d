package localsite

import (
	"encoding/json"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
)

// cognitoProxy forwards /_cognito and /_cognito/... to cognito-local's
// endpoint with the prefix removed: the browser's Cognito client (Amplify,
// with userPoolEndpoint "/_cognito") then talks to the page's own origin.
func cognitoProxy(endpoint string) http.Handler {
	target, err := url.Parse(endpoint)
	if err != nil || target.Scheme == "" || target.Host == "" {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "cognito-local is not running", http.StatusBadGateway)
		})
	}
	return &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		p := strings.TrimPrefix(pr.In.URL.Path, "/_cognito")
		if p == "" {
			p = "/"
		}
		pr.Out.URL.Path, pr.Out.URL.RawPath = p, ""
		pr.SetXForwarded()
	}}
}

// lastCodeHandler answers GET /_local/last-code?email=ADDRESS with
// {"code":"123456"}, the last code cognito-local printed for that address
// (sign-up, forgotten password), or a 404 {"message":...} when it has
// printed none; a missing email is a 400. Browser tests read sign-up codes
// here; the cloud has no such thing.
func lastCodeHandler(lastCode func(string) (string, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		email := r.URL.Query().Get("email")
		status, body := http.StatusOK, map[string]string{}
		if email == "" {
			status, body["message"] = http.StatusBadRequest, "give the address: /_local/last-code?email=ADDRESS"
		} else if code, ok := lastCode(email); ok {
			body["code"] = code
		} else {
			status, body["message"] = http.StatusNotFound, "cognito-local has sent no code to "+email
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
}
