package localapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/ddbfault"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// deadlineTemplate has the booking route of a function whose Timeout is 2
// seconds.
const deadlineTemplate = `
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: test
      Auth:
        Authorizers:
          Pool:
            UserPoolArn: !GetAtt UserPool.Arn
  UserPool:
    Type: AWS::Cognito::UserPool
  CreateBookingFunction:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 2
      Events:
        Api:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /bookings, Method: POST, Auth: {Authorizer: Pool}}
`

// TestSlowDatabaseAnswersInsideTheTimeout: with DynamoDB hanging on every
// transaction, the real create-booking handler, run by the gateway with its
// Timeout of 2 s as Lambda runs it, answers 503 unavailable (the outcome
// unknown) before that deadline: the client never meets the 502 of a
// function that Lambda ended, although the commit never settled.
func TestSlowDatabaseAnswersInsideTheTimeout(t *testing.T) {
	t.Parallel()
	client, table := testbed.Table(t)
	in := &ddbfault.Injector{}
	store := dynamo.New(dynamodb.New(client.Options(), in.Option), table, []byte("deadline-test-cursor-secret-0123456789"))
	env := storetest.NewEnv(t, store)
	in.Add(ddbfault.Rule{Op: "TransactWriteItems", Fault: ddbfault.Timeout(time.Minute)})

	api, err := Read(parse(t, deadlineTemplate))
	if err != nil {
		t.Fatal(err)
	}
	iss := authtest.NewIssuer(t)
	v, err := auth.New(context.Background(), auth.Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	create, _ := apigw.New(env.Service, apigw.Options{}).Operation("createBooking")
	gw, err := New(Options{API: api, Handlers: map[string]apigw.Handler{"CreateBookingFunction": create}, Verifier: v,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	b := &bed{gw: gw, api: api}
	p := storetest.Period(5, 8)
	w := b.do("POST", "/bookings", fmt.Sprintf(`{"carId":"ber-eco-1","pickupDate":%q,"returnDate":%q}`, p.Pickup, p.Return),
		"Authorization", iss.IDToken("alice", "alice@example.com"), "Content-Type", "application/json", "Idempotency-Key", "slow-1")
	var body struct {
		Error struct{ Code, Message string }
	}
	_ = json.Unmarshal(w.Body.Bytes(), &body)
	if w.Code != http.StatusServiceUnavailable || body.Error.Code != string(rental.CodeUnavailable) {
		t.Fatalf("status %d %s, want 503 unavailable inside the function's Timeout", w.Code, w.Body)
	}
	if w.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if in.Injected()["TransactWriteItems"] == 0 {
		t.Fatal("no transaction was sent: the case tests nothing")
	}
}
