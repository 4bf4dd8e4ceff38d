package rental_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

// wantInternal checks that err is internal (an *Error with that code, or
// any other error: doc.go) and that what a user is shown has no detail of
// its cause.
func wantInternal(t testing.TB, err error, secret string) {
	t.Helper()
	if err == nil || rental.ErrorCode(err) != rental.CodeInternal {
		t.Fatalf("err = %v, want internal", err)
	}
	if e := rental.AsError(err); e.Code != rental.CodeInternal || len(e.Violations) != 0 || (secret != "" && strings.Contains(e.Message, secret)) {
		t.Errorf("internal message %q shows %q", e.Message, secret)
	}
}

// TestBadTimeZone: a location with a zone that does not exist makes every
// dated request there internal, never a wrong "today".
func TestBadTimeZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	noErr(t, e.store.PutLocation(ctx, rental.Location{ID: "MAR", Name: "Mars", TimeZone: "Mars/Olympus_Mons"}))
	noErr(t, e.store.PutCar(ctx, car("m-1", "MAR", rental.Van, 100, "USD")))
	p := per("2026-12-10", "2026-12-12")

	page, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "MAR"})
	noErr(t, err) // no dates, no zone needed
	if len(page.Items) != 1 {
		t.Errorf("ListCars(MAR) = %v", page.Items)
	}
	_, err = e.svc.ListCars(ctx, rental.CarQuery{LocationID: "MAR", Period: &p})
	wantInternal(t, err, "Olympus")
	_, err = e.svc.GetCar(ctx, "m-1", &p)
	wantInternal(t, err, "Olympus")
	_, err = e.svc.TodayAt(ctx, "MAR")
	wantInternal(t, err, "Olympus")
	_, err = e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "m-1", Period: p}, "")
	wantInternal(t, err, "Olympus")

	// A booking made before the zone went bad can be neither changed nor
	// cancelled while it is bad.
	mc := car("m-2", "MAR2", rental.Van, 100, "USD")
	noErr(t, e.store.PutLocation(ctx, rental.Location{ID: "MAR2", TimeZone: "UTC"}))
	noErr(t, e.store.PutCar(ctx, mc))
	b := e.book(t, "u1", "m-2", p)
	noErr(t, e.store.PutLocation(ctx, rental.Location{ID: "MAR2", TimeZone: "Nowhere/Else"}))
	e.clock.Advance(10 * time.Minute) // past the Service's location cache
	_, err = e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-13"))}, nil)
	wantInternal(t, err, "Nowhere")
	_, err = e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	wantInternal(t, err, "Nowhere")
}

// TestQuoteOverflow: a daily rate so high that the total overflows is an
// internal error everywhere, never a wrapped-around price.
func TestQuoteOverflow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	noErr(t, e.store.PutCar(ctx, car("b-gold", "BER", rental.Luxury, math.MaxInt64/2+1, "EUR")))
	p := per("2026-12-10", "2026-12-12")

	_, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BER", Type: rental.Luxury, Period: &p})
	wantInternal(t, err, "")
	_, err = e.svc.GetCar(ctx, "b-gold", &p)
	wantInternal(t, err, "")
	_, err = e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-gold", Period: p}, "")
	wantInternal(t, err, "")
	if c := e.car(t, "b-gold"); len(c.Availability.Months()) != 0 {
		t.Errorf("availability = %v", c.Availability.Masks())
	}
	b := e.book(t, "u1", "b-lux-1", p)
	_, err = e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-gold")}, nil)
	wantInternal(t, err, "")

	// One day is fine.
	o, err := e.svc.GetCar(ctx, "b-gold", ptr(per("2026-12-10", "2026-12-11")))
	noErr(t, err)
	if o.Quote.Total.Amount != math.MaxInt64/2+1 {
		t.Errorf("one day = %v", o.Quote.Total)
	}
}

// failing is a Store whose reads fail when told to.
type failing struct {
	*memstore.Store
	locations, cars atomic.Bool
}

var errDisk = errors.New("disk on fire at 10.0.0.7")

func (f *failing) ListLocations(ctx context.Context) ([]rental.Location, error) {
	if f.locations.Load() {
		return nil, errDisk
	}
	return f.Store.ListLocations(ctx)
}

func (f *failing) ListCars(ctx context.Context, q rental.CarFilter) (rental.Page[rental.Car], error) {
	if f.cars.Load() {
		return rental.Page[rental.Car]{}, errDisk
	}
	return f.Store.ListCars(ctx, q)
}

// TestStoreErrors: a store failure reaches the caller as internal, with no
// detail.
func TestStoreErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	f := &failing{Store: e.store}
	svc := rental.NewService(f, rental.WithClock(e.clock.Now))
	p := per("2026-12-10", "2026-12-12")

	f.locations.Store(true)
	_, err := svc.ListLocations(ctx)
	wantInternal(t, err, "10.0.0.7")
	_, err = svc.ListCars(ctx, rental.CarQuery{LocationID: "BER"})
	wantInternal(t, err, "10.0.0.7")
	_, err = svc.GetCar(ctx, "b-eco-1", &p)
	wantInternal(t, err, "10.0.0.7")
	_, err = svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-eco-1", Period: p}, "")
	wantInternal(t, err, "10.0.0.7")
	if !errors.Is(err, errDisk) {
		t.Errorf("the cause is lost for the logs: %v", err)
	}

	f.locations.Store(false)
	f.cars.Store(true)
	_, err = svc.ListCars(ctx, rental.CarQuery{LocationID: "BER"})
	wantInternal(t, err, "10.0.0.7")
	b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-eco-1", Period: p}, "")
	noErr(t, err)

	f.locations.Store(true)
	e.clock.Advance(10 * time.Minute) // past the Service's location cache
	_, err = svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-13"))}, nil)
	wantInternal(t, err, "10.0.0.7")
	_, err = svc.CancelBooking(ctx, "u1", b.ID, nil)
	wantInternal(t, err, "10.0.0.7")
}
