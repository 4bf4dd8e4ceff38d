//go:build !notrace

// Package tracing is the project's one door to AWS X-Ray
// (github.com/aws/aws-xray-sdk-go). Everything else calls Instrument and
// Span; nothing else imports the X-Ray SDK. The X-Ray SDKs are in
// maintenance since 2026-02-25 (end of support 2027-02-25) and AWS points to
// OpenTelemetry: moving is a rewrite of this file only.
//
// Without a trace in the context (tests, the local stack) and without a
// daemon, tracing is silent: the context-missing strategy ignores the
// missing segment instead of logging an error per call (the SDK's default)
// or panicking (RUNTIME_ERROR).
//
// Built with the tag notrace (notrace.go), Instrument and Span do nothing
// and the X-Ray SDK is not linked: `make bench-coldstart` builds a function
// both ways to show what X-Ray costs in binary size and start-up time.
package tracing

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-xray-sdk-go/instrumentation/awsv2"
	"github.com/aws/aws-xray-sdk-go/strategy/ctxmissing"
	"github.com/aws/aws-xray-sdk-go/xray"
	"github.com/aws/aws-xray-sdk-go/xraylog"
)

var configure = sync.OnceFunc(func() {
	// Errors only: the SDK logs every emitted segment at info level.
	xray.SetLogger(xraylog.NewDefaultLogger(logWriter{}, xraylog.LogLevelError))
	_ = xray.Configure(xray.Config{ContextMissingStrategy: ctxmissing.NewDefaultIgnoreErrorStrategy()})
})

// Instrument adds X-Ray subsegments to every call of the SDK clients made
// from cfg: one per AWS call, with its service, operation and retries.
func Instrument(cfg *aws.Config) {
	configure()
	awsv2.AWSV2Instrumentor(&cfg.APIOptions)
}

// Span runs fn inside a subsegment called name (for example the booking
// transaction, retries included). Errors from fn are recorded and returned.
func Span(ctx context.Context, name string, fn func(context.Context) error) error {
	configure()
	return xray.Capture(ctx, name, fn)
}
