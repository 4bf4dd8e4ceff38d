//go:build unix

package cognitolocal

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/childproc"
)

// installDir is where `make tools` put cognito-local. A test that needs it
// fails when it is missing (Start says to run make tools): a skipped test
// would pass CI while testing nothing.
func installDir(t *testing.T) string {
	t.Helper()
	dir, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// start runs a cognito-local on a free port for the test; its console goes
// to the test log on failure.
func start(t *testing.T) *Server {
	t.Helper()
	began := time.Now()
	s, err := Start(t.Context(), Options{Dir: installDir(t), Stdout: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cognito-local at %s, started in %s", s.Endpoint(), time.Since(began).Round(time.Millisecond))
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// testWriter logs a child's output through t, for `go test -v` and failures.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// TestStartStop starts a real cognito-local, checks where it listens, that
// a second server on the same port is refused with a clear error, and that
// Stop leaves no node process and no data folder behind.
func TestStartStop(t *testing.T) {
	t.Parallel()
	s, err := Start(context.Background(), Options{Dir: installDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })

	u, err := url.Parse(s.Endpoint())
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Port() == "" {
		t.Fatalf("Endpoint() = %q, want http://127.0.0.1:PORT", s.Endpoint())
	}
	if got, want := s.Issuer("local_abc"), s.Endpoint()+"/local_abc"; got != want {
		t.Errorf("Issuer = %q, want %q", got, want)
	}
	if got, want := s.JWKSURL("local_abc"), s.Endpoint()+"/local_abc/.well-known/jwks.json"; got != want {
		t.Errorf("JWKSURL = %q, want %q", got, want)
	}
	resp, err := http.Get(s.Endpoint() + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	port, _ := strconv.Atoi(u.Port())
	_, err = Start(context.Background(), Options{Dir: installDir(t), Port: port})
	if err == nil || !strings.Contains(err.Error(), "port "+u.Port()+" is taken") {
		t.Errorf("second Start on port %d: error = %v, want port taken", port, err)
	}

	if _, err := os.Stat(filepath.Join(s.dataDir, ".cognito", "config.json")); err != nil {
		t.Errorf("config: %v", err)
	}
	pid := s.proc.Pid()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if childproc.Alive(pid) {
		t.Errorf("node pid %d still running after Stop", pid)
	}
	if _, err := os.Stat(s.dataDir); !os.IsNotExist(err) {
		t.Errorf("data folder %s after Stop: %v, want it removed", s.dataDir, err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

// TestStartKeepsGivenDataDir: a caller's data folder outlives the server.
func TestStartKeepsGivenDataDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := Start(context.Background(), Options{Dir: installDir(t), DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".cognito", "config.json")); err != nil {
		t.Errorf("after Stop: %v, want the caller's folder kept", err)
	}
}

// TestPortTakenAfterCheck: when another program binds the port between
// Start's check and node's listen, node's EADDRINUSE is recognised (Start
// then tries another free port).
func TestPortTakenAfterCheck(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{codes: newCodeLog(), dataDir: t.TempDir()}
	err = s.start(context.Background(), node, filepath.Join(installDir(t), entryPoint), l.Addr().(*net.TCPAddr).Port, nil)
	if !errors.Is(err, errPortTaken) {
		t.Errorf("start on a bound port: error = %v, want errPortTaken", err)
	}
	if s.proc != nil && childproc.Alive(s.proc.Pid()) {
		t.Errorf("node pid %d still running after a failed start", s.proc.Pid())
	}
}

func TestStartErrors(t *testing.T) {
	ctx := context.Background()
	empty := t.TempDir()
	_, err := Start(ctx, Options{Dir: empty})
	if err == nil || !strings.Contains(err.Error(), "run make tools") {
		t.Errorf("Start without cognito-local: error = %v, want a hint to run make tools", err)
	}

	t.Setenv("PATH", empty)
	_, err = Start(ctx, Options{Dir: installDir(t)})
	if err == nil || !strings.Contains(err.Error(), "install Node.js 20") {
		t.Errorf("Start without node: error = %v, want a hint to install Node.js", err)
	}
}

func TestChildEnv(t *testing.T) {
	got := strings.Join(childEnv([]string{"PATH=/bin", "PORT=3000", "CODE=123456", "HOST=0.0.0.0", "COLUMNS=80", "HOME=/root"}), " ")
	want := "PATH=/bin HOME=/root COLUMNS=1000 AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1"
	if got != want {
		t.Errorf("childEnv = %q, want %q", got, want)
	}
}

// TestRefusesWebPages: cognito-local takes no request that a web page
// could make: none with an Origin header (a cross-origin fetch, or its
// preflight), none for another Host (DNS rebinding); the SDK's requests,
// for 127.0.0.1 or localhost and without an Origin, pass.
func TestRefusesWebPages(t *testing.T) {
	t.Parallel()
	s := start(t)
	u, err := url.Parse(s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	send := func(method, host string, header map[string]string) (int, http.Header) {
		t.Helper()
		req, err := http.NewRequest(method, s.Endpoint()+"/", strings.NewReader(`{"MaxResults":60}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header
	}
	admin := map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools"}
	withOrigin := map[string]string{"Origin": "https://evil.example"}
	for k, v := range admin {
		withOrigin[k] = v
	}
	preflight := map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "content-type,x-amz-target"}
	for _, tt := range []struct {
		name, method, host string
		header             map[string]string
	}{
		{"a cross-origin POST", "POST", u.Host, withOrigin},
		{"its preflight", "OPTIONS", u.Host, preflight},
		{"another Host", "POST", "evil.example:" + u.Port(), admin},
		{"another Host, no port", "POST", "evil.example", admin},
	} {
		status, header := send(tt.method, tt.host, tt.header)
		if status != http.StatusForbidden || header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: %d %v, want 403 without CORS headers", tt.name, status, header)
		}
	}
	for _, host := range []string{u.Host, "localhost:" + u.Port()} {
		if status, _ := send("POST", host, admin); status != http.StatusOK {
			t.Errorf("ListUserPools for Host %s without an Origin: %d, want 200", host, status)
		}
	}
}
