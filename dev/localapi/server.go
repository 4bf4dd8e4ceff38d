package localapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/dev/httpcompress"
	"github.com/carrental/backend/pkg/apigw"
)

// API Gateway's limits ("Amazon API Gateway quotas", see the package
// comment).
const (
	// MaxPayload is the largest request body API Gateway accepts: 10 MB.
	MaxPayload = 10 << 20
	// IntegrationTimeout is how long API Gateway waits for the function.
	IntegrationTimeout = 29 * time.Second
)

// Options configures a Gateway.
type Options struct {
	// API is the template's API (Read).
	API *API
	// Handlers maps each routed function's logical ID to its handler.
	Handlers map[string]apigw.Handler
	// Verifier checks ID tokens on routes with an authorizer; it may be nil
	// only when no route has one.
	Verifier TokenVerifier
	// MaxPayload overrides MaxPayload; IntegrationTimeout overrides
	// IntegrationTimeout (tests shorten them).
	MaxPayload         int64
	IntegrationTimeout time.Duration
	// Logger receives a line for each of API Gateway's own answers (401,
	// 403, 413, 502, 504) with the reason; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock of requestTimeEpoch; nil means time.Now.
	Now func() time.Time
}

// Gateway serves the API's routes over HTTP, as API Gateway's REST proxy
// integration would: see the package comment. It is safe for concurrent
// use.
type Gateway struct {
	api      *API
	handlers map[string]apigw.Handler
	verifier TokenVerifier
	maxBody  int64
	timeout  time.Duration
	log      *slog.Logger
	now      func() time.Time
}

// New checks that every route has a handler (and a verifier where it has
// an authorizer) and returns the Gateway.
func New(opts Options) (*Gateway, error) {
	g := &Gateway{api: opts.API, handlers: opts.Handlers, verifier: opts.Verifier,
		maxBody: opts.MaxPayload, timeout: opts.IntegrationTimeout, log: opts.Logger, now: opts.Now}
	if g.api == nil {
		return nil, errors.New("localapi: no API")
	}
	var errs []error
	for _, r := range g.api.Routes {
		if g.handlers[r.Function] == nil {
			errs = append(errs, fmt.Errorf("localapi: %s: no handler for %s", r, r.Function))
		}
		if r.Authorizer != "" && g.verifier == nil {
			errs = append(errs, fmt.Errorf("localapi: %s: authorizer %s needs a token verifier", r, r.Authorizer))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if g.maxBody <= 0 {
		g.maxBody = MaxPayload
	}
	if g.timeout <= 0 {
		g.timeout = IntegrationTimeout
	}
	if g.log == nil {
		g.log = slog.Default()
	}
	if g.now == nil {
		g.now = time.Now
	}
	return g, nil
}

// Owns reports whether a request for path belongs to the API rather than
// to whatever else a server serves beside it (the web app): its first
// segment is the first segment of one of the API's routes.
func (g *Gateway) Owns(path string) bool { return g.api.owns(path) }

// ServeHTTP answers one request as API Gateway would: the route's
// preflight or handler, or one of API Gateway's own errors; compressed
// when the Api has a MinimumCompressionSize, the answer is at least that
// big and the client accepts gzip or deflate (httpcompress.APIGateway).
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if n := g.api.MinimumCompressionSize; n >= 0 {
		httpcompress.Handler(http.HandlerFunc(g.serve), httpcompress.APIGateway(n)).ServeHTTP(w, r)
		return
	}
	g.serve(w, r)
}

// serve answers one request, uncompressed.
func (g *Gateway) serve(w http.ResponseWriter, r *http.Request) {
	requestID := NewRequestID()
	path := r.URL.EscapedPath()
	m, pathKnown := g.api.find(r.Method, path)
	// SAM's OPTIONS method outranks an ANY route on the same path.
	if r.Method == http.MethodOptions && pathKnown && g.api.CORS != nil && (m.route == nil || m.route.Method == "ANY") {
		g.api.CORS.preflight(w, g.api.methods(path))
		return
	}
	fail := func(typ string, reason error) {
		g.log.LogAttrs(r.Context(), slog.LevelWarn, "gateway", slog.String("requestId", requestID),
			slog.String("method", r.Method), slog.String("path", path),
			slog.Int("status", gatewayDefaults[typ].status), slog.String("reason", reason.Error()))
		g.api.gatewayError(w, r, typ, requestID)
	}
	if m.route == nil {
		fail(respMissingAuthToken, errors.New("no route has this method and path"))
		return
	}
	body, err := readBody(r, g.maxBody)
	switch {
	case errors.Is(err, errTooLarge):
		fail(respRequestTooLarge, err)
		return
	case errors.Is(err, os.ErrDeadlineExceeded):
		fail(respRequestTimeout, err)
		return
	case err != nil:
		fail(respIncompleteBody, err)
		return
	}
	var claims map[string]string
	if name := m.route.Authorizer; name != "" {
		if claims, err = authorize(r.Context(), g.verifier, g.api.Authorizers[name], r); err != nil {
			fail(respUnauthorized, err)
			return
		}
	}
	ev := newEvent(r, eventInput{route: m.route, params: m.params, stage: g.api.Stage,
		requestID: requestID, body: body, claims: claims, now: g.now()})
	resp, err := g.invoke(r.Context(), g.handlers[m.route.Function], ev, m.route.Timeout)
	if err != nil {
		fail(g.invokeFailure(m.route, err))
		return
	}
	if err := writeResponse(w, resp, http.Header{"x-amzn-RequestId": {requestID}}); err != nil {
		fail(respDefault5XX, fmt.Errorf("%s: %w", m.route.Function, err))
	}
}

// errTooLarge marks a body over the payload limit: API Gateway's 413.
var errTooLarge = errors.New("request body too large")

// readBody reads the request body, failing with errTooLarge when it is
// over max bytes, or with the read's error when the body did not arrive
// whole: the client closed the connection in the middle of it
// (io.ErrUnexpectedEOF), or it was still sending when the server's
// ReadTimeout passed (os.ErrDeadlineExceeded).
func readBody(r *http.Request, max int64) ([]byte, error) {
	if r.ContentLength > max {
		return nil, fmt.Errorf("%w: %d bytes, over %d", errTooLarge, r.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("read the body (%d bytes arrived): %w", len(body), err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, max)
	}
	return body, nil
}

// result is what a handler returned.
type result struct {
	resp events.APIGatewayProxyResponse
	err  error
}

// invokeFailure is API Gateway's answer to a failed invocation of route's
// function, and the reason for the log.
func (g *Gateway) invokeFailure(route *Route, err error) (string, error) {
	switch {
	case errors.Is(err, errFunctionTimeout):
		// Lambda ends the invocation ("Task timed out after 10.00
		// seconds") and API Gateway answers for the failed function.
		return respDefault5XX, fmt.Errorf("%s: Task timed out after %.2f seconds", route.Function, route.Timeout.Seconds())
	case errors.Is(err, context.DeadlineExceeded):
		return respIntegrationTimeout, fmt.Errorf("%s did not answer within %s", route.Function, g.timeout)
	}
	return respDefault5XX, fmt.Errorf("%s: %w", route.Function, err)
}

// errFunctionTimeout is a function that ran past its own Timeout.
var errFunctionTimeout = errors.New("function timed out")

// invoke runs h as Lambda would: with a Lambda context (its own request
// id) whose deadline is the function's Timeout (as lambda.Start gives its
// handler the invocation's deadline), a panic turned into an error. It
// returns errFunctionTimeout when the function's Timeout passes first, and
// context.DeadlineExceeded when API Gateway's integration timeout does (the
// handler goes on in the background until it notices its context).
func (g *Gateway) invoke(ctx context.Context, h apigw.Handler, ev events.APIGatewayProxyRequest, timeout time.Duration) (events.APIGatewayProxyResponse, error) {
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	wait, byFunction := g.timeout, false
	if timeout < wait {
		wait, byFunction = timeout, true
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), wait)
	defer cancel()
	ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: NewRequestID()})
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		resp, err := h(ctx, ev)
		done <- result{resp, err}
	}()
	select {
	case res := <-done:
		return res.resp, res.err
	case <-ctx.Done():
		if byFunction {
			return events.APIGatewayProxyResponse{}, errFunctionTimeout
		}
		return events.APIGatewayProxyResponse{}, context.DeadlineExceeded
	}
}
