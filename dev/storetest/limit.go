package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// HoardingWriters is how many creates of one customer race for the last
// places under the booking limit.
const HoardingWriters = 20

// testBookingLimit: a customer holds at most the limit of active
// bookings. The next create is refused with the limit and the count; a
// cancellation, or a booking whose return day has passed, frees a place;
// a change takes none; an idempotent retry of a create that made a booking
// is still answered with it.
func testBookingLimit(t *testing.T, e *Env) {
	ctx := context.Background()
	const user = "hoarder"
	limit := rental.DefaultBookingLimit
	var made []rental.Booking
	for i := range limit {
		b := must[rental.Booking](t)(e.Service.CreateBooking(ctx, user,
			rental.BookingRequest{CarID: "ber-eco-1", Period: Period(3*i+1, 3*i+3)}, "key-"+string(rune('a'+i))))
		made = append(made, b)
	}
	wantLimit := func(held int) {
		t.Helper()
		_, err := e.Service.CreateBooking(ctx, user, rental.BookingRequest{CarID: "ber-eco-2", Period: Period(40, 42)}, "")
		wantCode(t, err, rental.CodeBookingLimitReached)
		if l := rental.AsError(err).Limit; l == nil || *l != (rental.BookingLimit{Max: limit, Held: held}) {
			t.Fatalf("limit detail %+v, want max %d, held %d", l, limit, held)
		}
	}
	wantLimit(limit)

	// A retry of the last create is its booking, not a refusal.
	again := must[rental.Booking](t)(e.Service.CreateBooking(ctx, user,
		rental.BookingRequest{CarID: "ber-eco-1", Period: Period(3*(limit-1)+1, 3*(limit-1)+3)}, "key-"+string(rune('a'+limit-1))))
	if again.ID != made[limit-1].ID {
		t.Fatalf("retry made %s, want %s", again.ID, made[limit-1].ID)
	}
	// A change keeps the count.
	ret := Today.AddDays(4)
	must[rental.Booking](t)(e.Service.UpdateBooking(ctx, user, made[0].ID, rental.BookingChange{Return: &ret}, nil))
	wantLimit(limit)

	// A cancellation frees a place, which the next create takes.
	must[rental.Booking](t)(e.Service.CancelBooking(ctx, user, made[1].ID, nil))
	must[rental.Booking](t)(e.Service.CreateBooking(ctx, user, rental.BookingRequest{CarID: "ber-eco-2", Period: Period(40, 42)}, ""))
	wantLimit(limit)

	// Once made[0]'s return day (Today+4) has passed at its location, its
	// place is free; the day of return itself still counts.
	e.Clock.Set(Start.Add(4 * 24 * time.Hour))
	wantLimit(limit)
	e.Clock.Set(Start.Add(5 * 24 * time.Hour))
	must[rental.Booking](t)(e.Service.CreateBooking(ctx, user, rental.BookingRequest{CarID: "ber-eco-2", Period: Period(50, 52)}, ""))
	wantLimit(limit)
}

// testConcurrentHoarding: one customer sends HoardingWriters creates at
// once, each for a car and month that no other asks for. Exactly the
// limit succeed, whatever the interleaving; every other is refused with
// booking_limit_reached; the customer's bookings are exactly the
// successes.
func testConcurrentHoarding(t *testing.T, e *Env) {
	ctx := context.Background()
	const user = "hoarder"
	cars := []string{"ber-eco-1", "ber-eco-2", "ber-suv-1", "ber-lux-1"}
	res := race(HoardingWriters, func(i int) outcome {
		from := 35*(i/len(cars)) + 3 // five months apart
		b, err := e.Service.CreateBooking(ctx, user, rental.BookingRequest{CarID: cars[i%len(cars)], Period: Period(from, from+2)}, "")
		return outcome{user, b, err}
	})
	ok := map[string]bool{}
	for _, r := range res {
		switch {
		case r.err == nil:
			ok[r.b.ID] = true
		case rental.ErrorCode(r.err) != rental.CodeBookingLimitReached:
			t.Errorf("create: %v, want success or booking_limit_reached", r.err)
		}
	}
	if len(ok) != rental.DefaultBookingLimit {
		t.Fatalf("%d creates succeeded, want the limit, %d", len(ok), rental.DefaultBookingLimit)
	}
	page := must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, user, rental.BookingQuery{Limit: 100}))
	if len(page.Items) != len(ok) {
		t.Fatalf("the customer has %d bookings, %d creates succeeded", len(page.Items), len(ok))
	}
	for _, b := range page.Items {
		if !ok[b.ID] {
			t.Fatalf("booking %s is not one of the successes", b.ID)
		}
	}
	audit(t, e, []string{user})
}
