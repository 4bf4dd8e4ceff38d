package apigw

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/pkg/rental"
)

// reply is what a route answers: a status, a value to send as JSON and
// headers of its own (ETag, Location, Retry-After).
type reply struct {
	status int
	body   any
	header map[string]string
}

// route is a route's own work; serve does the rest.
type route func(ctx context.Context, c *call) (reply, error)

// serve runs fn on req and turns whatever comes out into a response with
// the CORS headers: a reply, an error (its *rental.Error code decides the
// status; any other error is internal) or a panic (internal, logged with
// its stack). It logs one line per request and always returns a nil error.
// name is the function's name (its folder under functions/), for the logs.
func (a *API) serve(ctx context.Context, req events.APIGatewayProxyRequest, name string, fn route) (events.APIGatewayProxyResponse, error) {
	start := time.Now()
	cold := !a.warmStart.Swap(true)
	c := newCall(req)
	r, failure := a.run(ctx, c, fn)
	if failure != nil {
		r = errorReply(failure, c.requestID())
	}
	resp, err := a.respond(c, r)
	if err != nil {
		failure = rental.AsError(fmt.Errorf("encode the response: %w", err))
		resp, _ = a.respond(c, errorReply(failure, c.requestID())) // an errorBody always encodes
	}
	a.logRequest(ctx, c, name, resp.StatusCode, failure, cold, time.Since(start))
	return resp, nil
}

// run calls fn, turning its error or panic into a *rental.Error.
func (a *API) run(ctx context.Context, c *call, fn route) (r reply, failure *rental.Error) {
	defer func() {
		if p := recover(); p != nil {
			a.log.LogAttrs(ctx, slog.LevelError, "panic", slog.String("requestId", c.requestID()),
				slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
			failure = &rental.Error{Code: rental.CodeInternal, Message: "internal error", Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	r, err := fn(ctx, c)
	if err != nil {
		return reply{}, rental.AsError(err)
	}
	return r, nil
}

// respond encodes r as the proxy integration's response.
func (a *API) respond(c *call, r reply) (events.APIGatewayProxyResponse, error) {
	body, err := json.Marshal(r.body)
	if err != nil {
		return events.APIGatewayProxyResponse{}, err
	}
	h := a.cors.headers(c.headerValue("Origin"))
	h["Content-Type"] = "application/json"
	for k, v := range r.header {
		h[k] = v
	}
	return events.APIGatewayProxyResponse{StatusCode: r.status, Headers: h, Body: string(body)}, nil
}

// logRequest writes the request's line: who asked what, the outcome ("ok"
// or the error code) and how long it took. The cause of an error goes to
// the log only, never to the client. 5xx are errors; the rest is info.
func (a *API) logRequest(ctx context.Context, c *call, name string, status int, failure *rental.Error, cold bool, took time.Duration) {
	outcome, level := "ok", slog.LevelInfo
	if failure != nil {
		outcome = string(failure.Code)
	}
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("requestId", c.requestID()),
		slog.String("route", name),
		slog.String("method", c.req.HTTPMethod),
		slog.String("resource", c.req.Resource), // the path template: ids stay out of the logs
		slog.Int("status", status),
		slog.String("outcome", outcome),
		slog.Float64("latencyMs", float64(took.Microseconds())/1000),
		slog.Bool("coldStart", cold),
	}
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		attrs = append(attrs, slog.String("awsRequestId", lc.AwsRequestID))
	}
	if failure != nil && failure.Err != nil {
		attrs = append(attrs, slog.String("cause", failure.Err.Error()))
	}
	a.log.LogAttrs(ctx, level, "request", attrs...)
}

// ok is a 200 with body.
func ok(body any) reply { return reply{status: http.StatusOK, body: body} }
