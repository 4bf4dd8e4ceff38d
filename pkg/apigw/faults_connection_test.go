package apigw_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/carrental/backend/dev/ddbfault"
)

// TestLostConnection: a refused or reset connection and a DNS failure are
// 503 unavailable on a read and on a write, never throttled nor a 500,
// with the fixed message and nothing of the cause; and nothing was
// booked.
func TestLostConnection(t *testing.T) {
	for name, fault := range map[string]ddbfault.Fault{
		"refused": ddbfault.ConnectionRefused, "reset": ddbfault.ConnectionReset, "dns": ddbfault.DNSFailure,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, store, in := faultEnv(t, nil)
			in.Add(ddbfault.Rule{Fault: fault})
			wantServerError(t, e.serve(t, newEvent("GET /bookings").as(alice).get()), http.StatusServiceUnavailable, "unavailable")
			wantServerError(t, e.createFor(t, alice, "ber-eco-1", 3, 5), http.StatusServiceUnavailable, "unavailable")
			in.Clear()
			wantSound(t, store, alice)
			var list struct{ Bookings []bookingJSON }
			e.serve(t, newEvent("GET /bookings").as(alice).get()).wantOK(t, http.StatusOK, &list)
			if len(list.Bookings) != 0 {
				t.Fatalf("alice has %d bookings after a create that could not reach the database", len(list.Bookings))
			}
		})
	}
}

// TestRetryAfterGrows: while the database cannot be reached, each 503
// unavailable of a container asks the client to wait longer (1, 2, 4, 8,
// 16, then 30 s); a success starts again at 1.
func TestRetryAfterGrows(t *testing.T) {
	e, _, in := faultEnv(t, nil)
	in.Add(ddbfault.Rule{Fault: ddbfault.ConnectionRefused})
	list := func() exchange { return e.serve(t, newEvent("GET /bookings").as(alice).get()) }
	for _, want := range []string{"1", "2", "4", "8", "16", "30", "30"} {
		x := list()
		wantServerError(t, x, http.StatusServiceUnavailable, "unavailable")
		if got := x.resp.Headers["Retry-After"]; got != want {
			t.Fatalf("Retry-After %q, want %q", got, want)
		}
	}
	in.Clear()
	list().wantOK(t, http.StatusOK, nil)
	in.Add(ddbfault.Rule{Fault: ddbfault.ConnectionRefused})
	if got := list().resp.Headers["Retry-After"]; got != "1" {
		t.Fatalf("Retry-After after a success: %q, want 1", got)
	}
}

// TestLongOutageStaysUnavailable: 120 requests against a database that
// refuses every connection are all 503 unavailable. The SDK's retry quota
// (500 tokens, 5 a retry) runs dry after about 50 of them; the SDK then
// reports "retry quota exceeded" joined with the error that happened
// (aws-sdk-go-v2's retry middleware, errors.Join), and the store must
// still find the refused connection in it. Older SDKs dropped the cause
// there, which made a long outage a 500: this guards an upgrade.
func TestLongOutageStaysUnavailable(t *testing.T) {
	e, _, in := faultEnv(t, nil)
	in.Add(ddbfault.Rule{Fault: ddbfault.ConnectionRefused})
	const requests, workers = 120, 16
	codes := make([]string, requests)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < requests; i += workers {
				x := e.serve(t, newEvent("GET /bookings").as(alice).get())
				codes[i] = strconv.Itoa(x.resp.StatusCode) + " " + x.resp.Headers["Retry-After"]
				if x.resp.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("request %d: %d %s", i, x.resp.StatusCode, x.resp.Body)
				}
			}
		})
	}
	wg.Wait()
}
