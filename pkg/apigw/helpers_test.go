package apigw_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/apitest"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/rental"
)

// The users of the tests: Cognito subs.
const (
	alice = "5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37" // ${SUB} of events/*.json in these tests
	bob   = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
)

// firstBookingID is the id the Service gives the first booking of a test
// env: the one events/*.json address.
const firstBookingID = "01KB2X7Q9M4N6P8R0S2T4V6W8Y"

// secondBookingID is the id of the second booking an env makes, which
// events/set-booking-status.json addresses.
const secondBookingID = "01KB2XA0C4N7Q2R5T8V1W3Y6Z9"

// webOrigin is the allowed origin of the test APIs; every test request
// comes from it unless it says otherwise.
const webOrigin = "https://cars.example.com"

// imageBase is the test APIs' ImageBaseURL.
const imageBase = "https://img.example.com"

// env is one test's API on a fresh DynamoDB Local table holding the
// fixture fleet of storetest (or the sample fleet: newSampleEnv), with the Service's clock at storetest.Start
// (2026-11-30, noon UTC) and booking ids firstBookingID, bk-0002, ...
type env struct {
	api   *apigw.API
	svc   *rental.Service
	clock *storetest.Clock
	logs  *bytes.Buffer // the API's log; the tests call handlers one at a time
	// handlers are the API's, each wrapped with lambdalog.Wrap.
	handlers map[string]apigw.Handler
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvOn(t, newStore(t))
}

// newStore is a DynamoDB store on a fresh table of DynamoDB Local.
func newStore(t *testing.T) *dynamo.Store {
	t.Helper()
	client, table := testbed.Table(t)
	return dynamo.New(client, table, []byte("test-cursor-secret-of-32-bytes!!"))
}

// newEnvOn is newEnv on any store that can be filled.
func newEnvOn(t *testing.T, store storetest.Backend) *env {
	t.Helper()
	ctx := context.Background()
	for _, l := range storetest.Locations {
		if err := store.PutLocation(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range storetest.Cars {
		if err := store.PutCar(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return newEnvFilled(t, store)
}

// newSampleEnv is an env on the sample fleet of the local stack
// (seed/fleet.json), which events/*.json name.
func newSampleEnv(t *testing.T) *env {
	t.Helper()
	fleet, err := seed.Load(filepath.Join("..", "..", seed.FleetFile))
	if err != nil {
		t.Fatal(err)
	}
	store := newStore(t)
	if err := seed.Put(context.Background(), store, fleet); err != nil {
		t.Fatal(err)
	}
	return newEnvFilled(t, store)
}

// newEnvFilled is the API on a filled store.
func newEnvFilled(t *testing.T, store rental.Store) *env {
	t.Helper()
	clock := &storetest.Clock{}
	clock.Set(storetest.Start)
	var mu sync.Mutex
	n := 0
	ids := func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		switch n {
		case 1:
			return firstBookingID
		case 2:
			return secondBookingID
		}
		return fmt.Sprintf("bk-%04d", n)
	}
	e := &env{clock: clock, logs: &bytes.Buffer{}}
	e.svc = rental.NewService(store, rental.WithClock(clock.Now), rental.WithIDs(ids))
	log := slog.New(slog.NewJSONHandler(e.logs, nil))
	e.api = apigw.New(e.svc, apigw.Options{AllowedOrigins: []string{webOrigin}, ImageBaseURL: imageBase, Logger: log,
		Uploads: fakeUploads{}})
	// As in Lambda (pkg/lambdafn): each route's handler wrapped once,
	// writing one line per request.
	e.handlers = map[string]apigw.Handler{}
	for name, h := range handlersOf(e.api) {
		e.handlers[name] = lambdalog.Wrap(log, name, apigw.Outcome, h)
	}
	return e
}

// handler is the API's handler of route, e.g. "GET /cars/{carId}".
func (e *env) handler(t testing.TB, route string) apigw.Handler {
	t.Helper()
	name, ok := routes[route]
	if !ok {
		t.Fatalf("no function serves %s", route)
	}
	return e.handlers[name]
}

// routes maps each route of the contract ("GET /cars/{carId}") to its
// function ("get-car"), as template.yaml declares them (lambdafn's
// generated routes).
var routes = func() map[string]string {
	out := map[string]string{}
	for _, r := range lambdafn.RESTRoutes() {
		out[r.Method+" "+r.Path] = r.Function
	}
	return out
}()

// handlersOf maps each REST function ("get-car") to its handler on api, as
// its Lambda main finds it.
func handlersOf(api *apigw.API) map[string]apigw.Handler {
	ops := api.Operations()
	out := map[string]apigw.Handler{}
	for _, r := range lambdafn.RESTRoutes() {
		out[r.Function] = ops[r.Operation]
	}
	return out
}

// exchange is one request to a handler and its response, held to the
// contract.
type exchange struct {
	ev     events.APIGatewayProxyRequest
	resp   events.APIGatewayProxyResponse
	result apitest.Result
}

// serve runs the handler of ev's route on ev and checks what every response
// must be: a nil error, a response that the contract allows for the
// request's operation, JSON, and the CORS headers. The request's own
// conformance is in the result, for the caller to judge.
func (e *env) serve(t testing.TB, ev events.APIGatewayProxyRequest) exchange {
	t.Helper()
	h := e.handler(t, ev.HTTPMethod+" "+ev.Resource)
	return serveWith(t, h, ev, webOrigin)
}

// serveWith is serve with any handler, and the Access-Control-Allow-Origin
// that the response must carry ("" for none).
func serveWith(t testing.TB, h apigw.Handler, ev events.APIGatewayProxyRequest, wantOrigin string) exchange {
	t.Helper()
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatalf("%s %s: handler returned error %v: API Gateway would answer 502", ev.HTTPMethod, ev.Path, err)
	}
	res, err := apitest.Shared(t).CheckEvent(context.Background(), ev, resp)
	if err != nil {
		t.Fatal(err)
	}
	if res.Response != nil {
		t.Errorf("%s %s -> %d %s\nthe response breaks the contract: %v", ev.HTTPMethod, ev.Path, resp.StatusCode, resp.Body, res.Response)
	}
	if ct := resp.Headers["Content-Type"]; ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	checkCORS(t, resp, wantOrigin)
	return exchange{ev: ev, resp: resp, result: res}
}

// checkCORS fails t unless resp carries the CORS headers, with
// Access-Control-Allow-Origin wantOrigin ("" for absent).
func checkCORS(t testing.TB, resp events.APIGatewayProxyResponse, wantOrigin string) {
	t.Helper()
	want := map[string]string{
		"Access-Control-Allow-Headers":  "Authorization,Content-Type,Idempotency-Key,If-Match",
		"Access-Control-Allow-Methods":  "GET,POST,PUT,PATCH,DELETE,OPTIONS",
		"Access-Control-Expose-Headers": "ETag,Location,Retry-After",
		"Vary":                          "Origin",
	}
	for k, v := range want {
		if got := resp.Headers[k]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	got, present := resp.Headers["Access-Control-Allow-Origin"]
	if got != wantOrigin || present != (wantOrigin != "") {
		t.Errorf("Access-Control-Allow-Origin = %q (present %v), want %q", got, present, wantOrigin)
	}
}

// wantOK fails t unless x answered status and the request conforms to the
// contract; it decodes the body into v (when not nil).
func (x exchange) wantOK(t testing.TB, status int, v any) {
	t.Helper()
	if x.resp.StatusCode != status {
		t.Fatalf("%s %s: status %d %s, want %d", x.ev.HTTPMethod, x.ev.Path, x.resp.StatusCode, x.resp.Body, status)
	}
	if x.result.Request != nil {
		t.Errorf("the contract rejects the request that the handler accepted: %v", x.result.Request)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(x.resp.Body), v); err != nil {
			t.Fatalf("body %s: %v", x.resp.Body, err)
		}
	}
}

// errorJSON is the contract's Error body.
type errorJSON struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		Limit     json.RawMessage   `json:"limit"`    // booking_limit_reached only
		Bookings  json.RawMessage   `json:"bookings"` // car_has_bookings only
		RequestID string            `json:"requestId"`
	} `json:"error"`
}

// wantError fails t unless x answered status with an error body of code,
// naming field when field is not "", and carrying the request's id.
func (x exchange) wantError(t testing.TB, status int, code, field string) errorJSON {
	t.Helper()
	if x.resp.StatusCode != status {
		t.Fatalf("%s %s: status %d %s, want %d %s", x.ev.HTTPMethod, x.ev.Path, x.resp.StatusCode, x.resp.Body, status, code)
	}
	var body errorJSON
	if err := json.Unmarshal([]byte(x.resp.Body), &body); err != nil {
		t.Fatalf("error body %s: %v", x.resp.Body, err)
	}
	if body.Error.Code != code {
		t.Errorf("code %q (%s), want %q", body.Error.Code, x.resp.Body, code)
	}
	if field != "" {
		if _, ok := body.Error.Fields[field]; !ok {
			t.Errorf("fields %v, want one for %q", body.Error.Fields, field)
		}
	}
	if body.Error.RequestID != x.ev.RequestContext.RequestID {
		t.Errorf("requestId %q, want %q", body.Error.RequestID, x.ev.RequestContext.RequestID)
	}
	if body.Error.Message == "" {
		t.Error("error without a message")
	}
	return body
}

// event builds an API Gateway REST proxy event for route ("PATCH
// /bookings/{bookingId}") from the web origin, with both header and query
// maps filled as API Gateway fills them.
type event struct {
	ev events.APIGatewayProxyRequest
}

var eventCount struct {
	sync.Mutex
	n int
}

func newEvent(route string) *event {
	method, resource, _ := strings.Cut(route, " ")
	eventCount.Lock()
	eventCount.n++
	id := fmt.Sprintf("req-%06d", eventCount.n)
	eventCount.Unlock()
	e := &event{ev: events.APIGatewayProxyRequest{Resource: resource, Path: resource, HTTPMethod: method,
		Headers: map[string]string{}, MultiValueHeaders: map[string][]string{},
		RequestContext: events.APIGatewayProxyRequestContext{RequestID: id, Stage: "test",
			ResourcePath: resource, HTTPMethod: method,
			Identity: events.APIGatewayRequestIdentity{SourceIP: "198.51.100.7"}}}}
	return e.header("Origin", webOrigin)
}

// id sets path parameter name; the path follows.
func (e *event) id(name, value string) *event {
	if e.ev.PathParameters == nil {
		e.ev.PathParameters = map[string]string{}
	}
	e.ev.PathParameters[name] = value
	e.ev.Path = strings.ReplaceAll(e.ev.Resource, "{"+name+"}", value)
	return e
}

// query adds query parameter name with values (several: a repeated one).
func (e *event) query(name string, values ...string) *event {
	if e.ev.QueryStringParameters == nil {
		e.ev.QueryStringParameters = map[string]string{}
		e.ev.MultiValueQueryStringParameters = map[string][]string{}
	}
	e.ev.QueryStringParameters[name] = values[len(values)-1]
	e.ev.MultiValueQueryStringParameters[name] = append(e.ev.MultiValueQueryStringParameters[name], values...)
	return e
}

// header sets header name to values (several: a repeated one).
func (e *event) header(name string, values ...string) *event {
	e.ev.Headers[name] = values[len(values)-1]
	e.ev.MultiValueHeaders[name] = values
	return e
}

// noHeader removes header name.
func (e *event) noHeader(name string) *event {
	delete(e.ev.Headers, name)
	delete(e.ev.MultiValueHeaders, name)
	return e
}

// json sets body as an application/json body.
func (e *event) json(body string) *event {
	e.ev.Body = body
	return e.header("Content-Type", "application/json")
}

// staff makes the request come from user as a member of the staff's
// group: cognito:groups as a REST authorizer passes a list.
func (e *event) staff(user string) *event {
	e.as(user)
	e.ev.RequestContext.Authorizer["claims"].(map[string]any)["cognito:groups"] = "[" + apigw.StaffGroup + " drivers]"
	return e
}

// fakeUploads presigns nothing: the handler's part of an upload. The
// real presign and upload run on the local stack's S3 (cmd/local).
type fakeUploads struct{}

func (fakeUploads) PresignUpload(_ context.Context, carID, contentType string) (apigw.PhotoUpload, error) {
	return apigw.PhotoUpload{URL: "http://127.0.0.1:1/images", Fields: map[string]string{"key": "cars/" + carID + "/0.jpg",
		"Content-Type": contentType, "policy": "e30="}, Key: "cars/" + carID + "/0.jpg", MaxBytes: 5 << 20,
		ExpiresAt: time.Date(2026, 11, 30, 12, 10, 0, 0, time.UTC)}, nil
}

// as makes the request come from user through the Cognito authorizer, with
// claims as a REST API passes them: every value a string. User "" gives
// claims without sub.
func (e *event) as(user string) *event {
	claims := map[string]any{"email_verified": "true", "token_use": "id", "email": "someone@example.com",
		"exp": "Mon Nov 30 13:00:00 UTC 2026"}
	if user != "" {
		claims["sub"], claims["cognito:username"] = user, user
	}
	e.ev.RequestContext.Authorizer = map[string]any{"claims": claims}
	return e.header("Authorization", "eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJ0ZXN0In0.c2ln")
}

func (e *event) get() events.APIGatewayProxyRequest {
	ev := e.ev
	ev.Headers = maps.Clone(ev.Headers)
	ev.MultiValueHeaders = maps.Clone(ev.MultiValueHeaders)
	return ev
}

// book has user book car for [pickup, return) through the API and returns
// the booking.
func (e *env) book(t testing.TB, user, car, pickup, ret string) bookingJSON {
	t.Helper()
	var b bookingJSON
	e.serve(t, newEvent("POST /bookings").as(user).
		json(fmt.Sprintf(`{"carId":%q,"pickupDate":%q,"returnDate":%q}`, car, pickup, ret)).get()).
		wantOK(t, http.StatusCreated, &b)
	return b
}

// bookingJSON is the part of a Booking the tests read.
type bookingJSON struct {
	ID         string `json:"id"`
	CarID      string `json:"carId"`
	LocationID string `json:"locationId"`
	PickupDate string `json:"pickupDate"`
	ReturnDate string `json:"returnDate"`
	Days       int    `json:"days"`
	Total      struct {
		Amount   int64  `json:"amount"`
		Currency string `json:"currency"`
	} `json:"total"`
	Status  string `json:"status"`
	Version int64  `json:"version"`
	Car     struct {
		ID       string `json:"id"`
		ImageURL string `json:"imageUrl"`
	} `json:"car"`
}

// carJSON is the part of a Car the tests read.
type carJSON struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Quote *struct {
		Days  int `json:"days"`
		Total struct {
			Amount int64 `json:"amount"`
		} `json:"total"`
	} `json:"quote"`
}

// alternativesJSON is an Alternatives body.
type alternativesJSON struct {
	Free        []carJSON `json:"free"`
	OtherTypes  []carJSON `json:"otherTypes"`
	TypeInFleet bool      `json:"typeInFleet"`
	LaterDates  *struct {
		PickupDate string  `json:"pickupDate"`
		ReturnDate string  `json:"returnDate"`
		Car        carJSON `json:"car"`
	} `json:"laterDates"`
}
