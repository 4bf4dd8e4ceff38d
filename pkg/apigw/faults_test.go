package apigw_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/ddbfault"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn"
)

// The fault tests run the REST handlers on the DynamoDB store on a table
// of DynamoDB Local whose client meets injected faults (dev/ddbfault:
// DynamoDB's own error answers, in its wire format, so that the SDK
// classifies and retries them as it would real ones).

// faultEnv is an env on the fixture fleet whose DynamoDB client is the
// production one (pkg/lambdafn: its retry policy, attempts and backoff) with its
// HTTP transport going through the returned injector, and through
// transport when not nil. The store keeps its production backoff too.
func faultEnv(t *testing.T, transport func(http.RoundTripper) http.RoundTripper) (*env, *dynamo.Store, *ddbfault.Injector) {
	t.Helper()
	_, table := testbed.Table(t)
	cfg := lambdafn.Config{Region: "us-east-1", TableName: table, DynamoDBEndpoint: os.Getenv(testbed.EnvEndpoint)}
	awsCfg, err := lambdafn.AWSConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := &ddbfault.Injector{}
	rt := in.Transport(nil)
	if transport != nil {
		rt = transport(rt)
	}
	client := dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		o.HTTPClient = &http.Client{Transport: rt}
	})
	store := dynamo.New(client, table, []byte("fault-test-cursor-secret-0123456"))
	return newEnvOn(t, store), store, in
}

// wantSound fails t unless the store passes storetest.Audit for users:
// no overlapping reservations, no CONFIRMED booking missing from its
// car's schedule, no schedule entry without its booking.
func wantSound(t *testing.T, store *dynamo.Store, users ...string) {
	t.Helper()
	var cars []string
	for _, c := range storetest.Cars {
		cars = append(cars, c.ID)
	}
	f, err := storetest.Audit(context.Background(), store, users, cars, storetest.Today)
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	if !f.OK() {
		t.Fatalf("audit: %s", f)
	}
}

// serverMessages are the only messages a 5xx may carry, by code.
var serverMessages = map[string]string{
	"internal":    "internal error",
	"throttled":   "the service is busy; try again in a moment",
	"unavailable": "the service could not reach its database; try again in a moment",
}

// leaks are what a client must never read in a 5xx: the SDK's and
// DynamoDB's words, our keys and table, a stack.
var leaks = []string{"dynamodb", "injected", "exception", "operation error", "api error", "statuscode",
	"request id", "requestid:", "retry", "goroutine", ".go:", "panic", "127.0.0.1", "test-", "car#", "user#", "booking#"}

// wantServerError fails t unless x is status (500 or 503) with the
// contract's error body and nothing more: code, the fixed message, the
// request id, no fields, none of the leaks; a 503 says when to retry.
func wantServerError(t *testing.T, x exchange, status int, code string) {
	t.Helper()
	x.wantError(t, status, code, "")
	var body struct {
		Error map[string]any `json:"error"`
	}
	if err := json.Unmarshal([]byte(x.resp.Body), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Error) != 3 || body.Error["message"] != serverMessages[code] {
		t.Errorf("a %d says more than code, message and requestId: %s", status, x.resp.Body)
	}
	lower := strings.ToLower(x.resp.Body)
	for _, s := range leaks {
		if strings.Contains(lower, s) {
			t.Errorf("a %d body shows %q: %s", status, s, x.resp.Body)
		}
	}
	wantRetryAfter(t, x, code)
}

// wantRetryAfter fails t unless a 503 x says when to retry: 1 s when
// throttled; 1 to 30 s when unavailable (it grows with an outage:
// TestRetryAfterGrows).
func wantRetryAfter(t *testing.T, x exchange, code string) {
	t.Helper()
	got := x.resp.Headers["Retry-After"]
	switch code {
	case "throttled":
		if got != "1" {
			t.Errorf("throttled: Retry-After = %q, want 1", got)
		}
	case "unavailable":
		if n, err := strconv.Atoi(got); err != nil || n < 1 || n > 30 {
			t.Errorf("unavailable: Retry-After = %q, want 1 to 30", got)
		}
	}
}
