package rental_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

// d is rental.MustDate, short for tables.
func d(s string) rental.Date { return rental.MustDate(s) }

// per is the period [pickup, return).
func per(pickup, ret string) rental.Period {
	return rental.Period{Pickup: d(pickup), Return: d(ret)}
}

func ptr[T any](v T) *T { return &v }

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time.Parse(%q): %v", s, err)
	}
	return v
}

// wantErr checks that err is an *rental.Error with code and, for
// validation_failed, violations of exactly the given fields, each with its
// rule.
func wantErr(t testing.TB, err error, code rental.Code, fields ...rental.Field) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want %s %v", code, fields)
	}
	var e *rental.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *rental.Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("code = %s (%v), want %s", e.Code, err, code)
	}
	var got []rental.Field
	for _, v := range e.Violations {
		got = append(got, v.Field)
		if v.Rule == "" {
			t.Errorf("violation of %s names no rule", v.Field)
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(fields))
	if !slices.Equal(got, want) {
		t.Fatalf("fields = %v (%v), want %v", got, err, want)
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// clock is a settable clock for rental.WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) Advance(dur time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(dur)
}

// t0 is the tests' "now": 11:30 UTC on 2026-11-30. It is already
// 2026-12-01 in Auckland (NZDT, +13) and still 2026-11-30 everywhere else
// in the fleet.
var t0 = time.Date(2026, 11, 30, 11, 30, 0, 0, time.UTC)

var locations = []rental.Location{
	{ID: "AKL", Name: "Auckland Airport", City: "Auckland", Country: "NZ", TimeZone: "Pacific/Auckland", Address: "Ray Emery Dr"},
	{ID: "BER", Name: "Berlin Brandenburg", City: "Berlin", Country: "DE", TimeZone: "Europe/Berlin", Address: "Willy-Brandt-Platz"},
	{ID: "BIG", Name: "Paris Gare de Lyon", City: "Paris", Country: "FR", TimeZone: "Europe/Paris", Address: "Place Louis-Armand"},
	{ID: "LAX", Name: "Los Angeles Airport", City: "Los Angeles", Country: "US", TimeZone: "America/Los_Angeles", Address: "1 World Way"},
	{ID: "NYC", Name: "New York Penn Station", City: "New York", Country: "US", TimeZone: "America/New_York", Address: "8th Ave"},
}

func car(id, loc string, typ rental.CarType, amount int64, currency string) rental.Car {
	return rental.Car{ID: id, Make: "Make-" + id, Model: "Model-" + id, Type: typ, Seats: 5,
		Transmission: rental.Automatic, LocationID: loc, DailyRate: rental.Money{Amount: amount, Currency: currency},
		ImageKey: "cars/" + id + ".svg"}
}

var cars = []rental.Car{
	car("a-eco-1", "AKL", rental.Economy, 5000, "NZD"),
	car("b-eco-1", "BER", rental.Economy, 3000, "EUR"),
	car("b-eco-2", "BER", rental.Economy, 3200, "EUR"),
	car("b-cmp-1", "BER", rental.Compact, 4000, "EUR"),
	car("b-mid-1", "BER", rental.Midsize, 5500, "EUR"),
	car("b-suv-1", "BER", rental.SUV, 7000, "EUR"),
	car("b-lux-1", "BER", rental.Luxury, 15000, "EUR"),
	car("b-van-1", "BER", rental.Van, 9000, "EUR"),
	car("l-mid-1", "LAX", rental.Midsize, 4500, "USD"),
	car("l-suv-1", "LAX", rental.SUV, 6500, "USD"),
	car("n-eco-1", "NYC", rental.Economy, 4000, "USD"),
}

// bigCars is the size of location BIG's fleet: more than MaxPageSize.
const bigCars = 105

func bigCar(i int) rental.Car {
	return car(fmt.Sprintf("p-%03d", i), "BIG", rental.CarTypes[i%len(rental.CarTypes)], int64(1000+i), "EUR")
}

func carByID(id string) rental.Car {
	for _, c := range cars {
		if c.ID == id {
			return c
		}
	}
	panic("no car " + id)
}

type env struct {
	store *memstore.Store
	svc   *rental.Service
	clock *clock
	ids   *atomic.Int64
}

// newEnv is a Service on a seeded memstore whose clock reads now and whose
// booking ids are bk-0001, bk-0002, ... (sortable: newest is greatest).
func newEnv(t testing.TB, now time.Time, opts ...rental.Option) *env {
	t.Helper()
	ctx := context.Background()
	st := memstore.New()
	for _, l := range locations {
		noErr(t, st.PutLocation(ctx, l))
	}
	for _, c := range cars {
		noErr(t, st.PutCar(ctx, c))
	}
	for i := range bigCars {
		noErr(t, st.PutCar(ctx, bigCar(i)))
	}
	e := &env{store: st, clock: &clock{now: now}, ids: &atomic.Int64{}}
	opts = append([]rental.Option{rental.WithClock(e.clock.Now), rental.WithIDs(func() string {
		return fmt.Sprintf("bk-%04d", e.ids.Add(1))
	})}, opts...)
	e.svc = rental.NewService(st, opts...)
	return e
}

func (e *env) book(t testing.TB, user, carID string, p rental.Period) rental.Booking {
	t.Helper()
	b, err := e.svc.CreateBooking(context.Background(), user, rental.BookingRequest{CarID: carID, Period: p}, "")
	if err != nil {
		t.Fatalf("CreateBooking(%s, %s, %s): %v", user, carID, p, err)
	}
	return b
}

func (e *env) car(t testing.TB, id string) rental.Car {
	t.Helper()
	c, err := e.store.GetCar(context.Background(), id)
	noErr(t, err)
	return c
}

func (e *env) allBookings(t testing.TB, user string) []rental.Booking {
	t.Helper()
	var out []rental.Booking
	q := rental.BookingQuery{Limit: rental.MaxPageSize}
	for {
		p, err := e.svc.ListBookings(context.Background(), user, q)
		noErr(t, err)
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out
		}
		q.Cursor = p.NextCursor
	}
}

// reservation is a booking's hold on a car, as the tests expect it.
type reservation struct {
	id     string
	period rental.Period
}

func res(id string, p rental.Period) reservation { return reservation{id, p} }

// wantSchedule checks that the car books exactly the days of want, over the
// whole window a booking of these tests may use.
func wantSchedule(t testing.TB, c rental.Car, want ...reservation) {
	t.Helper()
	var wantDays []rental.Date
	for _, r := range want {
		for day := r.period.Pickup; day.Before(r.period.Return); day = day.AddDays(1) {
			wantDays = append(wantDays, day)
		}
	}
	slices.SortFunc(wantDays, func(a, b rental.Date) int { return a.Compare(b) })
	got := c.Availability.Booked(d("2026-01-01"), d("2028-06-01"))
	if !slices.Equal(got, wantDays) {
		t.Fatalf("car %s books %v, want %v", c.ID, got, wantDays)
	}
}
