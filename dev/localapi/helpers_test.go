package localapi

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/auth"
)

// testTemplate is a small SAM template with what Read reads: an Api with
// a stage, a minimum compression size, Cors, a Cognito authorizer and a DEFAULT_4XX gateway response,
// and functions with public, protected and greedy routes.
const testTemplate = `
Parameters:
  Stage: {Type: String, Default: test}
  AllowedOrigins: {Type: String, Default: 'https://cars.example.com'}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      MinimumCompressionSize: 1000
      Cors:
        AllowOrigin: !Sub "'${AllowedOrigins}'"
        AllowHeaders: "'Authorization,Content-Type'"
        MaxAge: "'600'"
      Auth:
        Authorizers:
          Pool:
            UserPoolArn: !GetAtt UserPool.Arn
      GatewayResponses:
        DEFAULT_4XX:
          ResponseParameters:
            Headers:
              Access-Control-Allow-Origin: !Sub "'${AllowedOrigins}'"
              Vary: "'Origin'"
              X-Echo: method.request.header.X-Test
  UserPool:
    Type: AWS::Cognito::UserPool
  ListThingsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Api:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /things, Method: get}
        Schedule:
          Type: Schedule
          Properties: {Schedule: rate(1 minute)}
  GetThingFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Api:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: '/things/{thingId}', Method: GET}
        Special:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /things/special, Method: GET}
  PutThingFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Api:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: '/things/{thingId}'
            Method: PUT
            Auth: {Authorizer: Pool}
  FilesFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Api:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: '/files/{key+}', Method: ANY}
`

// parse parses a template as the local stack does.
func parse(t testing.TB, text string) *samtemplate.Template {
	t.Helper()
	tpl, err := samtemplate.ParseWith([]byte(text), samtemplate.ParseOptions{ResourceRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// recorder is a handler that keeps the events it gets and answers with
// answer (200 {"ok":true} when nil).
type recorder struct {
	mu     sync.Mutex
	events []events.APIGatewayProxyRequest
	answer func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)
}

func (rec *recorder) handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	rec.mu.Lock()
	rec.events = append(rec.events, ev)
	answer := rec.answer
	rec.mu.Unlock()
	if answer != nil {
		return answer(ctx, ev)
	}
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: `{"ok":true}`,
		Headers: map[string]string{"Content-Type": "application/json"}}, nil
}

func (rec *recorder) last(t testing.TB) events.APIGatewayProxyRequest {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.events) == 0 {
		t.Fatal("the handler was not called")
	}
	return rec.events[len(rec.events)-1]
}

// setAnswer replaces the handler's answer (under the lock: a timed-out
// call may still be running).
func (rec *recorder) setAnswer(answer func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.answer = answer
}

func (rec *recorder) calls() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.events)
}

// bed is a Gateway on testTemplate with one recorder per function and a
// verifier of authtest's stand-in pool.
type bed struct {
	gw   *Gateway
	api  *API
	recs map[string]*recorder
	iss  *authtest.Issuer
}

func newBed(t *testing.T, opts Options) *bed {
	t.Helper()
	api, err := Read(parse(t, testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	b := &bed{api: api, recs: map[string]*recorder{}, iss: authtest.NewIssuer(t)}
	handlers := map[string]apigw.Handler{}
	for _, r := range api.Routes {
		if b.recs[r.Function] == nil {
			b.recs[r.Function] = &recorder{}
			handlers[r.Function] = b.recs[r.Function].handle
		}
	}
	v, err := auth.New(context.Background(), auth.Config{Issuer: b.iss.Issuer(), ClientID: b.iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	opts.API, opts.Handlers, opts.Verifier = api, handlers, v
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Date(2026, 11, 30, 12, 5, 11, 123e6, time.UTC) }
	}
	if b.gw, err = New(opts); err != nil {
		t.Fatal(err)
	}
	return b
}

// do sends a request through the Gateway; header holds name, value pairs.
func (b *bed) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	req.RemoteAddr = "198.51.100.7:40000"
	req.Host = "localhost:3000"
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	b.gw.ServeHTTP(w, req)
	return w
}

// wantGatewayError checks one of API Gateway's own answers: status, body
// and DEFAULT_4XX's CORS headers on a 4xx.
func wantGatewayError(t *testing.T, w *httptest.ResponseRecorder, status int, message string) {
	t.Helper()
	if w.Code != status {
		t.Errorf("status = %d, want %d (body %s)", w.Code, status, w.Body)
	}
	if got, want := strings.TrimSpace(w.Body.String()), `{"message":"`+message+`"}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if headerValue(w.Header(), "x-amzn-RequestId") == "" {
		t.Error("no x-amzn-RequestId")
	}
	if status < 500 {
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://cars.example.com" {
			t.Errorf("Access-Control-Allow-Origin = %q, want DEFAULT_4XX's", got)
		}
		if got := w.Header().Get("Vary"); got != "Origin" {
			t.Errorf("Vary = %q, want DEFAULT_4XX's", got)
		}
	}
}

// headerValue is the first value of header name, matched without regard to
// case: the gateway writes names as API Gateway spells them.
func headerValue(h http.Header, name string) string {
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}
