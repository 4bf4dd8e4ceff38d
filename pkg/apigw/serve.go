package apigw

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/lambdalog"
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
// status; any other error is internal) or a panic (internal, its stack in
// the log only). It always returns a nil error. What the invocation's log
// line needs beyond the event and the response (lambdalog.Wrap with
// Outcome writes it) goes there with lambdalog.Add: the route (name, the
// function's folder under functions/), the error code, and for a 5xx the
// cause.
func (a *API) serve(ctx context.Context, req events.APIGatewayProxyRequest, name string, fn route) (events.APIGatewayProxyResponse, error) {
	c := newCall(req)
	r, failure := a.run(ctx, c, fn)
	if failure != nil {
		r = a.errorReply(failure, c.requestID())
	}
	if failure == nil {
		a.outage.ended()
	}
	resp, err := a.respond(c, r)
	if err != nil {
		failure = toProblem(fmt.Errorf("encode the response: %w", err))
		resp, _ = a.respond(c, a.errorReply(failure, c.requestID())) // an errorBody always encodes
	}
	annotate(ctx, name, resp.StatusCode, failure)
	return resp, nil
}

// run calls fn, turning its error or panic into a *problem.
func (a *API) run(ctx context.Context, c *call, fn route) (r reply, failure *problem) {
	defer func() {
		if p := recover(); p != nil {
			// The stack goes to the log, never to the client.
			attrs := []slog.Attr{slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack()))}
			if !lambdalog.Error(ctx, attrs...) { // outside lambdalog.Wrap: a line of its own
				a.log.LogAttrs(ctx, slog.LevelError, "panic", append(attrs, slog.String("requestId", c.requestID()))...)
			}
			failure = &problem{code: rental.CodeInternal, message: "internal error", err: fmt.Errorf("panic: %v", p)}
		}
	}()
	r, err := fn(ctx, c)
	if err != nil {
		return reply{}, toProblem(err)
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

// annotate adds the route and how the request ended to the invocation's
// line: the error code, and for a 5xx the cause (level ERROR). The cause of
// a 4xx stays out: it may quote what the client sent.
func annotate(ctx context.Context, name string, status int, failure *problem) {
	lambdalog.Add(ctx, slog.String("route", name))
	if failure == nil {
		return
	}
	lambdalog.Add(ctx, slog.String("errorCode", string(failure.code)))
	if status >= http.StatusInternalServerError {
		cause := failure.message
		if failure.err != nil {
			cause = failure.err.Error()
		}
		lambdalog.Error(ctx, slog.String("cause", cause))
	}
}

// Outcome describes a REST invocation for lambdalog.Wrap: API Gateway's
// request id, the method, the resource (the path template: ids stay out of
// the logs) and the status. Nothing else of the request is logged: not its
// headers (Authorization), query, claims or body.
func Outcome(req events.APIGatewayProxyRequest, resp events.APIGatewayProxyResponse) []slog.Attr {
	attrs := []slog.Attr{
		slog.String("apiRequestId", req.RequestContext.RequestID),
		slog.String("method", req.HTTPMethod),
		slog.String("resource", req.Resource),
	}
	if resp.StatusCode != 0 {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	return attrs
}

// ok is a 200 with body.
func ok(body any) reply { return reply{status: http.StatusOK, body: body} }
