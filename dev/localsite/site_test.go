package localsite

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
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
	mu      sync.Mutex
	cognito []string // what cognito-local got: method, path, X-Amz-Target
	codes   *fakeCodes
}

func (s *site) cognitoGot() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cognito)
}

// newSite serves a web app, pictures and a stand-in for cognito-local that
// answers as cognito-local does: with Access-Control-Allow-Origin: *, and
// for SignUp and ForgotPassword a code that its console shows only
// consoleDelay after the answer; as the stack runs it, it refuses requests
// with an Origin header.
func newSite(t *testing.T, hosts ...string) *site {
	t.Helper()
	dir := t.TempDir()
	s := &site{web: filepath.Join(dir, "dist"), codes: newFakeCodes(map[string]string{"ann@example.com": "123456"})}
	write(t, filepath.Join(s.web, "index.html"), "<html>app</html>"+`<script id="app-config" type="application/json"></script>`)
	write(t, filepath.Join(s.web, "assets", "app-1234.js"), "js")
	write(t, filepath.Join(s.web, "assets", "big-5678.js"), bigText)
	write(t, filepath.Join(s.web, "favicon.svg"), "<svg/>")
	write(t, filepath.Join(dir, "images", "cars", "ber-001.svg"), "<svg/>")
	write(t, filepath.Join(dir, "images", "cars", "ber-002.0123456789.svg"), "<svg>"+bigText+"</svg>")
	write(t, filepath.Join(dir, "secret.txt"), "secret")
	cognito := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.Header.Get("X-Amz-Target")
		s.mu.Lock()
		s.cognito = append(s.cognito, r.Method+" "+r.URL.Path+" "+target)
		s.mu.Unlock()
		if r.Header.Get("Origin") != "" { // as dev/cognitolocal's preload.cjs
			http.Error(w, `{"__type":"NotAuthorizedException"}`, http.StatusForbidden)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "content-type,x-amz-target")
		switch target {
		case "AWSCognitoIdentityProviderService.SignUp", "AWSCognitoIdentityProviderService.ForgotPassword":
			var in struct{ Username string }
			_ = json.NewDecoder(r.Body).Decode(&in)
			time.AfterFunc(consoleDelay, func() { s.codes.send(in.Username, "654321") })
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(cognito.Close)
	s.h = New(Options{
		WebDir:       s.web,
		ImagesDir:    filepath.Join(dir, "images"),
		ImageBaseURL: "http://localhost:3000/static",
		Config: AppConfig{APIBaseURL: "/api", Region: "us-east-1", UserPoolID: "local_1", UserPoolClientID: "c1", UserPoolEndpoint: "/_cognito", AuthFlowType: "USER_PASSWORD_AUTH", EmailVerification: "code",
			Chatbot: &ChatbotConfig{BotID: "LEXBOT0000", BotAliasID: "LIVE000000", LocaleID: "en_US", Endpoint: "/"}},
		CognitoEndpoint: cognito.URL,
		LastCode:        s.codes.last,
		WaitCode:        s.codes.wait,
		Hosts:           hosts,
		API:             fakeAPI{},
		Lex: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-From", "lex")
			w.Header().Set("X-Path", r.URL.EscapedPath())
			w.WriteHeader(http.StatusAccepted)
		}),
	})
	return s
}

// consoleDelay is how long after its answer the stand-in's console shows
// a code.
const consoleDelay = 300 * time.Millisecond

// fakeCodes is cognitolocal's code log, by address.
type fakeCodes struct {
	mu      sync.Mutex
	codes   map[string]string
	changed chan struct{}
}

func newFakeCodes(codes map[string]string) *fakeCodes {
	return &fakeCodes{codes: codes, changed: make(chan struct{})}
}

func (f *fakeCodes) send(email, code string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.codes[email] = code
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeCodes) last(email string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	code, ok := f.codes[email]
	return code, ok
}

func (f *fakeCodes) wait(ctx context.Context, email, prev string) (string, error) {
	for {
		f.mu.Lock()
		code, ok := f.codes[email]
		changed := f.changed
		f.mu.Unlock()
		if ok && code != prev {
			return code, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// get sends a request without a body, for localhost:3000; header holds
// name, value pairs ("Host" sets the Host header).
func (s *site) get(method, target string, header ...string) *httptest.ResponseRecorder {
	return s.send(method, target, "", header...)
}

// send is get with a body.
func (s *site) send(method, target, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Host = "localhost:3000"
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Add(header[i], header[i+1])
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
		{"GET", "/../secret.txt", 404, "", ""}, // no redirect to a cleaned path, and no way out of web/dist
		{"GET", "/static/../secret.txt", 404, "", ""},
		{"GET", "/secret.txt", 404, "", ""},
		{"GET", "/static/cars/ber-001.svg", 200, "<svg/>", "Content-Type: image/svg+xml"},
		{"GET", "/static/cars/", 404, "", ""},
		{"GET", "/static/cars/nope.svg", 404, "", ""},
		{"GET", "/api/things", 418, "", "X-From: api"},
		{"GET", "/cars/ber-001", 418, "", "X-Path: /cars/ber-001"},
		{"GET", "/api/cars/ber-001?pickupDate=2027-01-01", 418, "", "X-Path: /cars/ber-001"},
		{"PATCH", "/api/bookings/b%2F1", 418, "", "X-Path: /bookings/b%2F1"},
		{"GET", "/api/nothing", 418, "", "X-Path: /nothing"},
		// The API gets the path as sent, as API Gateway does: no redirect
		// (ServeMux's 307 or 301) to a cleaned path, no SPA for /cars/..
		{"GET", "/cars/..", 418, "", "X-Path: /cars/.."},
		{"GET", "/cars//ber-001", 418, "", "X-Path: /cars//ber-001"},
		{"GET", "/cars/../bookings", 418, "", "X-Path: /cars/../bookings"},
		{"GET", "/api/cars/..", 418, "", "X-Path: /cars/.."},
		{"GET", "/api//cars", 418, "", "X-Path: //cars"},
		{"GET", "/api/cars/./x", 418, "", "X-Path: /cars/./x"},
		{"POST", "//bookings", 418, "", "X-Path: //bookings"},
		{"GET", "//my-bookings", 200, "<html>app</html>", ""},
		{"POST", "/my-bookings", 418, "", "X-From: api"},
		{"DELETE", "/", 418, "", "X-From: api"},
		{"GET", "/config.json", 200, `"userPoolEndpoint":"/_cognito"`, "Cache-Control: no-store"},
		{"GET", "/_local/last-code?email=ann@example.com", 200, `{"code":"123456"}`, ""},
		{"GET", "/_local/last-code?email=bob@example.com", 404, "no code", ""},
		{"GET", "/_local/last-code", 400, "email=", ""},
		// The chatbot's runtime API, every method, as the SDKs call it.
		{"POST", "/bots/LEXBOT0000/botAliases/LIVE000000/botLocales/en_US/sessions/s1/text", 202, "", "X-From: lex"},
		{"GET", "/bots/LEXBOT0000/botAliases/LIVE000000/botLocales/en_US/sessions/s1", 202, "", "X-Path: /bots/LEXBOT0000/botAliases/LIVE000000/botLocales/en_US/sessions/s1"},
		{"DELETE", "/bots/x", 202, "", "X-From: lex"},
		{"GET", "/bots", 200, "<html>app</html>", ""},
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
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"apiBaseUrl": "/api", "region": "us-east-1", "userPoolId": "local_1", "userPoolClientId": "c1",
		"userPoolEndpoint": "/_cognito", "authFlowType": "USER_PASSWORD_AUTH", "emailVerification": "code"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %q", k, got[k], v)
		}
	}
	bot, _ := got["chatbot"].(map[string]any)
	for k, v := range map[string]string{"botId": "LEXBOT0000", "botAliasId": "LIVE000000", "localeId": "en_US", "endpoint": "/"} {
		if bot[k] != v {
			t.Errorf("chatbot.%s = %v, want %q", k, bot[k], v)
		}
	}
	if _, ok := bot["identityPoolId"]; ok {
		t.Error("chatbot.identityPoolId locally: the local runtime takes any credentials")
	}
}

// TestCognitoProxy: /_cognito forwards the user-facing operations the web
// app calls to cognito-local's root, without cognito-local's CORS headers;
// every other operation (the admin API above all), method and path is
// refused in Cognito's error shape and never reaches cognito-local.
func TestCognitoProxy(t *testing.T) {
	s := newSite(t)
	const prefix = "AWSCognitoIdentityProviderService."
	for _, target := range []string{"/_cognito", "/_cognito/"} {
		for _, op := range []string{"InitiateAuth", "RespondToAuthChallenge", "SignUp", "ConfirmSignUp", "ResendConfirmationCode",
			"ForgotPassword", "ConfirmForgotPassword", "GetTokensFromRefreshToken", "RevokeToken", "GlobalSignOut", "GetUser", "ChangePassword",
			"AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference"} {
			w := s.send("POST", target, `{}`, "X-Amz-Target", prefix+op, "Content-Type", "application/x-amz-json-1.1",
				"Origin", "http://localhost:3000")
			if w.Code != 200 || w.Body.String() != `{"ok":true}` {
				t.Errorf("POST %s %s: %d %s", target, op, w.Code, w.Body)
			}
			noCORS(t, "POST "+target+" "+op, w)
		}
	}
	got := s.cognitoGot()
	if len(got) != 30 || got[0] != "POST / "+prefix+"InitiateAuth" || got[29] != "POST / "+prefix+"SetUserMFAPreference" {
		t.Errorf("cognito-local got %q, want each operation at its root, twice", got)
	}

	refused := []struct {
		name    string
		targets []string
	}{
		{"ListUsers", []string{prefix + "ListUsers"}},
		{"AdminSetUserPassword", []string{prefix + "AdminSetUserPassword"}},
		{"AdminCreateUser", []string{prefix + "AdminCreateUser"}},
		{"AdminInitiateAuth", []string{prefix + "AdminInitiateAuth"}},
		{"AdminSetUserMFAPreference", []string{prefix + "AdminSetUserMFAPreference"}},
		{"SetUserPoolMfaConfig", []string{prefix + "SetUserPoolMfaConfig"}},
		{"CreateUserPoolClient", []string{prefix + "CreateUserPoolClient"}},
		{"DescribeUserPoolClient", []string{prefix + "DescribeUserPoolClient"}},
		{"no target", nil},
		{"another service's prefix", []string{"Other.InitiateAuth"}}, // cognito-local reads only what follows the dot
		{"lower case", []string{prefix + "initiateAuth"}},
		{"two targets", []string{prefix + "InitiateAuth", prefix + "ListUsers"}},
	}
	for _, tt := range refused {
		header := []string{"Content-Type", "application/x-amz-json-1.1"}
		for _, v := range tt.targets {
			header = append(header, "X-Amz-Target", v)
		}
		w := s.send("POST", "/_cognito", `{"UserPoolId":"local_1"}`, header...)
		var body struct{ Type, Message string }
		body.Type = "?"
		if m := map[string]string{}; json.Unmarshal(w.Body.Bytes(), &m) == nil {
			body.Type, body.Message = m["__type"], m["message"]
		}
		if w.Code != 400 || body.Type != "NotAuthorizedException" || !strings.Contains(body.Message, "not available through the local stack's /_cognito proxy") ||
			w.Header().Get("Content-Type") != "application/x-amz-json-1.1" {
			t.Errorf("%s: %d %v %s, want 400 NotAuthorizedException", tt.name, w.Code, w.Header(), w.Body)
		}
		noCORS(t, tt.name, w)
	}
	for _, tt := range []struct {
		method, target string
		status         int
	}{
		{"OPTIONS", "/_cognito", 405}, // a preflight fails: no Access-Control-Allow-* at all
		{"GET", "/_cognito", 405},
		{"PUT", "/_cognito/", 405},
		{"GET", "/_cognito/local_1/.well-known/jwks.json", 404},
		{"POST", "/_cognito/oauth2/token", 404},
		{"POST", "/_cognito/../_cognito", 404},
	} {
		w := s.get(tt.method, tt.target, "X-Amz-Target", prefix+"InitiateAuth", "Origin", "https://evil.example",
			"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-amz-target")
		if w.Code != tt.status || !strings.Contains(w.Body.String(), `"__type"`) {
			t.Errorf("%s %s: %d %s, want %d", tt.method, tt.target, w.Code, w.Body, tt.status)
		}
		noCORS(t, tt.method+" "+tt.target, w)
	}
	if got := s.cognitoGot(); len(got) != 30 {
		t.Errorf("cognito-local got %d requests, want only the 30 allowed ones: %q", len(got), got[30:])
	}
}

// TestSignUpAttributes: a SignUp that sets what an app client may not
// write (sub: the new user would sign in as another; the verified flags;
// an attribute the pool does not define) gets Cognito's refusal and never
// reaches cognito-local, which would take it; the attributes the sign-up
// page sends pass.
func TestSignUpAttributes(t *testing.T) {
	s := newSite(t)
	signUp := func(attrs string) *httptest.ResponseRecorder {
		return s.send("POST", "/_cognito", `{"ClientId":"c1","Username":"eve@example.com","Password":"Passw0rd!x","UserAttributes":[`+attrs+`]}`,
			"X-Amz-Target", "AWSCognitoIdentityProviderService.SignUp", "Content-Type", "application/x-amz-json-1.1")
	}
	for _, tt := range []struct{ attrs, typ string }{
		{`{"Name":"email","Value":"eve@example.com"},{"Name":"sub","Value":"5e0c0b5e-alice"}`, "NotAuthorizedException"},
		{`{"Name":"email_verified","Value":"true"}`, "NotAuthorizedException"},
		{`{"Name":"cognito:groups","Value":"admins"}`, "NotAuthorizedException"},
		{`{"Name":"custom:role","Value":"admin"}`, "InvalidParameterException"},
	} {
		w := signUp(tt.attrs)
		if w.Code != 400 || !strings.Contains(w.Body.String(), `"__type":"`+tt.typ+`"`) {
			t.Errorf("SignUp with %s: %d %s, want 400 %s", tt.attrs, w.Code, w.Body, tt.typ)
		}
	}
	if got := s.cognitoGot(); len(got) != 0 {
		t.Errorf("cognito-local got %q", got)
	}
	if w := signUp(`{"Name":"email","Value":"eve@example.com"}`); w.Code != 200 {
		t.Errorf("SignUp with an email: %d %s", w.Code, w.Body)
	}
}

// noCORS fails when an answer carries any Access-Control-* header.
func noCORS(t *testing.T, what string, w *httptest.ResponseRecorder) {
	t.Helper()
	for name := range w.Header() {
		if strings.HasPrefix(strings.ToLower(name), "access-control-") {
			t.Errorf("%s: %s: %q, want no CORS headers", what, name, w.Header()[name])
		}
	}
}

// TestLastCodeRightAfterTheRequest: cognito-local's console shows a code a
// moment after its answer; /_local/last-code asked right after a SignUp
// or ForgotPassword through /_cognito answers the new code, never the one
// before.
func TestLastCodeRightAfterTheRequest(t *testing.T) {
	s := newSite(t)
	for _, tt := range []struct{ op, email, body string }{
		{"ForgotPassword", "ann@example.com", `{"ClientId":"c1","Username":"ann@example.com"}`},
		{"SignUp", "cy@example.com", `{"ClientId":"c1","Username":"cy@example.com","Password":"x","UserAttributes":[{"Name":"email","Value":"cy@example.com"}]}`},
	} {
		before, _ := s.codes.last(tt.email)
		began := time.Now()
		w := s.send("POST", "/_cognito", tt.body, "X-Amz-Target", "AWSCognitoIdentityProviderService."+tt.op)
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", tt.op, w.Code, w.Body)
		}
		took := time.Since(began)
		w = s.get("GET", "/_local/last-code?email="+tt.email)
		if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"code":"654321"}` {
			t.Errorf("last code right after %s (it had %q): %d %s, want the new code 654321", tt.op, before, w.Code, w.Body)
		}
		if took < consoleDelay || took > consoleDelay+time.Second {
			t.Errorf("%s answered after %s, want once the code showed, %s after cognito-local's answer", tt.op, took, consoleDelay)
		}
	}
	// An operation that sends no code is not held.
	began := time.Now()
	if w := s.send("POST", "/_cognito", `{"Username":"ann@example.com"}`, "X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth"); w.Code != 200 {
		t.Fatalf("InitiateAuth: %d", w.Code)
	}
	if took := time.Since(began); took > consoleDelay/2 {
		t.Errorf("InitiateAuth answered after %s", took)
	}
}

// TestHostGuard: only requests for localhost, 127.0.0.1 and [::1] (any
// port) or a host of LOCAL_HOSTS are served; any other Host (a page's own
// name resolved to 127.0.0.1: DNS rebinding) is a 403, on every path.
func TestHostGuard(t *testing.T) {
	s := newSite(t, "devbox", "Tunnel.example.com:8443")
	paths := [][2]string{{"GET", "/"}, {"GET", "/config.json"}, {"GET", "/_local/last-code?email=ann@example.com"},
		{"POST", "/_cognito"}, {"GET", "/cars/ber-001"}, {"GET", "/api/cars"}, {"GET", "/static/cars/ber-001.svg"}, {"OPTIONS", "/cars"}}
	for _, host := range []string{"evil.example", "evil.example:3000", "localhost.evil.example:3000", "127.0.0.1.nip.io:3000",
		"192.0.2.2:3000", "[::2]:3000", "", "devbox.evil.example", "localhost:3000@evil.example"} {
		for _, p := range paths {
			w := s.send(p[0], p[1], `{}`, "Host", host, "X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
			if w.Code != 403 || w.Body.String() != `{"message":"Forbidden"}` || w.Header().Get("Content-Type") != "application/json" {
				t.Errorf("Host %q: %s %s: %d %s, want 403 Forbidden", host, p[0], p[1], w.Code, w.Body)
			}
		}
	}
	if got := s.cognitoGot(); len(got) != 0 {
		t.Errorf("cognito-local got %q from refused hosts", got)
	}
	for _, host := range []string{"localhost:3000", "localhost", "LocalHost:5173", "127.0.0.1:3000", "127.0.0.1", "[::1]:3000", "[::1]",
		"devbox:3000", "DEVBOX", "tunnel.example.com"} {
		if w := s.get("GET", "/config.json", "Host", host); w.Code != 200 {
			t.Errorf("Host %q: %d %s", host, w.Code, w.Body)
		}
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
	h := files(filepath.Join(dir, "pub"), "no-cache")
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
			h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" || h.Get("Cross-Origin-Opener-Policy") != "same-origin" {
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
