package localapi

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/dev/childproc"
)

// TestMissingAuthenticationToken: a path no route has, or a method its
// path lacks, is API Gateway's 403, with DEFAULT_4XX's headers (one of
// them mapped from a request header).
func TestMissingAuthenticationToken(t *testing.T) {
	b := newBed(t, Options{})
	for _, req := range [][2]string{{"GET", "/nothing"}, {"DELETE", "/things/a"}, {"POST", "/things"}, {"OPTIONS", "/nothing"}} {
		w := b.do(req[0], req[1], "", "X-Test", "echoed")
		wantGatewayError(t, w, http.StatusForbidden, "Missing Authentication Token")
		if got := w.Header().Get("X-Echo"); got != "echoed" {
			t.Errorf("%s %s: X-Echo = %q, want the request's X-Test", req[0], req[1], got)
		}
	}
}

// TestPreflight: OPTIONS on every path of the API is the Cors setting's
// answer, without a token even on a guarded path; the handler is not
// called.
func TestPreflight(t *testing.T) {
	b := newBed(t, Options{})
	for path, methods := range map[string]string{"/things": "GET,OPTIONS", "/things/x": "GET,OPTIONS,PUT", "/files/a/b": "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT"} {
		w := b.do("OPTIONS", path, "", "Origin", "https://cars.example.com", "Access-Control-Request-Method", "PUT")
		if w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Errorf("%s: status %d, body %q", path, w.Code, w.Body)
		}
		for name, want := range map[string]string{
			"Access-Control-Allow-Origin":  "https://cars.example.com",
			"Access-Control-Allow-Headers": "Authorization,Content-Type",
			"Access-Control-Allow-Methods": methods,
			"Access-Control-Max-Age":       "600",
		} {
			if got := w.Header().Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", path, name, got, want)
			}
		}
	}
	for name, rec := range b.recs {
		if rec.calls() != 0 {
			t.Errorf("%s ran on a preflight", name)
		}
	}
}

// TestRequestTooLarge: a body over the payload limit is a 413 before the
// authorizer or the handler.
func TestRequestTooLarge(t *testing.T) {
	b := newBed(t, Options{MaxPayload: 16})
	w := b.do("PATCH", "/files/a", strings.Repeat("x", 17), "Content-Type", "text/plain")
	wantGatewayError(t, w, http.StatusRequestEntityTooLarge, "Request Too Long")
	w = b.do("PATCH", "/files/a", strings.Repeat("x", 16), "Content-Type", "text/plain")
	if w.Code != http.StatusOK {
		t.Errorf("a body at the limit: %d", w.Code)
	}
	if MaxPayload != 10<<20 {
		t.Errorf("MaxPayload = %d, want API Gateway's 10 MB", MaxPayload)
	}
}

// TestIntegrationFailures: a handler that errs, panics or answers a
// malformed response is a 502; one that outlasts the timeout a 504. The
// handler runs with a Lambda context and a deadline.
func TestIntegrationFailures(t *testing.T) {
	b := newBed(t, Options{IntegrationTimeout: 50 * time.Millisecond})
	rec := b.recs["FilesFunction"]
	tests := []struct {
		name   string
		answer func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)
		status int
		msg    string
	}{
		{"error", func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			return events.APIGatewayProxyResponse{}, errors.New("boom")
		}, http.StatusBadGateway, "Internal server error"},
		{"panic", func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			panic("boom")
		}, http.StatusBadGateway, "Internal server error"},
		{"no status", func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			return events.APIGatewayProxyResponse{Body: "{}"}, nil
		}, http.StatusBadGateway, "Internal server error"},
		{"bad base64", func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			return events.APIGatewayProxyResponse{StatusCode: 200, Body: "%%%", IsBase64Encoded: true}, nil
		}, http.StatusBadGateway, "Internal server error"},
		{"timeout", func(ctx context.Context, _ events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			<-ctx.Done()
			time.Sleep(20 * time.Millisecond) // late, after the gateway has answered
			return events.APIGatewayProxyResponse{StatusCode: 200}, nil
		}, http.StatusGatewayTimeout, "Endpoint request timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec.setAnswer(tt.answer)
			wantGatewayError(t, b.do("GET", "/files/a", ""), tt.status, tt.msg)
		})
	}

	rec.setAnswer(func(ctx context.Context, _ events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		lc, ok := lambdacontext.FromContext(ctx)
		_, hasDeadline := ctx.Deadline()
		if !ok || lc.AwsRequestID == "" || !hasDeadline {
			return events.APIGatewayProxyResponse{}, errors.New("no Lambda context or deadline")
		}
		return events.APIGatewayProxyResponse{StatusCode: 204}, nil
	})
	if w := b.do("GET", "/files/a", ""); w.Code != http.StatusNoContent {
		t.Errorf("Lambda context: status %d", w.Code)
	}
}

// TestResponseMapping: status, both header maps (multi-value wins on a
// shared name) and a base64 body decoded.
func TestResponseMapping(t *testing.T) {
	b := newBed(t, Options{})
	b.recs["FilesFunction"].setAnswer(func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return events.APIGatewayProxyResponse{
			StatusCode:        201,
			Headers:           map[string]string{"Content-Type": "image/png", "X-One": "single", "X-Both": "single", "ETag": `"3"`},
			MultiValueHeaders: map[string][]string{"Set-Cookie": {"a=1", "b=2"}, "X-Both": {"multi"}},
			Body:              "iVBORw==",
			IsBase64Encoded:   true,
		}, nil
	})
	w := b.do("GET", "/files/a.png", "")
	if w.Code != 201 || w.Body.String() != "\x89PNG" {
		t.Errorf("status %d, body %q", w.Code, w.Body)
	}
	h := w.Header()
	if h.Get("Content-Type") != "image/png" || h.Get("X-One") != "single" || h["x-amzn-RequestId"] == nil ||
		!slices.Equal(h.Values("Set-Cookie"), []string{"a=1", "b=2"}) || !slices.Equal(h.Values("X-Both"), []string{"multi"}) {
		t.Errorf("headers = %v", h)
	}
	if got := h["ETag"]; len(got) != 1 || got[0] != `"3"` {
		t.Errorf(`ETag = %q: want the name as the function spells it, as API Gateway keeps it`, got)
	}
}

func TestNewChecksHandlers(t *testing.T) {
	api, err := Read(parse(t, testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{API: api})
	if err == nil || !strings.Contains(err.Error(), "no handler for GetThingFunction") ||
		!strings.Contains(err.Error(), "authorizer Pool needs a token verifier") {
		t.Errorf("New without handlers: %v", err)
	}
}

// TestIncompleteBody: a client that closes the connection in the middle of
// its body, or still trickles it at the server's ReadTimeout, is not
// logged as API Gateway's 413 (the size was fine): the log line says what
// happened, the function is not called, and a client still there gets a
// 408.
func TestIncompleteBody(t *testing.T) {
	logs := &childproc.Tail{} // safe for the server's goroutines
	b := newBed(t, Options{Logger: slog.New(slog.NewTextHandler(logs, nil))})
	srv := httptest.NewUnstartedServer(b.gw)
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()
	const head = "PATCH /files/a HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n0123456789"

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	conn.Close() // 10 of 100 bytes, then gone
	line := waitLog(t, logs, "unexpected EOF")
	if !strings.Contains(line, "status=400") || strings.Contains(line, "413") {
		t.Errorf("client gone mid-body logged as %s, want a 400 that says unexpected EOF", line)
	}

	conn, err = net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("trickled body: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || string(body) != `{"message":"Request Timeout"}` {
		t.Errorf("trickled body: %d %s, want 408", resp.StatusCode, body)
	}
	if line := waitLog(t, logs, "status=408"); !strings.Contains(line, "timeout") {
		t.Errorf("trickled body logged as %s", line)
	}
	if n := b.recs["FilesFunction"].calls(); n != 0 {
		t.Errorf("the function ran %d times on incomplete bodies", n)
	}
}

// waitLog waits up to 5 s for a log line that holds substr and returns it.
func waitLog(t *testing.T, logs *childproc.Tail, substr string) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for line := range strings.SplitSeq(logs.String(), "\n") {
			if strings.Contains(line, substr) {
				return line
			}
		}
	}
	t.Fatalf("no log line with %q in:\n%s", substr, logs.String())
	return ""
}

// TestFunctionTimeout: a function runs with its own Timeout as its
// context's deadline, and one that runs past it is answered as API Gateway
// answers for a failed function (502), not as an integration timeout.
func TestFunctionTimeout(t *testing.T) {
	b := newBed(t, Options{IntegrationTimeout: time.Second})
	for i := range b.api.Routes {
		if b.api.Routes[i].Function == "FilesFunction" {
			b.api.Routes[i].Timeout = 50 * time.Millisecond
		}
	}
	rec := b.recs["FilesFunction"]
	deadlines := make(chan time.Duration, 1) // the handler runs on the gateway's goroutine
	rec.setAnswer(func(ctx context.Context, _ events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		d, _ := ctx.Deadline()
		deadlines <- time.Until(d)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // late, after the gateway has answered
		return events.APIGatewayProxyResponse{StatusCode: 200}, nil
	})
	wantGatewayError(t, b.do("GET", "/files/a", ""), http.StatusBadGateway, "Internal server error")
	if deadline := <-deadlines; deadline <= 0 || deadline > 50*time.Millisecond {
		t.Errorf("the handler's deadline was %s away, want the function's Timeout (50ms)", deadline)
	}
}

// TestFunctionTimeoutFromTemplate: a function's Timeout is its own, else
// the Globals', else SAM's 3 s; Lambda takes whole seconds from 1 to 900.
func TestFunctionTimeoutFromTemplate(t *testing.T) {
	text := strings.Replace(testTemplate, "Resources:\n", "Globals:\n  Function:\n    Timeout: 12\nResources:\n", 1)
	text = strings.Replace(text, "  GetThingFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n",
		"  GetThingFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 4\n", 1)
	api, err := Read(parse(t, text))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range api.Routes {
		want := 12 * time.Second
		if r.Function == "GetThingFunction" {
			want = 4 * time.Second
		}
		if r.Timeout != want {
			t.Errorf("%s: Timeout %s, want %s", r, r.Timeout, want)
		}
	}
	api, err = Read(parse(t, testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	if api.Routes[0].Timeout != 3*time.Second {
		t.Errorf("no Timeout anywhere: %s, want SAM's 3s", api.Routes[0].Timeout)
	}
	for _, bad := range []string{"0", "901", "2.5", "soon"} {
		text := strings.Replace(testTemplate, "Resources:\n", "Globals:\n  Function:\n    Timeout: "+bad+"\nResources:\n", 1)
		if _, err := Read(parse(t, text)); err == nil || !strings.Contains(err.Error(), "Timeout") {
			t.Errorf("Timeout %s: err = %v", bad, err)
		}
	}
}
