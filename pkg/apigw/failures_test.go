package apigw_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

// failingStore is the in-memory store with reads that fail as told: a
// panic, a throttled error, or an error that is not a *rental.Error.
type failingStore struct {
	*memstore.Store
	fail func()
	err  error
}

func (s failingStore) ListLocations(ctx context.Context) ([]rental.Location, error) {
	if s.fail != nil {
		s.fail()
	}
	if s.err != nil {
		return nil, s.err
	}
	return s.Store.ListLocations(ctx)
}

func (s failingStore) GetBooking(ctx context.Context, userID, id string) (rental.Booking, error) {
	if s.fail != nil {
		s.fail()
	}
	if s.err != nil {
		return rental.Booking{}, s.err
	}
	return s.Store.GetBooking(ctx, userID, id)
}

// TestServerErrors: a panic, a throttled store and an unexpected error
// answer 500 or 503 with the contract's body, the CORS headers, no detail
// for the client, and the detail in the log with the request id.
func TestServerErrors(t *testing.T) {
	secret := "dynamodb: table carrental-prod: connection reset by 10.0.3.7"
	tests := []struct {
		name   string
		store  failingStore
		status int
		code   string
		inLog  []string
	}{
		{"panic", failingStore{fail: func() { panic("nil map in " + secret) }}, 500, "internal", []string{`"panic":"nil map in `, secret, "goroutine"}},
		{"error", failingStore{err: errors.New(secret)}, 500, "internal", []string{`"errorCode":"internal"`, secret}},
		{"throttled", failingStore{err: &rental.Error{Code: rental.CodeThrottled, Message: "busy", Err: errors.New(secret)}},
			503, "throttled", []string{`"errorCode":"throttled"`, secret}},
		{"unknown code", failingStore{err: &rental.Error{Code: "quota_exceeded", Message: secret}}, 500, "internal", []string{`"errorCode":"quota_exceeded"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.store.Store = memstore.New()
			e := newEnvOn(t, tt.store)
			for _, ev := range []*event{
				newEvent("GET /locations"),
				newEvent("GET /bookings/{bookingId}").id("bookingId", "b1").as(alice),
			} {
				x := e.serve(t, ev.get())
				x.wantError(t, tt.status, tt.code, "")
				if strings.Contains(x.resp.Body, secret) || strings.Contains(x.resp.Body, "goroutine") {
					t.Errorf("the body shows the cause: %s", x.resp.Body)
				}
				wantRetryAfter(t, x, tt.code)
				logs := e.logs.String()
				for _, want := range append(tt.inLog, `"apiRequestId":"`+ev.ev.RequestContext.RequestID+`"`, `"level":"ERROR"`) {
					if !strings.Contains(logs, want) {
						t.Errorf("log lacks %q:\n%s", want, logs)
					}
				}
			}
		})
	}
}

// TestRequestLog: one line per request (lambdalog.Wrap with Outcome), with
// what DESIGN.md asks for; the second request to a handler is warm.
func TestRequestLog(t *testing.T) {
	e := newEnvOn(t, memstore.New())
	ev := newEvent("GET /locations")
	e.serve(t, ev.get()).wantOK(t, http.StatusOK, nil)
	e.serve(t, newEvent("GET /cars").get()).wantError(t, http.StatusBadRequest, "validation_failed", "locationId")
	e.serve(t, newEvent("GET /cars").get()).wantError(t, http.StatusBadRequest, "validation_failed", "locationId")
	lines := strings.Split(strings.TrimSpace(e.logs.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("log lines:\n%s", e.logs.String())
	}
	for _, want := range []string{`"level":"INFO"`, `"msg":"invocation"`, `"apiRequestId":"` + ev.ev.RequestContext.RequestID + `"`,
		`"function":"list-locations"`, `"route":"list-locations"`, `"method":"GET"`, `"resource":"/locations"`, `"status":200`,
		`"latencyMs":`, `"coldStart":true`} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("first line lacks %s: %s", want, lines[0])
		}
	}
	if strings.Contains(lines[0], "errorCode") {
		t.Errorf("a 200 with an error code: %s", lines[0])
	}
	for i, cold := range []string{`"coldStart":true`, `"coldStart":false`} {
		for _, want := range []string{`"route":"list-cars"`, `"status":400`, `"errorCode":"validation_failed"`, cold} {
			if !strings.Contains(lines[1+i], want) {
				t.Errorf("line %d lacks %s: %s", 2+i, want, lines[1+i])
			}
		}
	}
}
