package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// Writers is how many goroutines race for one car.
const Writers = 32

type outcome struct {
	user string
	b    rental.Booking
	err  error
}

// race runs n calls of fn at once (released together) and returns their
// outcomes.
func race(n int, fn func(i int) outcome) []outcome {
	out := make([]outcome, n)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			out[i] = fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return out
}

func users(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("user-%02d", i)
	}
	return out
}

func audit(t *testing.T, e *Env, us []string) {
	t.Helper()
	f, err := Audit(context.Background(), e.Store, us, carIDs(), Today)
	if err != nil {
		t.Fatal(err)
	}
	if !f.OK() {
		t.Fatalf("audit: %s", f)
	}
}

// testConcurrentOverlapping: 32 users book overlapping periods of one car
// at once. Whatever the interleaving: no overlap in the schedule, the
// schedule is exactly the confirmed bookings, every success exists, and
// every failure is car_unavailable (never a lost race shown as one: a
// period that was free when the loser read again is booked by it).
func testConcurrentOverlapping(t *testing.T, e *Env) {
	ctx := context.Background()
	us := users(Writers)
	rng := rand.New(rand.NewPCG(1, 2))
	periods := make([]rental.Period, Writers)
	for i := range periods {
		from := 1 + rng.IntN(12)
		periods[i] = Period(from, from+1+rng.IntN(4))
	}
	res := race(Writers, func(i int) outcome {
		b, err := e.Service.CreateBooking(ctx, us[i], rental.BookingRequest{CarID: "ber-suv-1", Period: periods[i]}, "")
		return outcome{us[i], b, err}
	})
	var won []rental.Booking
	for _, r := range res {
		switch code := rental.ErrorCode(r.err); {
		case r.err == nil:
			won = append(won, r.b)
		case code != rental.CodeCarUnavailable:
			t.Fatalf("%s: %v", r.user, r.err)
		}
	}
	if len(won) == 0 {
		t.Fatal("nobody won")
	}
	for _, b := range won {
		got, err := e.Store.GetBooking(ctx, b.UserID, b.ID)
		if err != nil || sameBooking(got, b) != nil {
			t.Fatalf("booking %s told a success is missing or differs: %v", b.ID, err)
		}
	}
	car, err := e.Store.GetCar(ctx, "ber-suv-1")
	if err != nil {
		t.Fatal(err)
	}
	var wonPeriods []rental.Period
	for _, b := range won {
		wonPeriods = append(wonPeriods, b.Period)
	}
	if got, want := Booked(car), DaysOf(wonPeriods...); !reflect.DeepEqual(got, want) {
		t.Fatalf("the car books %v, the %d winners %v", got, len(won), want)
	}
	// Every loser's period really overlaps a winner's: it lost fairly.
	for i, r := range res {
		if r.err == nil {
			continue
		}
		if car.Availability.Free(periods[i]) {
			t.Fatalf("%s was refused %s, which is free", r.user, periods[i])
		}
	}
	audit(t, e, us)
}

// testConcurrentDisjoint: disjoint periods booked at once on one car all
// succeed, however often their writers collide on the car's version.
func testConcurrentDisjoint(t *testing.T, e *Env) {
	ctx := context.Background()
	const n = 16
	us := users(n)
	res := race(n, func(i int) outcome {
		b, err := e.Service.CreateBooking(ctx, us[i], rental.BookingRequest{CarID: "ber-lux-1", Period: Period(1+2*i, 3+2*i)}, "")
		return outcome{us[i], b, err}
	})
	for _, r := range res {
		if r.err != nil {
			t.Fatalf("%s: %v", r.user, r.err)
		}
	}
	car, err := e.Store.GetCar(ctx, "ber-lux-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(Booked(car)); got != 2*n {
		t.Fatalf("the car books %d days, want %d (%d bookings of 2)", got, 2*n, n)
	}
	audit(t, e, us)
}

// testConcurrentChangeAndCancel: bookings of one car are changed, moved to
// another car and cancelled at once, while others book; the audit holds.
func testConcurrentChangeAndCancel(t *testing.T, e *Env) {
	ctx := context.Background()
	const n = 12
	us := users(n)
	var mine []rental.Booking
	for i := range n {
		b, err := e.Service.CreateBooking(ctx, us[i], rental.BookingRequest{CarID: "ber-eco-1", Period: Period(1+3*i, 3+3*i)}, "")
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, b)
	}
	res := race(3*n, func(i int) outcome {
		u, b := us[i%n], mine[i%n]
		var got rental.Booking
		var err error
		switch i / n {
		case 0: // stretch by one day: may collide with the next booking's change
			got, err = e.Service.UpdateBooking(ctx, u, b.ID, rental.BookingChange{Return: ptr(b.Period.Return.AddDays(1))}, nil)
		case 1:
			if i%2 == 0 {
				got, err = e.Service.CancelBooking(ctx, u, b.ID, nil)
			} else {
				got, err = e.Service.UpdateBooking(ctx, u, b.ID, rental.BookingChange{CarID: ptr("ber-eco-2")}, nil)
			}
		default: // newcomers try the same days on either car
			car := []string{"ber-eco-1", "ber-eco-2"}[i%2]
			got, err = e.Service.CreateBooking(ctx, u, rental.BookingRequest{CarID: car, Period: b.Period}, "")
		}
		return outcome{u, got, err}
	})
	for _, r := range res {
		switch rental.ErrorCode(r.err) {
		case rental.CodeCarUnavailable, rental.CodeBookingCancelled:
		default:
			if r.err != nil {
				t.Fatalf("%s: %v", r.user, r.err)
			}
		}
	}
	audit(t, e, us)
}

// testConcurrentIdempotentRetries: a client that retries a create while its
// first try is still running (same Idempotency-Key, same body) gets the one
// booking back from every try, never car_unavailable for its own booking.
func testConcurrentIdempotentRetries(t *testing.T, e *Env) {
	ctx := context.Background()
	const rounds, tries = 6, 4
	for round := range rounds {
		key := fmt.Sprintf("retry-%d", round)
		req := rental.BookingRequest{CarID: "akl-cmp-1", Period: rental.Period{
			Pickup: rental.MustDate("2026-12-05").AddDays(3 * round), Return: rental.MustDate("2026-12-07").AddDays(3 * round)}}
		res := race(tries, func(int) outcome {
			b, err := e.Roomy.CreateBooking(ctx, "alice", req, key)
			return outcome{"alice", b, err}
		})
		for _, r := range res {
			if r.err != nil || r.b.ID != res[0].b.ID {
				t.Fatalf("round %d: answers %+v / %v, want one booking for every try", round, r.b.ID, r.err)
			}
		}
	}
	page, err := e.Service.ListBookings(ctx, "alice", rental.BookingQuery{Limit: 100})
	if err != nil || len(page.Items) != rounds {
		t.Fatalf("alice has %d bookings (%v), want %d", len(page.Items), err, rounds)
	}
	audit(t, e, []string{"alice"})
}
