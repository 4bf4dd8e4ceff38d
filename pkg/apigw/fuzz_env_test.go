package apigw_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/apitest"
	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/pkg/rental"
)

// The fuzz targets of this package (FuzzProxyEvent, FuzzProxyRequest) run
// every input on a fresh in-memory store, so that an input's answer does
// not depend on the inputs before it and a crasher replays as it failed.

// sampleFleet is seed/fleet.json, read once per test binary.
var sampleFleet = sync.OnceValues(func() (seed.Fleet, error) {
	return seed.Load(filepath.Join("..", "..", seed.FleetFile))
})

// The booking that events/create-booking.json asks for, rendered for
// storetest.Start (${DATE+102} to ${DATE+105}: 12 to 15 March 2027) as the
// seeds of testdata/fuzz/FuzzProxyEvent are, made up front with its
// Idempotency-Key: the event replays it, and the get, update and cancel
// events address it (it gets firstBookingID).
const (
	eventsCar            = "ber-002"
	eventsIdempotencyKey = "9b2e6f4a-1c3d-4e5f-8a7b-0c1d2e3f4a5b"
)

// newMemEnv is an env on a fresh memstore holding the sample fleet and
// alice's booking firstBookingID.
func newMemEnv(t *testing.T) *env {
	t.Helper()
	fleet, err := sampleFleet()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store := memstore.New()
	for _, l := range fleet.Locations {
		if err := store.PutLocation(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range fleet.Cars {
		if err := store.PutCar(ctx, c.Car); err != nil {
			t.Fatal(err)
		}
	}
	e := newEnvFilled(t, store)
	_, err = e.svc.CreateBooking(ctx, alice, rental.BookingRequest{CarID: eventsCar, LocationID: "ber",
		Period: rental.Period{Pickup: rental.MustDate("2027-03-12"), Return: rental.MustDate("2027-03-15")}}, eventsIdempotencyKey)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// operations names the contract's operation of each function.
var operations = map[string]string{
	"list-locations": "listLocations",
	"list-cars":      "listCars",
	"get-car":        "getCar",
	"create-booking": "createBooking",
	"list-bookings":  "listBookings",
	"get-booking":    "getBooking",
	"update-booking": "updateBooking",
	"cancel-booking": "cancelBooking",
}

// errorCodes are the codes of the contract's ErrorCode.
var errorCodes = map[string]bool{
	"validation_failed": true, "unauthorized": true, "not_found": true, "car_unavailable": true,
	"booking_cancelled": true, "booking_started": true, "version_mismatch": true, "idempotency_conflict": true,
	"payload_too_large": true, "unsupported_media_type": true, "throttled": true, "unavailable": true, "internal": true,
	"booking_limit_reached": true, "forbidden": true, "invalid_transition": true, "car_has_bookings": true, "already_exists": true,
}

// checkAnyResponse fails t unless resp, the answer of function name to ev
// (any event at all), is what API Gateway may pass on: no error (a 502),
// no 5xx, the CORS headers, a JSON body that is the contract's error (4xx)
// or an object (2xx), and, when ev is a request of the function's own
// operation that the contract accepts, a response the contract accepts.
func checkAnyResponse(t *testing.T, name string, ev events.APIGatewayProxyRequest, resp events.APIGatewayProxyResponse, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s returned an error (API Gateway answers 502): %v", name, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 500 {
		t.Fatalf("%s answered %d %s", name, resp.StatusCode, resp.Body)
	}
	checkAnyCORS(t, ev, resp)
	if ct := resp.Headers["Content-Type"]; ct != "application/json" {
		t.Fatalf("Content-Type %q", ct)
	}
	if resp.StatusCode >= 400 {
		var body errorJSON
		dec := json.NewDecoder(strings.NewReader(resp.Body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil {
			t.Fatalf("%d body %s is not the error shape: %v", resp.StatusCode, resp.Body, err)
		}
		if e := body.Error; !errorCodes[e.Code] || e.Message == "" || e.RequestID != ev.RequestContext.RequestID {
			t.Fatalf("%d error %+v (requestId of the event %q)", resp.StatusCode, e, ev.RequestContext.RequestID)
		}
	} else {
		var obj map[string]any
		if err := json.Unmarshal([]byte(resp.Body), &obj); err != nil || obj == nil {
			t.Fatalf("%d body %s is not a JSON object: %v", resp.StatusCode, resp.Body, err)
		}
	}
	res, err := apitest.Shared(t).CheckEvent(context.Background(), ev, resp)
	if err != nil || res.Operation != operations[name] || res.Request != nil {
		return // not an HTTP request of this operation, or one the contract refuses
	}
	if res.Response != nil {
		t.Fatalf("%s %q -> %d %s\nthe contract accepts the request but not the response: %v",
			ev.HTTPMethod, ev.Path, resp.StatusCode, resp.Body, res.Response)
	}
}

// checkAnyCORS: the fixed CORS headers always; Access-Control-Allow-Origin
// only ever names the allowed origin, is absent when the request has no
// Origin, and present when every Origin it has is the allowed one.
func checkAnyCORS(t *testing.T, ev events.APIGatewayProxyRequest, resp events.APIGatewayProxyResponse) {
	t.Helper()
	fixed := map[string]string{
		"Access-Control-Allow-Headers":  "Authorization,Content-Type,Idempotency-Key,If-Match",
		"Access-Control-Allow-Methods":  "GET,POST,PUT,PATCH,DELETE,OPTIONS",
		"Access-Control-Expose-Headers": "ETag,Location,Retry-After",
		"Vary":                          "Origin",
	}
	for k, v := range fixed {
		if got := resp.Headers[k]; got != v {
			t.Fatalf("%s = %q, want %q", k, got, v)
		}
	}
	var origins []string
	for k, v := range ev.Headers {
		if strings.EqualFold(k, "Origin") {
			origins = append(origins, v)
		}
	}
	for k, vs := range ev.MultiValueHeaders {
		if strings.EqualFold(k, "Origin") {
			origins = append(origins, vs...)
		}
	}
	allowed := len(origins) > 0
	for _, o := range origins {
		allowed = allowed && o == webOrigin
	}
	got, present := resp.Headers["Access-Control-Allow-Origin"]
	switch {
	case present && got != webOrigin:
		t.Fatalf("Access-Control-Allow-Origin %q", got)
	case present && len(origins) == 0, !present && allowed:
		t.Fatalf("Access-Control-Allow-Origin present %v for origins %q", present, origins)
	}
}
