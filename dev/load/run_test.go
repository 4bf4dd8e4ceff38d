package load

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/localstack"
	"github.com/carrental/backend/dev/samtemplate"
)

// TestShortRun is make load in small, against a stack served in the test
// (as LOAD_BASE_URL would name it: building and starting cmd/local as a
// child would double the test's time; make load itself does that): on
// the test run's DynamoDB Local when DYNAMODB_ENDPOINT is set, as under
// make test. 5 users on 4 hot cars for 3 s, then the audit. It wants exit
// code 0, the clean audit line last, and every route in the report.
func TestShortRun(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	statePath := serveStack(t, root)
	st, err := localstack.ReadState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Root: root, BaseURL: st.URL, StatePath: statePath, Duration: 3 * time.Second, Users: 5, HotCars: 4,
		Think: DefaultThink, Seed: 1}
	var out bytes.Buffer
	code := Run(context.Background(), cfg, &out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; code != 0 || last != "audit: 0 overlaps, 0 lost, 0 orphans, 0 5xx" {
		t.Fatalf("exit %d, last line %q:\n%s", code, last, &out)
	}
	for _, route := range routeOrder {
		if !strings.Contains(out.String(), "\n"+route+" ") {
			t.Errorf("no row for %s in the report:\n%s", route, &out)
		}
	}
	t.Logf("\n%s", &out)
}

// serveStack serves the local stack in the test process until the test
// ends and returns its state file, once the stack has served its first
// request.
func serveStack(t *testing.T, root string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	statePath := filepath.Join(t.TempDir(), "local-stack.json")
	served := make(chan error, 1)
	go func() {
		served <- localstack.Serve(ctx, localstack.ServeOptions{Root: root, Port: 0, StatePath: statePath,
			DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"), Began: time.Now(), Out: io.Discard, Log: slog.New(slog.DiscardHandler)})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("the stack: %v", err)
		}
	})
	deadline := time.After(90 * time.Second)
	for {
		if _, err := localstack.ReadState(statePath); err == nil {
			return statePath
		}
		select {
		case err := <-served:
			t.Fatalf("the stack ended during start-up: %v", err)
		case <-deadline:
			t.Fatal("the stack did not come up in 90 s")
		case <-time.After(50 * time.Millisecond):
		}
	}
}
