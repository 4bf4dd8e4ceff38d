package apigw_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carrental/backend/dev/ddbfault"
	"github.com/carrental/backend/pkg/rental"
)

// TestFaultsAtEveryRoute crosses every route with DynamoDB faults: the
// API answers 503 with Retry-After (and nothing of the cause) when the
// faults last, its code saying what happened: throttled for DynamoDB's
// throttling and for conflicts that never end, unavailable for server
// errors and timeouts, and succeeds when the SDK's retries (or, for a
// transaction that met a conflict, the store's) get through. Afterwards
// the store is sound: a refused write left nothing behind, an accepted
// one is all there. It guards mapErr's classification, the retry paths
// and the 5xx bodies of the adapter. Reports the faults injected.
func TestFaultsAtEveryRoute(t *testing.T) {
	const twi = "TransactWriteItems"
	faults := []struct {
		name       string
		rule       ddbfault.Rule
		writesOnly bool
		ok         bool   // the request succeeds; otherwise 503
		code       string // the 503's
	}{
		{"throttled", ddbfault.Rule{Fault: ddbfault.Throttle}, false, false, "throttled"},
		{"500s", ddbfault.Rule{Fault: ddbfault.ServerError}, false, false, "unavailable"},
		{"timeouts", ddbfault.Rule{Fault: ddbfault.Timeout(30 * time.Millisecond)}, false, false, "unavailable"},
		{"one throttle", ddbfault.Rule{Times: 1, Fault: ddbfault.Throttle}, false, true, ""},
		{"one 500", ddbfault.Rule{Times: 1, Fault: ddbfault.ServerError}, false, true, ""},
		{"one timeout", ddbfault.Rule{Times: 1, Fault: ddbfault.Timeout(30 * time.Millisecond)}, false, true, ""},
		{"two transaction conflicts", ddbfault.Rule{Op: twi, Times: 2, Fault: ddbfault.TransactionConflict}, true, true, ""},
		{"transaction conflicts", ddbfault.Rule{Op: twi, Fault: ddbfault.TransactionConflict}, true, false, "throttled"},
		{"transactions throttled", ddbfault.Rule{Op: twi, Fault: ddbfault.Throttle}, true, false, "throttled"},
		{"transactions answer 500", ddbfault.Rule{Op: twi, Fault: ddbfault.ServerError}, true, false, "unavailable"},
	}
	var injected atomic.Int64
	t.Cleanup(func() { t.Logf("faults injected: %d", injected.Load()) })
	for _, f := range faults {
		for _, r := range faultRoutes {
			if f.writesOnly && !r.writes {
				continue
			}
			t.Run(f.name+"/"+r.route, func(t *testing.T) {
				t.Parallel()
				e, store, in := faultEnv(t, nil)
				var booking string
				if r.needsBooking {
					booking = e.book(t, alice, "ber-eco-1", pickup, ret).ID
				}
				in.Add(f.rule)
				x := e.serve(t, r.request(booking).get())
				in.Clear()
				n := 0
				for _, c := range in.Injected() {
					n += c
				}
				injected.Add(int64(n))
				if n == 0 {
					t.Fatal("no fault was injected: the case tests nothing")
				}
				if !f.ok {
					wantServerError(t, x, http.StatusServiceUnavailable, f.code)
				} else if x.resp.StatusCode != r.status {
					t.Fatalf("%d %s, want %d", x.resp.StatusCode, x.resp.Body, r.status)
				}
				r.check(t, e, booking, x, f.ok)
				wantSound(t, store, alice)
			})
		}
	}
}

// faultRoute is one route's request in TestFaultsAtEveryRoute and what it
// leaves in the store.
type faultRoute struct {
	route        string
	writes       bool
	needsBooking bool // alice's booking of ber-eco-1 is made first
	status       int  // on success
	request      func(booking string) *event
}

var faultRoutes = []faultRoute{
	{"GET /locations", false, false, http.StatusOK, func(string) *event { return newEvent("GET /locations") }},
	{"GET /cars", false, false, http.StatusOK, func(string) *event {
		return newEvent("GET /cars").query("locationId", "BER").query("pickupDate", pickup).query("returnDate", ret)
	}},
	{"GET /cars/{carId}", false, false, http.StatusOK, func(string) *event {
		return newEvent("GET /cars/{carId}").id("carId", "ber-suv-1")
	}},
	{"POST /bookings", true, false, http.StatusCreated, func(string) *event {
		return newEvent("POST /bookings").as(alice).header("Idempotency-Key", "fault-1").
			json(fmt.Sprintf(`{"carId":"ber-suv-1","pickupDate":%q,"returnDate":%q}`, pickup, ret))
	}},
	{"GET /bookings", false, true, http.StatusOK, func(string) *event { return newEvent("GET /bookings").as(alice) }},
	{"GET /bookings/{bookingId}", false, true, http.StatusOK, func(b string) *event {
		return newEvent("GET /bookings/{bookingId}").id("bookingId", b).as(alice)
	}},
	{"PATCH /bookings/{bookingId}", true, true, http.StatusOK, func(b string) *event {
		return newEvent("PATCH /bookings/{bookingId}").id("bookingId", b).as(alice).header("If-Match", `"1"`).
			json(`{"returnDate":"2026-12-14"}`)
	}},
	{"DELETE /bookings/{bookingId}", true, true, http.StatusOK, func(b string) *event {
		return newEvent("DELETE /bookings/{bookingId}").id("bookingId", b).as(alice)
	}},
}

// check fails t unless the store holds what the client was told: after a
// success, the write; after a 503, no trace of it.
func (r faultRoute) check(t *testing.T, e *env, booking string, x exchange, ok bool) {
	t.Helper()
	ctx := context.Background()
	page, err := e.svc.ListBookings(ctx, alice, rental.BookingQuery{})
	if err != nil {
		t.Fatal(err)
	}
	mine := map[string]rental.Booking{}
	for _, b := range page.Items {
		mine[b.ID] = b
	}
	want := 0
	if r.needsBooking {
		want++
	}
	switch r.route {
	case "POST /bookings":
		if ok {
			want++
			var made bookingJSON
			x.wantOK(t, http.StatusCreated, &made)
			if _, found := mine[made.ID]; !found {
				t.Errorf("booking %s was answered 201 but is not stored", made.ID)
			}
		}
	case "PATCH /bookings/{bookingId}":
		if b := mine[booking]; ok != (b.Version == 2 && b.Period.Return.String() == "2026-12-14") {
			t.Errorf("after a %d the booking is %+v", x.resp.StatusCode, b)
		}
	case "DELETE /bookings/{bookingId}":
		if b := mine[booking]; ok != (b.Status == rental.Cancelled && b.Version == 2) {
			t.Errorf("after a %d the booking is %+v", x.resp.StatusCode, b)
		}
	}
	if len(mine) != want {
		t.Errorf("alice has %d bookings, want %d", len(mine), want)
	}
}
