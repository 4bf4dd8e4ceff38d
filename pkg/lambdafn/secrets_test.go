package lambdafn_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/samtemplate"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
)

// deadEnv is a function's environment whose DynamoDB refuses connections
// at once, so that requests end in server errors: the path that logs the
// most (errorCode, cause).
var deadEnv = map[string]string{
	"TABLE_NAME": "cars", "CURSOR_SECRET": strings.Repeat("s", 32), "AWS_REGION": "eu-central-1",
	"DYNAMODB_ENDPOINT": "http://127.0.0.1:1", "AWS_LAMBDA_FUNCTION_NAME": "car-rental-test-fn",
}

// TestLogsKeepSecrets feeds the REST and Lex handlers, as the functions
// wire them, events full of secrets (a bearer token, a cookie, e-mail
// addresses in claims, query, body and transcript, Lex session attributes,
// a valid and a forged ID token) and checks that the log has exactly one
// line per invocation and none of the secrets.
func TestLogsKeepSecrets(t *testing.T) {
	var logs bytes.Buffer // slog's JSON handler serialises its writes
	log := lambdalog.New(&logs, "DEBUG")
	secrets := []string{"Bearer-s3cr3t-t0ken", "cookie-s3cr3t", "maria.keller@example.com", "query-s3cr3t@example.com",
		"body-s3cr3t@example.com", "transcript-s3cr3t@example.com", "attr-s3cr3t", "lex-s3cr3t@example.com"}
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "aws-req-1"})
	invocations := 0

	// REST: create-booking, valid (a 5xx: DynamoDB is down) and with an
	// unknown property (a 400).
	h, err := lambdafn.RESTHandler(context.Background(), env(deadEnv), log, "create-booking")
	if err != nil {
		t.Fatal(err)
	}
	ev := readEvent[events.APIGatewayProxyRequest](t, "create-booking.json")
	for k, v := range map[string]string{"Authorization": "Bearer Bearer-s3cr3t-t0ken", "Cookie": "id=cookie-s3cr3t"} {
		ev.Headers[k], ev.MultiValueHeaders[k] = v, []string{v}
	}
	ev.QueryStringParameters = map[string]string{"email": "query-s3cr3t@example.com"}
	// The handler runs on the real clock: dates ahead of it, so that the
	// valid body reaches DynamoDB.
	dates := `"pickupDate":"` + time.Now().AddDate(0, 0, 30).Format(time.DateOnly) +
		`","returnDate":"` + time.Now().AddDate(0, 0, 33).Format(time.DateOnly) + `"`
	for _, body := range []string{
		`{"carId":"ber-002",` + dates + `,"locationId":"ber"}`,
		`{"carId":"ber-002",` + dates + `,"locationId":"ber","note":"body-s3cr3t@example.com"}`,
	} {
		ev.Body = body
		resp, err := h(ctx, ev)
		invocations++
		if err != nil || resp.StatusCode < 400 {
			t.Fatalf("create-booking: %d, %v; want an error status", resp.StatusCode, err)
		}
	}

	// Lex: MyBookings with a valid token (a failed turn: DynamoDB is down)
	// and with a forged one (refused).
	iss, forger := authtest.NewIssuer(t), authtest.NewIssuer(t)
	cfg, err := lambdafn.FromEnv(env(deadEnv))
	if err != nil {
		t.Fatal(err)
	}
	svc, err := lambdafn.NewService(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := auth.New(context.Background(), auth.Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	bot := lambdalog.Wrap(log, cfg.FunctionName, lexbot.Outcome, lexbot.New(svc, verifier, lexbot.Options{Logger: log}).Handle)
	for _, token := range []string{iss.IDToken("u-1", "lex-s3cr3t@example.com"), forger.IDToken("u-1", "lex-s3cr3t@example.com")} {
		secrets = append(secrets, token)
		lev := readEvent[lexbot.Event](t, "lex-my-bookings.json")
		lev.InputTranscript = "show the bookings of transcript-s3cr3t@example.com"
		lev.SessionState.SessionAttributes = map[string]string{lexbot.AttrIDToken: token, "quoteRef": "attr-s3cr3t"}
		if _, err := bot(ctx, lev); err != nil {
			t.Fatal(err)
		}
		invocations++
	}

	out := logs.String()
	if n := strings.Count(out, "\n"); n != invocations || strings.Count(out, `"msg":"invocation"`) != invocations {
		t.Errorf("%d lines for %d invocations:\n%s", n, invocations, out)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the log contains the secret %q:\n%s", s, out)
		}
	}
	for _, want := range []string{`"errorCode":"validation_failed"`, `"cause":`, `"token":"refused"`, `"awsRequestId":"aws-req-1"`,
		`"apiRequestId":"`, `"intent":"MyBookings"`, `"dialogAction":"Close"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s:\n%s", want, out)
		}
	}
}

// readEvent renders events/name for today, with the claims of a user
// whose e-mail address is one of the secrets, and decodes it.
func readEvent[E any](t *testing.T, name string) E {
	t.Helper()
	var ev E
	data, err := eventfile.Read(filepath.Join(samtemplate.MustRoot(t), "events", name), eventfile.Values{Today: time.Now(),
		IDToken: "header.payload.signature", Sub: "5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37", Email: "maria.keller@example.com"})
	if err == nil {
		err = json.Unmarshal(data, &ev)
	}
	if err != nil {
		t.Fatal(err)
	}
	return ev
}
