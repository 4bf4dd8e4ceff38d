package lambdalog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
)

// Describe picks the attributes of an invocation's line from its event and
// response: ids, route, status, dialog state. It must return no bodies,
// headers, tokens or other secrets. apigw.Outcome and lexbot.Outcome are
// the project's two.
type Describe[E, R any] func(ev E, resp R) []slog.Attr

// ErrPanic is what a wrapped handler returns when the handler panicked
// (the stack is in the log): Lambda reports it as a function error, with no
// detail for the caller.
var ErrPanic = errors.New("internal error")

// Wrap returns h with one log line per invocation, written to log when h
// returns:
//
//	{"timestamp":"...","level":"INFO","msg":"invocation","function":"car-rental-dev-get-car",
//	 "awsRequestId":"...","coldStart":true,"latencyMs":41.3, <describe's>, <the handler's>}
//
// function is the function's name (AWS_LAMBDA_FUNCTION_NAME; the folder
// name locally). coldStart is true on the first invocation of the wrapped
// handler only, which in Lambda is the container's first: build the
// wrapper once per container, before lambda.Start. A returned error is
// logged (level ERROR) and passed on. A panic that reaches Wrap (apigw and
// lexbot recover their own) is logged with its stack and returned as
// ErrPanic, so the stack never leaves the log.
func Wrap[E, R any](log *slog.Logger, function string, describe Describe[E, R], h func(context.Context, E) (R, error)) func(context.Context, E) (R, error) {
	var warm atomic.Bool
	return func(ctx context.Context, ev E) (resp R, err error) {
		start := time.Now()
		cold := !warm.Swap(true)
		inv := &invocation{}
		ctx = context.WithValue(ctx, ctxKey{}, inv)
		defer func() {
			if p := recover(); p != nil {
				var zero R
				resp, err = zero, ErrPanic
				Error(ctx, slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
			}
			if err != nil {
				Error(ctx, slog.String("error", err.Error()))
			}
			attrs := []slog.Attr{slog.String("function", function)}
			if lc, ok := lambdacontext.FromContext(ctx); ok {
				attrs = append(attrs, slog.String("awsRequestId", lc.AwsRequestID))
			}
			attrs = append(attrs, slog.Bool("coldStart", cold),
				slog.Float64("latencyMs", float64(time.Since(start).Microseconds())/1000))
			attrs = append(attrs, describe(ev, resp)...) // resp is the zero value after an error
			level, added := inv.snapshot()
			log.LogAttrs(ctx, level, "invocation", append(attrs, added...)...)
		}()
		return h(ctx, ev)
	}
}
