// Package ddbfault injects faults into a DynamoDB client for tests: the
// answers that the real service gives under load and that DynamoDB Local
// never does (throttling, 500s, timeouts, and TransactionCanceledException
// with TransactionConflict reasons).
//
// It sits in the client's HTTP transport and answers in DynamoDB's own wire
// format (status code and JSON error body with __type), so the SDK reads,
// classifies and retries an injected fault exactly as it would a real one.
// See "Error handling with DynamoDB", "Error components":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
package ddbfault

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Fault is one kind of injected failure: a response to send instead of
// DynamoDB's, or an error of the transport.
type Fault func(req *http.Request) (*http.Response, error)

// errorResponse is DynamoDB's JSON error answer.
func errorResponse(req *http.Request, status int, typ, msg string, extra map[string]any) *http.Response {
	body := map[string]any{"__type": "com.amazonaws.dynamodb.v20120810#" + typ, "message": msg}
	for k, v := range extra {
		body[k] = v
	}
	b, _ := json.Marshal(body)
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Request: req,
		Header: http.Header{"Content-Type": {"application/x-amz-json-1.0"}, "X-Amzn-Requestid": {"INJECTED"}},
		Body:   io.NopCloser(bytes.NewReader(b)), ContentLength: int64(len(b))}
}

// Throttle is ProvisionedThroughputExceededException (HTTP 400), which the
// SDK retries with backoff.
func Throttle(req *http.Request) (*http.Response, error) {
	return errorResponse(req, 400, "ProvisionedThroughputExceededException", "injected: throughput exceeded", nil), nil
}

// ServerError is InternalServerError (HTTP 500), which the SDK retries.
func ServerError(req *http.Request) (*http.Response, error) {
	return errorResponse(req, 500, "InternalServerError", "injected: internal server error", nil), nil
}

// Timeout hangs until the request's context ends (the SDK's per-attempt
// timeout or the caller's deadline), or at most d.
func Timeout(d time.Duration) Fault {
	return func(req *http.Request) (*http.Response, error) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-t.C:
			return nil, context.DeadlineExceeded
		}
	}
}

// ConnectionRefused fails the request as a dial to a closed port does:
// the database's host is up, nothing listens.
func ConnectionRefused(req *http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

// ConnectionReset fails the request as a connection that the other end
// reset while it was read.
func ConnectionReset(req *http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
}

// DNSFailure fails the request as a lookup of the endpoint's host that
// found nothing.
func DNSFailure(req *http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: req.URL.Hostname(), IsNotFound: true}}
}

// TransactionConflict is a TransactionCanceledException whose reasons say
// TransactionConflict for the first item and None for the rest, as DynamoDB
// answers when another transaction holds an item.
func TransactionConflict(req *http.Request) (*http.Response, error) {
	return errorResponse(req, 400, "TransactionCanceledException",
		"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]",
		map[string]any{"CancellationReasons": []map[string]string{
			{"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}, {"Code": "None"}}}), nil
}

// Rule injects Fault into calls of Op ("" for every operation): the next
// Times calls (0 for no limit), each with probability Rate (0 means 1).
type Rule struct {
	Op    string
	Times int
	Rate  float64
	Fault Fault
}

// Injector holds the rules. Its zero value injects nothing; it is safe for
// concurrent use.
type Injector struct {
	mu       sync.Mutex
	rules    []*Rule
	injected map[string]int
}

// Add adds a rule.
func (in *Injector) Add(r Rule) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = append(in.rules, &r)
}

// Clear removes every rule: the faults stop.
func (in *Injector) Clear() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = nil
}

// Injected counts the faults injected so far, by operation.
func (in *Injector) Injected() map[string]int {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make(map[string]int, len(in.injected))
	for k, v := range in.injected {
		out[k] = v
	}
	return out
}

// pick returns the fault for this call of op, or nil.
func (in *Injector) pick(op string) Fault {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, r := range in.rules {
		if r.Op != "" && r.Op != op {
			continue
		}
		if r.Rate > 0 && rand.Float64() >= r.Rate {
			continue
		}
		if r.Times > 0 {
			if r.Times--; r.Times == 0 {
				in.rules = append(in.rules[:i:i], in.rules[i+1:]...)
			}
		}
		if in.injected == nil {
			in.injected = map[string]int{}
		}
		in.injected[op]++
		return r.Fault
	}
	return nil
}

type transport struct {
	in   *Injector
	next http.RoundTripper
}

// RoundTrip answers with a fault when a rule says so; DynamoDB names the
// operation in the X-Amz-Target header ("DynamoDB_20120810.GetItem").
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	_, op, _ := strings.Cut(req.Header.Get("X-Amz-Target"), ".")
	if f := t.in.pick(op); f != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return f(req)
	}
	return t.next.RoundTrip(req)
}

// Transport wraps next (http.DefaultTransport when nil) with the injector.
func (in *Injector) Transport(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return transport{in: in, next: next}
}

// Option installs the injector on a client:
// dynamodb.NewFromConfig(cfg, injector.Option).
func (in *Injector) Option(o *dynamodb.Options) {
	o.HTTPClient = &http.Client{Transport: in.Transport(nil)}
}
