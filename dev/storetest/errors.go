package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

func testErrorPaths(t *testing.T, e *Env) {
	ctx := context.Background()
	svc := e.Service
	create := func(user, car string, p rental.Period) (rental.Booking, error) {
		return svc.CreateBooking(ctx, user, rental.BookingRequest{CarID: car, Period: p}, "")
	}

	_, err := create("alice", "no-such-car", Period(1, 2))
	wantCode(t, err, rental.CodeNotFound)

	_, err = svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "lax-van-1", LocationID: "BER", Period: Period(1, 2)}, "")
	wantCode(t, err, rental.CodeValidation)
	if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldCar || vs[0].Rule != rental.RuleNotAtLocation {
		t.Fatalf("car at another location: %v, want the car not at the location", err)
	}

	b := must[rental.Booking](t)(create("alice", "ber-eco-1", Period(5, 10)))
	for _, p := range []rental.Period{Period(5, 10), Period(4, 6), Period(9, 12), Period(6, 7), Period(1, 20)} {
		_, err = create("bob", "ber-eco-1", p)
		wantCode(t, err, rental.CodeCarUnavailable)
	}
	// Back to back is fine: the car is free again on its return date.
	must[rental.Booking](t)(create("bob", "ber-eco-1", Period(10, 12)))
	before := must[rental.Booking](t)(create("bob", "ber-eco-1", Period(3, 5)))

	// Another user's booking cannot even be addressed.
	_, err = svc.GetBooking(ctx, "bob", b.ID)
	wantCode(t, err, rental.CodeNotFound)
	_, err = svc.UpdateBooking(ctx, "bob", b.ID, rental.BookingChange{Return: ptr(Today.AddDays(11))}, nil)
	wantCode(t, err, rental.CodeNotFound)
	_, err = svc.CancelBooking(ctx, "bob", b.ID, nil)
	wantCode(t, err, rental.CodeNotFound)

	// A change onto another booking's days.
	_, err = svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Pickup: ptr(Today.AddDays(4))}, nil)
	wantCode(t, err, rental.CodeCarUnavailable)
	// A change that overlaps only itself is fine.
	b = must[rental.Booking](t)(svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Pickup: ptr(Today.AddDays(6))}, nil))

	// Version mismatch: If-Match names an old version; nothing changes.
	_, err = svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Pickup: ptr(Today.AddDays(7))}, ptr(b.Version-1))
	wantCode(t, err, rental.CodeVersionMismatch)
	if got := must[rental.Booking](t)(svc.GetBooking(ctx, "alice", b.ID)); got.Version != b.Version || got.Period != b.Period {
		t.Fatalf("a failed change changed the booking: %+v", got)
	}

	// Cancelled: cannot change.
	must[rental.Booking](t)(svc.CancelBooking(ctx, "alice", b.ID, nil))
	_, err = svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Pickup: ptr(Today.AddDays(7))}, nil)
	wantCode(t, err, rental.CodeBookingCancelled)

	// Started: on the pick-up day (in Berlin) neither change nor cancel.
	e.Clock.Set(time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)) // 2026-12-03 00:30 in Berlin
	_, err = svc.UpdateBooking(ctx, "bob", before.ID, rental.BookingChange{Return: ptr(Today.AddDays(4))}, nil)
	wantCode(t, err, rental.CodeBookingStarted)
	_, err = svc.CancelBooking(ctx, "bob", before.ID, nil)
	wantCode(t, err, rental.CodeBookingStarted)
	if got := must[rental.Booking](t)(svc.GetBooking(ctx, "bob", before.ID)); got.Status != rental.Confirmed || got.Version != 1 {
		t.Fatalf("a started booking changed: %+v", got)
	}

	// Period rules reach the store's callers as validation errors.
	_, err = create("bob", "ber-suv-1", rental.Period{Pickup: Today, Return: Today.AddDays(2)}) // today is now the 3rd
	wantCode(t, err, rental.CodeValidation)
	_, err = create("", "ber-suv-1", Period(5, 6))
	wantCode(t, err, rental.CodeUnauthorized)
}

func testIdempotency(t *testing.T, e *Env) {
	ctx := context.Background()
	svc := e.Service
	req := rental.BookingRequest{CarID: "ber-lux-1", Period: Period(2, 4)}
	first := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", req, "key-1"))
	replay := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", req, "key-1"))
	if err := sameBooking(replay, first); err != nil {
		t.Fatalf("replay: %v", err)
	}
	// The same key from another user is another key.
	other := must[rental.Booking](t)(svc.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-lux-1", Period: Period(4, 5)}, "key-1"))
	if other.ID == first.ID {
		t.Fatal("bob's key-1 replayed alice's booking")
	}
	// Same key, other body.
	_, err := svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-lux-1", Period: Period(6, 8)}, "key-1")
	wantCode(t, err, rental.CodeIdempotencyConflict)
	page := must[rental.Page[rental.Booking]](t)(svc.ListBookings(ctx, "alice", rental.BookingQuery{}))
	if len(page.Items) != 1 {
		t.Fatalf("alice has %d bookings, want 1", len(page.Items))
	}
	// A replay after the booking was cancelled returns it as it is now.
	must[rental.Booking](t)(svc.CancelBooking(ctx, "alice", first.ID, nil))
	if got := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", req, "key-1")); got.ID != first.ID || got.Status != rental.Cancelled {
		t.Fatalf("replay after cancel: %+v", got)
	}
	// Expired records count as absent, whether or not TTL deleted them yet.
	e.Clock.Set(Start.Add(rental.IdempotencyTTL + time.Minute))
	again := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-lux-1", Period: Period(6, 8)}, "key-1"))
	if again.ID == first.ID {
		t.Fatal("an expired key replayed the old booking")
	}
	if got := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-lux-1", Period: Period(6, 8)}, "key-1")); got.ID != again.ID {
		t.Fatal("the renewed key does not replay")
	}
}

func testChangeCar(t *testing.T, e *Env) {
	ctx := context.Background()
	svc := e.Service
	b := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: Period(2, 5)}, ""))
	must[rental.Booking](t)(svc.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-suv-1", Period: Period(4, 6)}, ""))

	_, err := svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{CarID: ptr("ber-suv-1")}, nil)
	wantCode(t, err, rental.CodeCarUnavailable)
	_, err = svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{CarID: ptr("lax-van-1")}, nil)
	wantCode(t, err, rental.CodeValidation)
	_, err = svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{CarID: ptr("no-such-car")}, nil)
	wantCode(t, err, rental.CodeValidation)

	up := must[rental.Booking](t)(svc.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{CarID: ptr("ber-lux-1")}, ptr(int64(1))))
	if up.CarID != "ber-lux-1" || up.Car.ID != "ber-lux-1" || up.Total.Amount != 3*19900 || up.Version != 2 {
		t.Fatalf("changed car: %+v", up)
	}
	if old := must[rental.Car](t)(e.Store.GetCar(ctx, "ber-eco-1")); len(Booked(old)) != 0 {
		t.Fatalf("old car still books %v", Booked(old))
	}
	if car := must[rental.Car](t)(e.Store.GetCar(ctx, "ber-lux-1")); !reflect.DeepEqual(Booked(car), DaysOf(b.Period)) {
		t.Fatalf("new car books %v, want %v", Booked(car), DaysOf(b.Period))
	}
}

// testPruning: the months before today's leave a car's availability when
// it is next written, so it never grows with time.
func testPruning(t *testing.T, e *Env) {
	ctx := context.Background()
	svc := e.Service
	early := must[rental.Booking](t)(svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-2", Period: Period(1, 3)}, ""))
	e.Clock.Set(Start.Add(70 * 24 * time.Hour)) // two months on: the first rental's month is over
	late := must[rental.Booking](t)(svc.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-eco-2", Period: Period(72, 74)}, ""))
	car := must[rental.Car](t)(e.Store.GetCar(ctx, "ber-eco-2"))
	if got, want := car.Availability.Months(), []rental.Month{rental.MonthOf(late.Period.Pickup)}; !reflect.DeepEqual(got, want) {
		t.Fatalf("months %v, want %v (the month of %s pruned)", got, want, early.Period)
	}
	if got, want := car.Availability.Booked(late.Period.Pickup, late.Period.Return), DaysOf(late.Period); !reflect.DeepEqual(got, want) {
		t.Fatalf("books %v, want %v", got, want)
	}
}
