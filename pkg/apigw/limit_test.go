package apigw_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/rental"
)

// limitJSON is the contract's Error body on booking_limit_reached.
type limitJSON struct {
	Error struct {
		Limit *struct {
			Max  int `json:"max"`
			Held int `json:"held"`
		} `json:"limit"`
	} `json:"error"`
}

// createFor is POST /bookings by user of car for [from, to) days after
// the suite's today.
func (e *env) createFor(t testing.TB, user, car string, from, to int) exchange {
	p := storetest.Period(from, to)
	return e.serve(t, newEvent("POST /bookings").as(user).json(fmt.Sprintf(
		`{"carId":%q,"pickupDate":%q,"returnDate":%q}`, car, p.Pickup, p.Return)).get())
}

// TestBookingLimit: the sixth active booking of one customer is a 409
// booking_limit_reached whose limit says the limit and the count, in the
// contract's shape; a cancellation frees a place; another customer is
// not affected.
func TestBookingLimit(t *testing.T) {
	e := newEnv(t)
	var first bookingJSON
	for i := range rental.DefaultBookingLimit {
		x := e.createFor(t, alice, "ber-eco-1", 3*i+1, 3*i+3)
		if i == 0 {
			x.wantOK(t, http.StatusCreated, &first)
		} else {
			x.wantOK(t, http.StatusCreated, nil)
		}
	}
	x := e.createFor(t, alice, "ber-eco-2", 1, 3)
	x.wantError(t, http.StatusConflict, "booking_limit_reached", "")
	var body limitJSON
	if err := json.Unmarshal([]byte(x.resp.Body), &body); err != nil {
		t.Fatal(err)
	}
	if l := body.Error.Limit; l == nil || l.Max != rental.DefaultBookingLimit || l.Held != rental.DefaultBookingLimit {
		t.Fatalf("limit %+v in %s, want max and held %d", l, x.resp.Body, rental.DefaultBookingLimit)
	}
	e.createFor(t, bob, "ber-eco-2", 1, 3).wantOK(t, http.StatusCreated, nil)

	e.serve(t, newEvent("DELETE /bookings/{bookingId}").as(alice).id("bookingId", first.ID).get()).wantOK(t, http.StatusOK, nil)
	e.createFor(t, alice, "ber-eco-2", 5, 7).wantOK(t, http.StatusCreated, nil)
	e.createFor(t, alice, "ber-eco-2", 9, 11).wantError(t, http.StatusConflict, "booking_limit_reached", "")
}

// TestHoardingRun is the adversarial run of issue 15: one account sends
// storetest.HoardingWriters creates at once, each for a car and month no
// other asks for. Exactly the limit are booked; every other answer is 409
// booking_limit_reached; the account's bookings are exactly the 201s.
func TestHoardingRun(t *testing.T) {
	e := newEnv(t)
	cars := []string{"ber-eco-1", "ber-eco-2", "ber-suv-1", "ber-lux-1"}
	statuses := make([]int, storetest.HoardingWriters)
	var wg sync.WaitGroup
	for i := range storetest.HoardingWriters {
		wg.Go(func() {
			from := 35*(i/len(cars)) + 3
			statuses[i] = e.createFor(t, alice, cars[i%len(cars)], from, from+2).resp.StatusCode
		})
	}
	wg.Wait()
	created := 0
	for i, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Errorf("request %d: status %d, want 201 or 409", i, s)
		}
	}
	if created != rental.DefaultBookingLimit {
		t.Fatalf("%d of %d creates booked, want the limit, %d", created, storetest.HoardingWriters, rental.DefaultBookingLimit)
	}
	var page struct{ Bookings []bookingJSON }
	e.serve(t, newEvent("GET /bookings").as(alice).query("limit", "100").get()).wantOK(t, http.StatusOK, &page)
	if len(page.Bookings) != created {
		t.Fatalf("alice has %d bookings, %d creates answered 201", len(page.Bookings), created)
	}
}
