package coldstart

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunOnceFloor builds the floor and runs it once against the runtime
// API: it asks for work, gets the event and answers 200.
func TestRunOnceFloor(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, "./floor")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	r, err := RunOnce(context.Background(), bin, []string{"AWS_LAMBDA_FUNCTION_NAME=floor"}, []byte(`{"path":"/"}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != "200" || r.Init <= 0 || r.First <= 0 {
		t.Errorf("run = %+v, want 200 and positive times", r)
	}
}

// TestRunOnceFailures: a binary that exits, or answers with an error, is
// reported with its output.
func TestRunOnceFailures(t *testing.T) {
	_, err := RunOnce(context.Background(), "/bin/sh", []string{"PATH=/usr/bin:/bin"}, nil)
	if err == nil || !strings.Contains(err.Error(), "exited before asking for work") {
		t.Errorf("err = %v", err)
	}
}

func TestMedianAndOutcome(t *testing.T) {
	if got := median([]time.Duration{5, 1, 3}); got != 3 {
		t.Errorf("median odd = %v", got)
	}
	if got := median([]time.Duration{4, 1, 3, 2}); got != 2 {
		t.Errorf("median even = %v", got)
	}
	for body, want := range map[string]string{
		`{"statusCode":404,"body":"{}"}`: "404",
		`{"sessionState":{"dialogAction":{"type":"Close"},"intent":{"name":"X","state":"Fulfilled"}}}`: "Close Fulfilled",
		`not json`: "?",
	} {
		if got := Outcome([]byte(body)); got != want {
			t.Errorf("Outcome(%s) = %q, want %q", body, got, want)
		}
	}
}
