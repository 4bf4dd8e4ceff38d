package localsite

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeAPI owns /api/... and /cars... and says so in its answers, with the
// path it got.
type fakeAPI struct{}

func (fakeAPI) Owns(path string) bool {
	return strings.HasPrefix(path, "/api") || strings.HasPrefix(path, "/cars")
}
func (fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-From", "api")
	w.Header().Set("X-Path", r.URL.EscapedPath())
	w.WriteHeader(http.StatusTeapot)
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type site struct {
	h       http.Handler
	web     string
	cognito []string // paths cognito-local got
}

func newSite(t *testing.T) *site {
	t.Helper()
	dir := t.TempDir()
	s := &site{web: filepath.Join(dir, "dist")}
	write(t, filepath.Join(s.web, "index.html"), "<html>app</html>")
	write(t, filepath.Join(s.web, "assets", "app-1234.js"), "js")
	write(t, filepath.Join(dir, "images", "cars", "ber-001.svg"), "<svg/>")
	write(t, filepath.Join(dir, "secret.txt"), "secret")
	cognito := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.cognito = append(s.cognito, r.Method+" "+r.URL.Path+" "+r.Header.Get("X-Amz-Target"))
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(cognito.Close)
	s.h = New(Options{
		WebDir:          s.web,
		ImagesDir:       filepath.Join(dir, "images"),
		ImageBaseURL:    "http://localhost:3000/static",
		Config:          AppConfig{APIBaseURL: "/api", Region: "us-east-1", UserPoolID: "local_1", UserPoolClientID: "c1", UserPoolEndpoint: "/_cognito", AuthFlowType: "USER_PASSWORD_AUTH", EmailVerification: "code"},
		CognitoEndpoint: cognito.URL,
		LastCode: func(email string) (string, bool) {
			return "123456", email == "ann@example.com"
		},
		API: fakeAPI{},
	})
	return s
}

func (s *site) get(method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, req)
	return w
}

func TestRouting(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		method, target string
		status         int
		body, header   string // body substring; header "Name: value"
	}{
		{"GET", "/", 200, "<html>app</html>", "Cache-Control: no-cache"},
		{"GET", "/index.html", 200, "<html>app</html>", ""},
		{"GET", "/my-bookings/b1", 200, "<html>app</html>", "Content-Type: text/html; charset=utf-8"},
		{"GET", "/assets/app-1234.js", 200, "js", "Cache-Control: public, max-age=31536000, immutable"},
		{"GET", "/assets/missing.js", 404, "", ""},
		{"GET", "/favicon.ico", 404, "", ""},
		{"GET", "/../secret.txt", 307, "", "Location: /secret.txt"}, // ServeMux cleans the path
		{"GET", "/secret.txt", 404, "", ""},
		{"GET", "/static/cars/ber-001.svg", 200, "<svg/>", "Content-Type: image/svg+xml"},
		{"GET", "/static/cars/", 404, "", ""},
		{"GET", "/static/cars/nope.svg", 404, "", ""},
		{"GET", "/api/things", 418, "", "X-From: api"},
		{"GET", "/cars/ber-001", 418, "", "X-Path: /cars/ber-001"},
		{"GET", "/api/cars/ber-001?pickupDate=2027-01-01", 418, "", "X-Path: /cars/ber-001"},
		{"PATCH", "/api/bookings/b%2F1", 418, "", "X-Path: /bookings/b%2F1"},
		{"GET", "/api/nothing", 418, "", "X-Path: /nothing"},
		{"POST", "/my-bookings", 418, "", "X-From: api"},
		{"DELETE", "/", 418, "", "X-From: api"},
		{"GET", "/config.json", 200, `"userPoolEndpoint":"/_cognito"`, "Cache-Control: no-store"},
		{"GET", "/_local/last-code?email=ann@example.com", 200, `{"code":"123456"}`, ""},
		{"GET", "/_local/last-code?email=bob@example.com", 404, "no code", ""},
		{"GET", "/_local/last-code", 400, "email=", ""},
	}
	for _, tt := range tests {
		w := s.get(tt.method, tt.target)
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("%s %s: %d %q, want %d with %q", tt.method, tt.target, w.Code, w.Body, tt.status, tt.body)
		}
		if name, value, ok := strings.Cut(tt.header, ": "); ok && w.Header().Get(name) != value {
			t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.target, name, w.Header().Get(name), value)
		}
	}
}

func TestConfigJSON(t *testing.T) {
	w := newSite(t).get("GET", "/config.json")
	var got map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"apiBaseUrl": "/api", "region": "us-east-1", "userPoolId": "local_1", "userPoolClientId": "c1",
		"userPoolEndpoint": "/_cognito", "authFlowType": "USER_PASSWORD_AUTH", "emailVerification": "code"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestCognitoProxy(t *testing.T) {
	s := newSite(t)
	for _, target := range []string{"/_cognito", "/_cognito/"} {
		req := httptest.NewRequest("POST", target, strings.NewReader(`{}`))
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, req)
		if w.Code != 200 || w.Body.String() != `{"ok":true}` {
			t.Errorf("POST %s: %d %s", target, w.Code, w.Body)
		}
	}
	want := "POST / AWSCognitoIdentityProviderService.InitiateAuth"
	if len(s.cognito) != 2 || s.cognito[0] != want || s.cognito[1] != want {
		t.Errorf("cognito-local got %q, want twice %q", s.cognito, want)
	}
}

// TestNotBuilt: without web/dist, the app's paths explain how to build it
// while the API and the rest keep working.
func TestNotBuilt(t *testing.T) {
	s := newSite(t)
	if err := os.RemoveAll(s.web); err != nil {
		t.Fatal(err)
	}
	w := s.get("GET", "/")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "npm run build") {
		t.Errorf("GET / without a build: %d %s", w.Code, w.Body)
	}
	if w := s.get("GET", "/assets/app.js"); w.Code != 404 {
		t.Errorf("an asset without a build: %d", w.Code)
	}
	if w := s.get("GET", "/static/cars/ber-001.svg"); w.Code != 200 {
		t.Errorf("a picture without a build: %d", w.Code)
	}
}

// TestFilesStayInside: no path, however written, leaves the folder.
func TestFilesStayInside(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "secret.txt"), "secret")
	write(t, filepath.Join(dir, "pub", "ok.txt"), "ok")
	if err := os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(dir, "pub", "link.txt")); err != nil {
		t.Fatal(err)
	}
	h := files(filepath.Join(dir, "pub"))
	for target, want := range map[string]int{"/ok.txt": 200, "/../secret.txt": 404, "/link.txt": 404, "/": 404} {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = target // as a handler behind StripPrefix may see it
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("%s: %d, want %d", target, w.Code, want)
		}
	}
}

// TestSecurityHeaders: the web app's answers carry the site's security
// headers, with the pictures' origin allowed as images; the API's and the
// page that says how to build the app do not.
func TestSecurityHeaders(t *testing.T) {
	s := newSite(t)
	for _, target := range []string{"/", "/my-bookings", "/assets/app-1234.js", "/assets/missing.js"} {
		h := s.get("GET", target).Header()
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: http://localhost:3000;") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("GET %s: Content-Security-Policy %q", target, csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" {
			t.Errorf("GET %s: headers %v", target, h)
		}
	}
	if h := s.get("GET", "/api/cars").Header(); h.Get("Content-Security-Policy") != "" {
		t.Errorf("the API's answer has the site's headers: %v", h)
	}
	if err := os.RemoveAll(s.web); err != nil {
		t.Fatal(err)
	}
	if h := s.get("GET", "/").Header(); h.Get("Content-Security-Policy") != "" {
		t.Errorf("the not-built page (inline style) has the app's policy: %v", h)
	}
	if got := ContentSecurityPolicy(""); !strings.Contains(got, "img-src 'self' data:;") {
		t.Errorf("without a picture origin: %q", got)
	}
}
