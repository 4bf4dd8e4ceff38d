package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carrental/backend/dev/apitest"
)

// requestTimeout bounds one request: a little over API Gateway's 29 s, so
// that the gateway's own 504 arrives rather than our timeout.
const requestTimeout = 31 * time.Second

// Client makes the users' requests to the stack, times them and records
// each answer. Safe for concurrent use.
type Client struct {
	base     string
	http     *http.Client
	rec      *Recorder
	contract *Contract
}

// NewClient is a Client of the stack at base (http://localhost:PORT). Its
// connection pool keeps a connection per user, as browsers do, so that
// the figures are the API's and not TCP's.
func NewClient(base string, users int, rec *Recorder, contract *Contract) *Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2 * users
	tr.MaxIdleConnsPerHost = 2 * users
	return &Client{base: strings.TrimRight(base, "/"), http: &http.Client{Transport: tr}, rec: rec, contract: contract}
}

// Close drops the idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Call is one request of a route of the contract.
type Call struct {
	Route  string            // "PATCH /bookings/{bookingId}": the method and the contract's path
	Path   string            // "/bookings/01J...?limit=20": what is sent
	Body   string            // JSON; "" for none
	Header map[string]string // Authorization, Idempotency-Key, If-Match
}

// Answer is what a Call got: a status, or Err and status 0 when no answer
// came (refused, timed out).
type Answer struct {
	Status int
	Code   string // the error body's code, or "gateway: <message>" for API Gateway's own; "" on success
	Header http.Header
	Body   []byte
	Err    error
}

// Do sends call, records the answer under call.Route and its outcome,
// notes a status that the contract does not document for the route, and
// holds a sample of exchanges to the whole contract.
func (c *Client) Do(ctx context.Context, call Call) Answer {
	method, _, _ := strings.Cut(call.Route, " ")
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+call.Path, strings.NewReader(call.Body))
	if err != nil {
		return Answer{Err: err}
	}
	for k, v := range call.Header {
		req.Header.Set(k, v)
	}
	if call.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	began := time.Now()
	a := c.send(req)
	took := time.Since(began)
	if a.Err != nil {
		if errors.Is(ctx.Err(), context.Canceled) {
			return a // the run was interrupted: no answer to count
		}
		c.rec.Record(call.Route, 0, "no answer", took)
		c.rec.Violation(fmt.Sprintf("%s %s: no answer: %v", method, call.Path, a.Err))
		return a
	}
	outcome := strconv.Itoa(a.Status)
	if a.Code != "" {
		outcome += " " + a.Code
	}
	c.rec.Record(call.Route, a.Status, outcome, took)
	c.check(ctx, call, req, a, outcome)
	return a
}

// send makes the request and reads the answer and its error code.
func (c *Client) send(req *http.Request) Answer {
	resp, err := c.http.Do(req)
	if err != nil {
		return Answer{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return Answer{Err: err}
	}
	a := Answer{Status: resp.StatusCode, Header: resp.Header, Body: body}
	if a.Status >= 300 {
		a.Code = errorCode(body)
	}
	return a
}

// errorCode is the code of the contract's error body, or API Gateway's own
// message ({"message":"Unauthorized"}).
func errorCode(body []byte) string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
		Message string `json:"message"`
	}
	switch {
	case json.Unmarshal(body, &e) != nil:
		return "unreadable body"
	case e.Error.Code != "":
		return e.Error.Code
	case e.Message != "":
		return "gateway: " + e.Message
	}
	return "no code"
}

// check notes a status the contract does not document for the route and
// holds a sample of exchanges to the whole contract.
func (c *Client) check(ctx context.Context, call Call, req *http.Request, a Answer, outcome string) {
	if !c.contract.Allows(call.Route, a.Status) {
		c.rec.Violation(fmt.Sprintf("%s %s -> %d %s: not a status of this route in api/openapi.yaml", req.Method, call.Path, a.Status, a.Body))
		return
	}
	if !c.contract.sample(call.Route + " " + outcome) {
		return
	}
	c.rec.Checked()
	if err := c.contract.Check(ctx, req, []byte(call.Body), apitest.Response{Status: a.Status, Header: a.Header, Body: a.Body}); err != nil {
		c.rec.Violation(err.Error())
	}
}
