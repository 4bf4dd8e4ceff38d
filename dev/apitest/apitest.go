// Package apitest holds requests and responses of the REST API to its
// contract, api/openapi.yaml, with kin-openapi's openapi3filter: the
// request's path, method, parameters, headers and body against the
// operation it routes to, and the response's status (an undocumented
// status fails), headers and body against that operation's responses.
//
// The handler tests of pkg/apigw pass every exchange they make through it,
// errors included; the local stack's end-to-end test can pass real HTTP
// exchanges (Check) as the handler tests pass API Gateway events
// (CheckEvent). Security requirements are taken as met: API Gateway's
// Cognito authorizer has checked the token before a handler runs.
package apitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/carrental/backend/api"
)

// Contract is the loaded api/openapi.yaml with its router. It is safe for
// concurrent use.
type Contract struct {
	router routers.Router
}

// Load parses and validates api/openapi.yaml (see api.Load) and builds its
// router. The contract's single server is "/", so paths match at the root
// of any host.
func Load() (*Contract, error) {
	doc, err := api.Load()
	if err != nil {
		return nil, err
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("apitest: router: %w", err)
	}
	return &Contract{router: router}, nil
}

var shared = sync.OnceValues(Load)

// Shared is the Contract loaded once per test binary; it fails t when the
// contract does not load.
func Shared(t testing.TB) *Contract {
	t.Helper()
	c, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Response is an HTTP response as Check reads it.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Result is what the contract says of one exchange: Request and Response
// are nil when each conforms, else they list every violation.
type Result struct {
	Operation string // the operationId, e.g. "createBooking"
	Request   error
	Response  error
}

// Err joins Request and Response errors for a test's message; nil when the
// exchange conforms.
func (r Result) Err() error {
	switch {
	case r.Request != nil && r.Response != nil:
		return fmt.Errorf("%s: request: %v; response: %v", r.Operation, r.Request, r.Response)
	case r.Request != nil:
		return fmt.Errorf("%s: request: %w", r.Operation, r.Request)
	case r.Response != nil:
		return fmt.Errorf("%s: response: %w", r.Operation, r.Response)
	}
	return nil
}

// Check validates req, whose body is body (req.Body is not read), and resp
// against the operation that req's method and path route to. The error is
// for a request that routes to no operation of the contract (an unknown
// path or method), which makes the rest meaningless.
func (c *Contract) Check(ctx context.Context, req *http.Request, body []byte, resp Response) (Result, error) {
	route, pathParams, err := c.router.FindRoute(req)
	if err != nil {
		return Result{}, fmt.Errorf("apitest: %s %s is not in the contract: %w", req.Method, req.URL.Path, err)
	}
	req = req.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
		},
	}
	res := Result{Operation: route.Operation.OperationID}
	res.Request = openapi3filter.ValidateRequest(ctx, in)
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.Status,
		Header:                 resp.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	out.SetBodyBytes(resp.Body)
	res.Response = openapi3filter.ValidateResponse(ctx, out)
	return res, nil
}
