package localstack

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/testbed"
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
		t.Fatalf("%s is not set: run make test, or go run ./cmd/testbed -- go test ./dev/localstack/", testbed.EnvEndpoint)
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

// TestInvokeOnRunningStack: with a stack's state file, invoke uses its
// services. events/create-booking.json books for alice (${SUB} is her
// sub), for the days ${DATE+102} to ${DATE+105} from today; then
// ${ID_TOKEN} becomes alice's token, which the bot accepts, and the bot
// lists that booking as hers. Event renders the files the same way.
func TestInvokeOnRunningStack(t *testing.T) {
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

	// A REST event books for alice.
	rest, restOut, _ := invokeOptions(t, "create-booking", "create-booking.json")
	rest.StatePath = o.StatePath
	if err := Invoke(t.Context(), rest); err != nil {
		t.Fatal(err)
	}
	var created struct {
		StatusCode int
		Body       string
	}
	pickup := time.Now().UTC().AddDate(0, 0, 102)
	if err := json.Unmarshal(restOut.Bytes(), &created); err != nil || created.StatusCode != 201 ||
		!strings.Contains(created.Body, `"pickupDate":"`+pickup.Format(time.DateOnly)+`"`) {
		t.Fatalf("create-booking: %s (%v)", restOut, err)
	}

	// What the event command prints: the same rendering, alice's sub.
	rendered, err := Event(t.Context(), EventOptions{EventFile: rest.EventFile, StatePath: o.StatePath})
	if err != nil {
		t.Fatal(err)
	}
	if left := eventfile.Left(rendered); len(left) > 0 {
		t.Errorf("event left %v", left)
	}
	var ev struct {
		RequestContext struct {
			Authorizer struct{ Claims map[string]string }
		}
	}
	if err := json.Unmarshal(rendered, &ev); err != nil {
		t.Fatal(err)
	}
	alice, err := cognitolocal.IDToken(t.Context(), b.Pool, cognitolocal.DemoAlice, cognitolocal.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	want, err := tokenValues(alice, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if c := ev.RequestContext.Authorizer.Claims; c["sub"] != want.Sub || c["email"] != cognitolocal.DemoAlice {
		t.Errorf("event's claims %v, want alice's sub %s and e-mail", c, want.Sub)
	}

	// The bot, with alice's token, lists her booking.
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
	if day := pickup.Format("2 January 2006"); len(resp.Messages) == 0 || !strings.Contains(resp.Messages[0].Content, "one upcoming booking") ||
		!strings.Contains(resp.Messages[0].Content, day) {
		t.Errorf("the bot does not list the booking of %s as alice's: %+v", day, resp.Messages)
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

// TestEventWithoutStack: without a running stack, Event renders the dates
// and leaves the user's placeholders, saying so; with --token it renders
// them for that token's user.
func TestEventWithoutStack(t *testing.T) {
	o, _, _ := invokeOptions(t, "create-booking", "create-booking.json")
	var stderr bytes.Buffer
	today := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	out, err := Event(t.Context(), EventOptions{EventFile: o.EventFile, StatePath: o.StatePath, Today: today, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	if left := eventfile.Left(out); !slices.Equal(left, []string{eventfile.Email, eventfile.IDToken, eventfile.Sub}) {
		t.Errorf("left %v", left)
	}
	if !strings.Contains(string(out), `\"pickupDate\":\"2027-04-12\"`) {
		t.Errorf("no pickupDate of 2027-04-12 (${DATE+102} from 2026-12-31) in\n%s", out)
	}
	if !strings.Contains(stderr.String(), "no local stack is running") || !strings.Contains(stderr.String(), "${SUB}") {
		t.Errorf("stderr %q", stderr.String())
	}

	payload := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"sub-of-the-token","email":"someone@example.com"}`))
	stderr.Reset()
	out, err = Event(t.Context(), EventOptions{EventFile: o.EventFile, StatePath: o.StatePath, Token: "h." + payload + ".s", Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	if left := eventfile.Left(out); len(left) > 0 || !strings.Contains(string(out), `"sub": "sub-of-the-token"`) ||
		!strings.Contains(string(out), `"email": "someone@example.com"`) || stderr.Len() > 0 {
		t.Errorf("with --token: left %v, stderr %q\n%s", left, stderr.String(), out)
	}
	if _, err := Event(t.Context(), EventOptions{EventFile: o.EventFile, StatePath: o.StatePath, Token: "not-a-jwt"}); err == nil {
		t.Error("a token that is not a JWT was taken")
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
	o, _, stderr := invokeOptions(t, "get-car", "get-car.json")
	o.EventFile = filepath.Join(t.TempDir(), "typo.json")
	if err := os.WriteFile(o.EventFile, []byte(`{"path":"/cars/${DATE+1}","resource":"${DAET+1}"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Invoke(t.Context(), o); err == nil || !strings.Contains(err.Error(), "unknown placeholder ${DAET+1}") {
		t.Errorf("unknown placeholder: %v", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("backends started for an event that cannot render: %s", stderr)
	}
}
