package localstack

import (
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carrental/backend/dev/localapi"
)

// TestHTTPServerTimeouts: a request must arrive whole, its body included,
// within 30 s (a client that trickles its body is cut off, as API Gateway
// would), and the answer may take the body's time plus the function's
// 29 s; idle connections are closed.
func TestHTTPServerTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > srv.ReadTimeout {
		t.Errorf("ReadHeaderTimeout = %s", srv.ReadHeaderTimeout)
	}
	if srv.ReadTimeout <= 0 || srv.ReadTimeout > 30*time.Second {
		t.Errorf("ReadTimeout = %s, want at most 30 s", srv.ReadTimeout)
	}
	if srv.WriteTimeout < srv.ReadTimeout+localapi.IntegrationTimeout || srv.WriteTimeout > 2*time.Minute {
		t.Errorf("WriteTimeout = %s, want room for the body (%s) and the function (%s), not much more",
			srv.WriteTimeout, srv.ReadTimeout, localapi.IntegrationTimeout)
	}
	if srv.IdleTimeout <= 0 {
		t.Errorf("IdleTimeout = %s", srv.IdleTimeout)
	}
}

// TestWatchChildren: a child that ends by itself is reported with how it
// ended; one that ends after Stop began is not.
func TestWatchChildren(t *testing.T) {
	var stopping atomic.Bool
	ddb, cognito := make(chan struct{}), make(chan struct{})
	died := watch([]child{
		{"DynamoDB Local", ddb, func() string { return "signal: killed; its last output:\nJetty started" }},
		{"cognito-local", cognito, func() string { return "exit status 0; no output" }},
	}, &stopping)
	select {
	case err := <-died:
		t.Fatalf("died before any child ended: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(ddb)
	select {
	case err := <-died:
		if want := "DynamoDB Local exited unexpectedly (signal: killed; its last output:\nJetty started)"; err.Error() != want {
			t.Errorf("died: %q, want %q", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no word of DynamoDB Local's end")
	}
	stopping.Store(true)
	close(cognito)
	select {
	case err := <-died:
		t.Errorf("reported a child that ended during Stop: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
}
