package localstack

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carrental/backend/internal/samtemplate"
	"github.com/carrental/backend/internal/testbed"
	"github.com/carrental/backend/pkg/lexbot"
)

func invokeOptions(t *testing.T, function, event string) (InvokeOptions, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	endpoint := os.Getenv(testbed.EnvEndpoint)
	if endpoint == "" {
		t.Fatalf("%s is not set: run make test, or go run ./cmd/testbed -- go test ./internal/localstack/", testbed.EnvEndpoint)
	}
	var stdout, stderr bytes.Buffer
	return InvokeOptions{Root: root, Function: function, EventFile: filepath.Join(root, "events", event),
		StatePath: filepath.Join(t.TempDir(), "none.json"), DynamoDBEndpoint: endpoint,
		Stdout: &stdout, Stderr: &stderr, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, &stdout, &stderr
}

// TestInvokeREST: without a running stack, invoke starts a table of its
// own with the fleet and prints the handler's response.
func TestInvokeREST(t *testing.T) {
	o, stdout, stderr := invokeOptions(t, "list-locations", "list-locations.json")
	if err := Invoke(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	var resp struct {
		StatusCode int
		Body       string
	}
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil || resp.StatusCode != 200 || !strings.Contains(resp.Body, `"ber"`) {
		t.Errorf("output %s (%v)", stdout, err)
	}
	if !strings.Contains(stderr.String(), "no local stack is running") {
		t.Errorf("stderr %q: want a note that it starts its own", stderr)
	}

	o, stdout, _ = invokeOptions(t, "get-car", "get-car.json")
	o.Out = OutText
	if err := Invoke(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if out := stdout.String(); !strings.HasPrefix(out, "HTTP 200 OK\n") || !strings.Contains(out, "\n  \"id\": \"ber-005\"") {
		t.Errorf("text output:\n%s", out)
	}
}

// TestInvokeLexOnRunningStack: with a stack's state file, invoke uses its
// services; ${ID_TOKEN} becomes alice's token, which the bot accepts.
func TestInvokeLexOnRunningStack(t *testing.T) {
	o, stdout, stderr := invokeOptions(t, LexFunction, "lex-my-bookings.json")
	tpl, err := samtemplate.Load(filepath.Join(o.Root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	b, err := StartBackends(t.Context(), BackendOptions{Root: o.Root, Template: tpl, DynamoDBEndpoint: o.DynamoDBEndpoint, Cognito: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := b.Stop(); err != nil {
			t.Error(err)
		}
	}()
	err = WriteState(o.StatePath, State{PID: os.Getpid(), URL: "http://localhost:0", DynamoDBEndpoint: b.DynamoDBEndpoint,
		TableName: b.TableName, CursorSecret: strings.Repeat("s", 32), AllowedOrigins: "*", Cognito: cognitoState(b.Pool)})
	if err != nil {
		t.Fatal(err)
	}
	if err := Invoke(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	var resp lexbot.Response
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	if len(resp.Messages) == 0 || strings.Contains(resp.Messages[0].Content, "sign in") {
		t.Errorf("the bot did not take alice's token: %+v", resp.Messages)
	}
	if !strings.Contains(stderr.String(), "on the running stack") {
		t.Errorf("stderr %q", stderr)
	}

	o.Out = OutText
	stdout.Reset()
	if err := Invoke(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout.String(), "bot: ") || !strings.Contains(stdout.String(), "(next: Close; intent MyBookings") {
		t.Errorf("text output:\n%s", stdout)
	}
}

func TestInvokeErrors(t *testing.T) {
	o, _, _ := invokeOptions(t, "no-such", "get-car.json")
	if err := Invoke(t.Context(), o); err == nil || !strings.Contains(err.Error(), "there are: cancel-booking, create-booking") {
		t.Errorf("unknown function: %v", err)
	}
	o, _, _ = invokeOptions(t, "get-car", "get-car.json")
	o.Out = "yaml"
	if err := Invoke(t.Context(), o); err == nil || !strings.Contains(err.Error(), "json or text") {
		t.Errorf("bad --out: %v", err)
	}
	o, _, _ = invokeOptions(t, "get-car", "no-such-event.json")
	if err := Invoke(t.Context(), o); err == nil || !strings.Contains(err.Error(), "no-such-event.json") {
		t.Errorf("missing event: %v", err)
	}
}
