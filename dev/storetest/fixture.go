// Package storetest is the contract suite that every rental.Store passes:
// the in-memory fake (dev/memstore) and the DynamoDB store
// (pkg/dynamo, against DynamoDB Local). It drives the store through
// rental.Service, so it proves the rules and the store together: round
// trips, every error path, races and a randomized run against a model.
package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// Backend is a store that the suite can fill.
type Backend interface {
	rental.Store
	rental.Fleet
}

// Clock is a settable clock for the Service.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Start is the suite's "now": noon UTC on 2026-11-30, which is already
// 2026-12-01 in Auckland.
var Start = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// Today at the Berlin location at Start.
var Today = rental.MustDate("2026-11-30")

// Locations of the fixture, in three time zones.
var Locations = []rental.Location{
	{ID: "AKL", Name: "Auckland Airport", City: "Auckland", Country: "NZ", TimeZone: "Pacific/Auckland", Address: "Ray Emery Dr, Auckland 2022", Currency: "NZD"},
	{ID: "BER", Name: "Berlin Hauptbahnhof", City: "Berlin", Country: "DE", TimeZone: "Europe/Berlin", Address: "Europaplatz 1, 10557 Berlin", Currency: "EUR"},
	{ID: "LAX", Name: "Los Angeles Airport", City: "Los Angeles", Country: "US", TimeZone: "America/Los_Angeles", Address: "1 World Way, Los Angeles, CA 90045", Currency: "USD"},
}

// Car is a fixture car: id at location of type, at rate cents a day.
func Car(id, location string, t rental.CarType, rate int64) rental.Car {
	cur := map[string]string{"AKL": "NZD", "BER": "EUR", "LAX": "USD"}[location]
	return rental.Car{ID: id, Make: "Toyota", Model: "Corolla " + id, Type: t, Seats: 5,
		Transmission: rental.Automatic, LocationID: location, DailyRate: rental.Money{Amount: rate, Currency: cur},
		ImageKey: "cars/" + id + ".svg"}
}

// Cars of the fixture: four at Berlin, one at Los Angeles, one at Auckland.
var Cars = []rental.Car{
	Car("ber-eco-1", "BER", rental.Economy, 3900),
	Car("ber-eco-2", "BER", rental.Economy, 4100),
	Car("ber-suv-1", "BER", rental.SUV, 8900),
	Car("ber-lux-1", "BER", rental.Luxury, 19900),
	Car("lax-van-1", "LAX", rental.Van, 12000),
	Car("akl-cmp-1", "AKL", rental.Compact, 6500),
}

// Env is one test's store, service and clock, filled with the fixture.
// Service has the default booking limit; Roomy is the same with room for
// the bookings that tests of other rules make for one user.
type Env struct {
	Store   Backend
	Service *rental.Service
	Roomy   *rental.Service
	Clock   *Clock
}

// NewEnv fills store with the fixture and builds a Service on it.
func NewEnv(t testing.TB, store Backend) *Env {
	t.Helper()
	ctx := context.Background()
	for _, l := range Locations {
		if err := store.PutLocation(ctx, l); err != nil {
			t.Fatalf("PutLocation: %v", err)
		}
	}
	for _, c := range Cars {
		if err := store.PutCar(ctx, c); err != nil {
			t.Fatalf("PutCar: %v", err)
		}
	}
	clock := &Clock{now: Start}
	return &Env{Store: store, Clock: clock, Service: rental.NewService(store, rental.WithClock(clock.Now)),
		Roomy: rental.NewService(store, rental.WithClock(clock.Now), rental.WithBookingLimit(100))}
}

// Period is the days [today+from, today+to) at the Berlin location at Start.
func Period(from, to int) rental.Period {
	return rental.Period{Pickup: Today.AddDays(from), Return: Today.AddDays(to)}
}

// wantCode fails t unless err carries code (CodeInternal stands for nil
// being wrong too).
func wantCode(t testing.TB, err error, code rental.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := rental.ErrorCode(err); got != code {
		t.Fatalf("got %s (%v), want %s", got, err, code)
	}
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// sameBooking compares two bookings field by field (times by instant).
func sameBooking(a, b rental.Booking) error {
	if !a.CreatedAt.Equal(b.CreatedAt) || !a.UpdatedAt.Equal(b.UpdatedAt) {
		return fmt.Errorf("times differ: %v/%v vs %v/%v", a.CreatedAt, a.UpdatedAt, b.CreatedAt, b.UpdatedAt)
	}
	a.CreatedAt, a.UpdatedAt, b.CreatedAt, b.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if a != b {
		return fmt.Errorf("\n got %+v\nwant %+v", a, b)
	}
	return nil
}
