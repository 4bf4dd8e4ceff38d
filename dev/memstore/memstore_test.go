package memstore_test

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

var ctx = context.Background()

// now is 2026-11-30 in Berlin.
var now = time.Date(2026, 11, 30, 11, 30, 0, 0, time.UTC)

func per(a, b string) rental.Period {
	return rental.Period{Pickup: rental.MustDate(a), Return: rental.MustDate(b)}
}

func ptr[T any](v T) *T { return &v }

// res is booking id's hold on a car: its period (the car's availability
// knows days, not bookings).
func res(_ string, p rental.Period) rental.Period { return p }

// wantDays fails t unless c books exactly the days of periods.
func wantDays(t testing.TB, c rental.Car, periods ...rental.Period) {
	t.Helper()
	var want []rental.Date
	for _, p := range periods {
		for d := p.Pickup; d.Before(p.Return); d = d.AddDays(1) {
			want = append(want, d)
		}
	}
	slices.SortFunc(want, func(a, b rental.Date) int { return a.Compare(b) })
	if got := c.Availability.Booked(rental.MustDate("2026-01-01"), rental.MustDate("2028-01-01")); !slices.Equal(got, want) {
		t.Errorf("car %s books %v, want %v", c.ID, got, want)
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func wantCode(t testing.TB, err error, code rental.Code) {
	t.Helper()
	if got := rental.ErrorCode(err); err == nil || got != code {
		t.Fatalf("err = %v (code %s), want %s", err, got, code)
	}
}

func newCar(id, loc string, typ rental.CarType) rental.Car {
	return rental.Car{ID: id, Make: "VW", Model: id, Type: typ, Seats: 5, Transmission: rental.Manual,
		LocationID: loc, DailyRate: rental.Money{Amount: 3000, Currency: "EUR"}}
}

// seeded is a Store with Berlin and Paris, seven cars in Berlin, and a
// Service on it whose ids are bk-0001, bk-0002, ...
func seeded(t testing.TB) (*memstore.Store, *rental.Service) {
	t.Helper()
	st := memstore.New()
	noErr(t, st.PutLocation(ctx, rental.Location{ID: "PAR", Name: "Paris", TimeZone: "Europe/Paris"}))
	noErr(t, st.PutLocation(ctx, rental.Location{ID: "BER", Name: "Berlin", TimeZone: "Europe/Berlin"}))
	for i, typ := range []rental.CarType{rental.Economy, rental.Economy, rental.Compact, rental.Midsize, rental.SUV, rental.Luxury, rental.Van} {
		noErr(t, st.PutCar(ctx, newCar(fmt.Sprintf("c%d", i+1), "BER", typ)))
	}
	noErr(t, st.PutCar(ctx, newCar("p1", "PAR", rental.Van)))
	var n atomic.Int64
	svc := rental.NewService(st, rental.WithClock(func() time.Time { return now }),
		rental.WithIDs(func() string { return fmt.Sprintf("bk-%04d", n.Add(1)) }))
	return st, svc
}

func getCar(t testing.TB, st *memstore.Store, id string) rental.Car {
	t.Helper()
	c, err := st.GetCar(ctx, id)
	noErr(t, err)
	return c
}

// book is a Write function that books carID for p as booking id, the way
// the Service does.
func book(id, carID string, p rental.Period, calls *int) func(context.Context, rental.Tx) (rental.Booking, error) {
	return func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
		*calls++
		c, err := tx.Car(ctx, carID)
		if err != nil {
			return rental.Booking{}, err
		}
		if !c.Availability.Free(p) {
			return rental.Booking{}, rental.Errorf(rental.CodeCarUnavailable, "taken")
		}
		c.Availability = c.Availability.Reserve(p)
		tx.SaveCar(c)
		b := rental.Booking{ID: id, CarID: carID, LocationID: c.LocationID, Period: p, Status: rental.Confirmed, Version: 1}
		tx.SaveBooking(b)
		return b, nil
	}
}

// bump is a concurrent writer of the car's December: it books p when p
// is set, else it books or frees 2026-12-20 (other days than the tests'
// own), so that every bump changes the month that the tests write.
func bump(t testing.TB, st *memstore.Store, carID string, p *rental.Period) {
	t.Helper()
	c := getCar(t, st, carID)
	day := per("2026-12-20", "2026-12-21")
	switch {
	case p != nil:
		c.Availability = c.Availability.Reserve(*p)
	case c.Availability.Free(day):
		c.Availability = c.Availability.Reserve(day)
	default:
		c.Availability = c.Availability.Release(day)
	}
	noErr(t, st.PutCar(ctx, c))
}

func TestWriteRetriesAfterALostRace(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	hooks := 0
	st.BeforeCommit = func() {
		hooks++
		if hooks == 1 { // someone else books other days of the car first
			bump(t, st, "c1", ptr(res("theirs", per("2026-12-01", "2026-12-03"))))
		}
	}
	calls := 0
	mine := per("2026-12-03", "2026-12-05")
	b, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("mine", "c1", mine, &calls))
	noErr(t, err)
	if calls != 2 || hooks != 2 {
		t.Errorf("fn ran %d times, hook %d; want 2 and 2", calls, hooks)
	}
	if b.ID != "mine" {
		t.Errorf("Write = %+v", b)
	}
	wantDays(t, getCar(t, st, "c1"), res("theirs", per("2026-12-01", "2026-12-03")), res("mine", mine))
	if got, err := st.GetBooking(ctx, "u1", "mine"); err != nil || got != b {
		t.Errorf("GetBooking = %+v, %v", got, err)
	}
}

func TestWriteLostRaceOnATakenPeriod(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	fired := false
	st.BeforeCommit = func() {
		if !fired {
			fired = true
			bump(t, st, "c1", ptr(res("theirs", per("2026-12-04", "2026-12-06"))))
		}
	}
	calls := 0
	_, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("mine", "c1", per("2026-12-03", "2026-12-05"), &calls))
	wantCode(t, err, rental.CodeCarUnavailable)
	if calls != 2 {
		t.Errorf("fn ran %d times, want 2", calls)
	}
	if _, err := st.GetBooking(ctx, "u1", "mine"); rental.ErrorCode(err) != rental.CodeNotFound {
		t.Errorf("the losing booking was stored: %v", err)
	}
}

// TestServiceLostRace: a concurrent booking lands between CreateBooking's
// read and its commit.
func TestServiceLostRace(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		theirs rental.Period
		code   rental.Code // "" for success
	}{
		{"free period: retried and booked", per("2026-12-01", "2026-12-03"), ""},
		{"back to back: retried and booked", per("2026-12-05", "2026-12-07"), ""},
		{"now taken: car_unavailable", per("2026-12-04", "2026-12-06"), rental.CodeCarUnavailable},
		{"same days: car_unavailable", per("2026-12-03", "2026-12-05"), rental.CodeCarUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, svc := seeded(t)
			var theirs rental.Booking
			fired := false
			st.BeforeCommit = func() {
				if fired { // the nested Write's own hook
					return
				}
				fired = true
				var err error
				theirs, err = svc.CreateBooking(ctx, "u2", rental.BookingRequest{CarID: "c1", Period: tc.theirs}, "")
				noErr(t, err)
			}
			mine := per("2026-12-03", "2026-12-05")
			b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "c1", Period: mine}, "")
			c := getCar(t, st, "c1")
			if tc.code != "" {
				wantCode(t, err, tc.code)
				wantDays(t, c, res(theirs.ID, tc.theirs))
				return
			}
			noErr(t, err)
			if b.Version != 1 || b.Status != rental.Confirmed || b.Total.Amount != 6000 {
				t.Errorf("booking = %+v", b)
			}
			wantDays(t, c, res(theirs.ID, tc.theirs), res(b.ID, mine))
		})
	}
}

func TestWriteGivesUpAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		losses int
		ok     bool
	}{
		{"one lost race", 1, true},
		{"MaxAttempts-1 lost races", memstore.MaxAttempts - 1, true},
		{"MaxAttempts lost races", memstore.MaxAttempts, false},
		{"always losing", 1 << 30, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := memstore.New()
			noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
			hooks := 0
			st.BeforeCommit = func() {
				hooks++
				if hooks <= tc.losses {
					bump(t, st, "c1", nil) // a concurrent writer of other days
				}
			}
			calls := 0
			b, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("mine", "c1", per("2026-12-03", "2026-12-05"), &calls))
			if tc.ok {
				noErr(t, err)
				if calls != tc.losses+1 || b.ID != "mine" {
					t.Errorf("fn ran %d times, want %d", calls, tc.losses+1)
				}
				return
			}
			wantCode(t, err, rental.CodeThrottled)
			if calls != memstore.MaxAttempts {
				t.Errorf("fn ran %d times, want MaxAttempts = %d", calls, memstore.MaxAttempts)
			}
			if _, err := st.GetBooking(ctx, "u1", "mine"); rental.ErrorCode(err) != rental.CodeNotFound {
				t.Errorf("booking stored after giving up: %v", err)
			}
			if c := getCar(t, st, "c1"); !c.Availability.Free(per("2026-12-03", "2026-12-05")) {
				t.Errorf("days written after giving up: %b", c.Availability.Masks())
			}
		})
	}
}

func TestWriteStopsOnFnError(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	hooks := 0
	st.BeforeCommit = func() { hooks++ }
	calls := 0
	boom := rental.Errorf(rental.CodeCarUnavailable, "no")
	_, err := st.Write(ctx, "u1", rental.WriteRequest{}, func(context.Context, rental.Tx) (rental.Booking, error) {
		calls++
		return rental.Booking{}, boom
	})
	if !errors.Is(err, boom) || calls != 1 || hooks != 0 {
		t.Errorf("err %v, %d calls, %d hooks; want fn's error, 1, 0", err, calls, hooks)
	}
}

func TestWriteWithoutSavesWritesNothing(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	hooks := 0
	st.BeforeCommit = func() { hooks++ }
	idem := &rental.Idempotency{Key: "k", RequestHash: "h", Now: now, ExpiresAt: now.Add(time.Hour)}
	b, err := st.Write(ctx, "u1", rental.WriteRequest{Idem: idem}, func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
		_, err := tx.Car(ctx, "c1")
		return rental.Booking{ID: "read-only"}, err
	})
	noErr(t, err)
	if b.ID != "read-only" || hooks != 0 {
		t.Errorf("Write = %+v, %d hooks", b, hooks)
	}
	// No idempotency record was left behind: another body with the key runs.
	calls := 0
	other := &rental.Idempotency{Key: "k", RequestHash: "other", Now: now, ExpiresAt: now.Add(time.Hour)}
	_, err = st.Write(ctx, "u1", rental.WriteRequest{Idem: other}, book("b1", "c1", per("2026-12-03", "2026-12-05"), &calls))
	noErr(t, err)
}

// TestWriteNewBookingNeverOverwrites: a new booking is conditioned on its
// absence; one that appeared meanwhile is never overwritten.
func TestWriteNewBookingNeverOverwrites(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	noErr(t, st.PutCar(ctx, newCar("c2", "BER", rental.Economy)))
	fired := false
	st.BeforeCommit = func() {
		if fired {
			return
		}
		fired = true
		calls := 0
		_, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("dup", "c2", per("2026-12-10", "2026-12-11"), &calls))
		noErr(t, err)
	}
	calls := 0
	_, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("dup", "c1", per("2026-12-03", "2026-12-05"), &calls))
	wantCode(t, err, rental.CodeThrottled) // it loses every attempt
	b, err := st.GetBooking(ctx, "u1", "dup")
	noErr(t, err)
	if b.CarID != "c2" {
		t.Errorf("existing booking overwritten: %+v", b)
	}
	wantDays(t, getCar(t, st, "c1"))
}

func TestWriteSaveCarNotRead(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	_, err := st.Write(ctx, "u1", rental.WriteRequest{}, func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
		tx.SaveCar(newCar("c1", "BER", rental.Economy))
		return rental.Booking{}, nil
	})
	wantCode(t, err, rental.CodeInternal)
}

// TestServiceUpdateLostRace: the booking changes between UpdateBooking's
// read and its commit.
func TestServiceUpdateLostRace(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		version *int64
	}{
		{"If-Match: version_mismatch", ptr(int64(1))},
		{"no If-Match: retried on the fresh booking", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, svc := seeded(t)
			b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "c1", Period: per("2026-12-10", "2026-12-15")}, "")
			noErr(t, err)
			fired := false
			st.BeforeCommit = func() {
				if fired {
					return
				}
				fired = true
				_, err := svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("c2")}, nil) // from another tab
				noErr(t, err)
			}
			got, err := svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(rental.MustDate("2026-12-16"))}, tc.version)
			if tc.version != nil {
				wantCode(t, err, rental.CodeVersionMismatch)
				return
			}
			noErr(t, err)
			if got.Version != 3 || got.CarID != "c2" || got.Period != per("2026-12-10", "2026-12-16") {
				t.Errorf("booking = %+v, want v3 on c2 until 12-16", got)
			}
			wantDays(t, getCar(t, st, "c1"))
			wantDays(t, getCar(t, st, "c2"), res(b.ID, got.Period))
		})
	}
}

// TestServiceCancelLostRace: a concurrent cancel wins; the retry finds the
// booking cancelled and returns it without another write.
func TestServiceCancelLostRace(t *testing.T) {
	t.Parallel()
	st, svc := seeded(t)
	b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "c1", Period: per("2026-12-10", "2026-12-15")}, "")
	noErr(t, err)
	fired := false
	st.BeforeCommit = func() {
		if !fired {
			fired = true
			_, err := svc.CancelBooking(ctx, "u1", b.ID, nil)
			noErr(t, err)
		}
	}
	got, err := svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
	if got.Status != rental.Cancelled || got.Version != 2 {
		t.Errorf("cancel = %+v, want CANCELLED v2", got)
	}
	if c := getCar(t, st, "c1"); len(c.Availability.Months()) != 0 {
		t.Errorf("car books %b, want nothing (its days released once)", c.Availability.Masks())
	}
}

// TestIdempotencyRace: two requests with one key race; the loser replays
// the winner's record.
func TestIdempotencyRace(t *testing.T) {
	t.Parallel()
	req := rental.BookingRequest{CarID: "c1", Period: per("2026-12-10", "2026-12-12")}
	for _, tc := range []struct {
		name   string
		theirs rental.BookingRequest
		code   rental.Code
	}{
		{"same body: the winner's booking", req, ""},
		{"other body: idempotency_conflict", rental.BookingRequest{CarID: "c2", Period: req.Period}, rental.CodeIdempotencyConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, svc := seeded(t)
			var first rental.Booking
			fired := false
			st.BeforeCommit = func() {
				if !fired {
					fired = true
					var err error
					first, err = svc.CreateBooking(ctx, "u1", tc.theirs, "key-1")
					noErr(t, err)
				}
			}
			b, err := svc.CreateBooking(ctx, "u1", req, "key-1")
			page, lerr := svc.ListBookings(ctx, "u1", rental.BookingQuery{})
			noErr(t, lerr)
			if len(page.Items) != 1 || page.Items[0].ID != first.ID {
				t.Errorf("bookings = %v, want only %s", page.Items, first.ID)
			}
			if tc.code != "" {
				wantCode(t, err, tc.code)
				return
			}
			noErr(t, err)
			if b != first {
				t.Errorf("loser got %+v, want the winner's %+v", b, first)
			}
		})
	}
}

func TestIdempotencyExpiry(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	exp := now.Add(time.Hour)
	calls := 0
	_, err := st.Write(ctx, "u1", rental.WriteRequest{Idem: &rental.Idempotency{Key: "k", RequestHash: "h1", Now: now, ExpiresAt: exp}},
		book("b1", "c1", per("2026-12-01", "2026-12-02"), &calls))
	noErr(t, err)
	for _, tc := range []struct {
		at   time.Time
		hash string
		want string // booking id, or a code
	}{
		{now.Add(time.Minute), "h1", "b1"},
		{exp.Add(-time.Nanosecond), "h1", "b1"},
		{exp.Add(-time.Nanosecond), "h2", string(rental.CodeIdempotencyConflict)},
		{exp, "h2", "b2"}, // at ExpiresAt the record is gone
	} {
		calls := 0
		b, err := st.Write(ctx, "u1", rental.WriteRequest{Idem: &rental.Idempotency{Key: "k", RequestHash: tc.hash, Now: tc.at, ExpiresAt: tc.at.Add(time.Hour)}},
			book("b2", "c1", per("2026-12-05", "2026-12-06"), &calls))
		got := b.ID
		if err != nil {
			got = string(rental.ErrorCode(err))
		}
		if got != tc.want {
			t.Errorf("at %v with %s: %s (%v), want %s", tc.at, tc.hash, got, err, tc.want)
		}
	}
	// Another user's record of the same key is no business of u2's.
	calls = 0
	_, err = st.Write(ctx, "u2", rental.WriteRequest{Idem: &rental.Idempotency{Key: "k", RequestHash: "h9", Now: now, ExpiresAt: exp}},
		book("b3", "c1", per("2026-12-08", "2026-12-09"), &calls))
	noErr(t, err)
}

// TestNoDoubleBooking: 20 users race for the same days of one car; exactly
// one wins and every other gets car_unavailable (never throttled).
func TestNoDoubleBooking(t *testing.T) {
	t.Parallel()
	st, svc := seeded(t)
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			_, errs[i] = svc.CreateBooking(ctx, fmt.Sprintf("u%d", i), rental.BookingRequest{CarID: "c1", Period: per("2026-12-10", "2026-12-12")}, "")
		})
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case rental.ErrorCode(err) != rental.CodeCarUnavailable:
			t.Errorf("error %v, want car_unavailable", err)
		}
	}
	if won != 1 {
		t.Errorf("%d winners, want 1", won)
	}
	wantDays(t, getCar(t, st, "c1"), per("2026-12-10", "2026-12-12"))
}

// TestConcurrentFreePeriods: writers of different days of one car keep
// losing races to each other; every one of them is retried and booked.
func TestConcurrentFreePeriods(t *testing.T) {
	t.Parallel()
	st, svc := seeded(t)
	const n = memstore.MaxAttempts - 1 // each can lose at most n-1 races
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	first := rental.MustDate("2026-12-01")
	for i := range n {
		wg.Go(func() {
			<-start
			p := rental.Period{Pickup: first.AddDays(2 * i), Return: first.AddDays(2*i + 2)}
			_, errs[i] = svc.CreateBooking(ctx, fmt.Sprintf("u%d", i), rental.BookingRequest{CarID: "c1", Period: p}, "")
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
	}
	// n periods of two days back to back: every day from the first on.
	wantDays(t, getCar(t, st, "c1"), rental.Period{Pickup: first, Return: first.AddDays(2 * n)})
}

// TestWriteBookingVersionCondition: a booking update is conditioned on the
// version read, even when no car is written with it: a concurrent update is
// never lost.
func TestWriteBookingVersionCondition(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	noErr(t, st.PutCar(ctx, newCar("c1", "BER", rental.Economy)))
	calls := 0
	_, err := st.Write(ctx, "u1", rental.WriteRequest{}, book("b1", "c1", per("2026-12-10", "2026-12-12"), &calls))
	noErr(t, err)
	bumpBooking := func(n *int) func(context.Context, rental.Tx) (rental.Booking, error) {
		return func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
			*n++
			b, err := tx.Booking(ctx, "b1")
			if err != nil {
				return b, err
			}
			b.Version++
			b.Total.Amount += 100
			tx.SaveBooking(b)
			return b, nil
		}
	}
	fired := false
	st.BeforeCommit = func() {
		if !fired {
			fired = true
			n := 0
			_, err := st.Write(ctx, "u1", rental.WriteRequest{}, bumpBooking(&n))
			noErr(t, err)
		}
	}
	calls = 0
	got, err := st.Write(ctx, "u1", rental.WriteRequest{}, bumpBooking(&calls))
	noErr(t, err)
	if calls != 2 || got.Version != 3 || got.Total.Amount != 200 {
		t.Errorf("after a lost race: %d calls, booking v%d total %d; want 2 calls, v3, 200", calls, got.Version, got.Total.Amount)
	}
	if stored, _ := st.GetBooking(ctx, "u1", "b1"); stored != got {
		t.Errorf("stored %+v, want %+v", stored, got)
	}
}
