package storetest

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// NewBackend returns an empty store for one test; it may call t.Cleanup.
type NewBackend func(t *testing.T) Backend

// Run runs the whole contract suite on stores from newBackend.
func Run(t *testing.T, newBackend NewBackend) {
	tests := []struct {
		name string
		fn   func(*testing.T, *Env)
	}{
		{"CatalogRoundTrip", testCatalogRoundTrip},
		{"CarPaging", testCarPaging},
		{"BookingRoundTrip", testBookingRoundTrip},
		{"BookingPaging", testBookingPaging},
		{"StatusFilter", testStatusFilter},
		{"ErrorPaths", testErrorPaths},
		{"Idempotency", testIdempotency},
		{"ChangeCar", testChangeCar},
		{"Pruning", testPruning},
		{"ConcurrentOverlapping", testConcurrentOverlapping},
		{"ConcurrentDisjoint", testConcurrentDisjoint},
		{"ConcurrentChangeAndCancel", testConcurrentChangeAndCancel},
		{"ConcurrentIdempotentRetries", testConcurrentIdempotentRetries},
		{"BookingLimit", testBookingLimit},
		{"Lifecycle", testLifecycle},
		{"Desk", testDesk},
		{"Fleet", testFleet},
		{"RetireRacesBooking", testRetireRacesBooking},
		{"BookingRacesMove", testBookingRacesMove},
		{"StaffChangesRace", testStaffChangesRace},
		{"FleetSeesNewCurrency", testFleetSeesNewCurrency},
		{"ConcurrentHoarding", testConcurrentHoarding},
		{"RandomizedAgainstModel", testRandomizedAgainstModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, NewEnv(t, newBackend(t)))
		})
	}
}

func testCatalogRoundTrip(t *testing.T, e *Env) {
	ctx := context.Background()
	locs := must[[]rental.Location](t)(e.Store.ListLocations(ctx))
	if !reflect.DeepEqual(locs, Locations) {
		t.Fatalf("ListLocations = %+v, want %+v", locs, Locations)
	}
	if l := must[rental.Location](t)(e.Store.GetLocation(ctx, "LAX")); l != Locations[2] {
		t.Fatalf("GetLocation = %+v", l)
	}
	_, err := e.Store.GetLocation(ctx, "NOPE")
	wantCode(t, err, rental.CodeNotFound)

	// A car with booked days in two months survives the round trip whole.
	car := Cars[0]
	car.Availability = car.Availability.Reserve(Period(1, 3)).Reserve(Period(5, 9)).Reserve(Period(40, 42))
	if err := e.Store.PutCar(ctx, car); err != nil {
		t.Fatal(err)
	}
	if got := must[rental.Car](t)(e.Store.GetCar(ctx, car.ID)); !reflect.DeepEqual(got, car) {
		t.Fatalf("GetCar = %+v, want %+v", got, car)
	}
	_, err = e.Store.GetCar(ctx, "nope")
	wantCode(t, err, rental.CodeNotFound)

	// The listing carries the availability too: a search needs no other read.
	page := must[rental.Page[rental.Car]](t)(e.Store.ListCars(ctx, rental.CarFilter{LocationID: "BER",
		PageRequest: rental.PageRequest{Limit: 10, Scope: "s"}}))
	var ids []string
	for _, c := range page.Items {
		ids = append(ids, c.ID)
		if c.ID == car.ID && !reflect.DeepEqual(c, car) {
			t.Fatalf("listed car = %+v, want %+v", c, car)
		}
	}
	if want := "ber-eco-1 ber-eco-2 ber-suv-1 ber-lux-1"; strings.Join(ids, " ") != want {
		t.Fatalf("ListCars order = %v, want %s (type in CarTypes order, then daily rate)", ids, want)
	}
	page = must[rental.Page[rental.Car]](t)(e.Store.ListCars(ctx, rental.CarFilter{LocationID: "BER", Type: rental.Economy,
		PageRequest: rental.PageRequest{Limit: 10, Scope: "s"}}))
	if len(page.Items) != 2 || page.NextCursor != "" {
		t.Fatalf("type filter: %d cars, cursor %q", len(page.Items), page.NextCursor)
	}
}

func testCarPaging(t *testing.T, e *Env) {
	ctx := context.Background()
	for i := range 23 {
		c := Car("par-"+string(rune('a'+i)), "PAR", rental.CarTypes[i%len(rental.CarTypes)], int64(3000+i))
		c.DailyRate.Currency = "EUR"
		if err := e.Store.PutCar(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	req := rental.PageRequest{Limit: 10, Scope: "cars|PAR"}
	var sizes []int
	for {
		page := must[rental.Page[rental.Car]](t)(e.Store.ListCars(ctx, rental.CarFilter{LocationID: "PAR", PageRequest: req}))
		sizes = append(sizes, len(page.Items))
		for _, c := range page.Items {
			if seen[c.ID] {
				t.Fatalf("car %s listed twice", c.ID)
			}
			seen[c.ID] = true
		}
		if page.NextCursor == "" {
			break
		}
		if len(sizes) > 5 {
			t.Fatal("paging does not end")
		}
		// The cursor is bound to its query: another scope rejects it.
		_, err := e.Store.ListCars(ctx, rental.CarFilter{LocationID: "PAR",
			PageRequest: rental.PageRequest{Limit: 10, Cursor: page.NextCursor, Scope: "cars|PAR|suv"}})
		wantCode(t, err, rental.CodeValidation)
		req.Cursor = page.NextCursor
	}
	if len(seen) != 23 {
		t.Fatalf("paged through %d cars (%v), want 23", len(seen), sizes)
	}
	// A page that ends exactly at the last car carries no cursor: the
	// contract promises nextCursor only when there is a next page.
	exact := must[rental.Page[rental.Car]](t)(e.Store.ListCars(ctx, rental.CarFilter{LocationID: "PAR",
		PageRequest: rental.PageRequest{Limit: 23, Scope: "cars|PAR"}}))
	if len(exact.Items) != 23 || exact.NextCursor != "" {
		t.Fatalf("limit 23 of 23 cars: %d cars, cursor %q; want 23 and none", len(exact.Items), exact.NextCursor)
	}
	for _, bad := range []string{"garbage", "a.b", strings.Repeat("x", 5000), req.Cursor + "x", "eyJ9." + "AAAA"} {
		_, err := e.Store.ListCars(ctx, rental.CarFilter{LocationID: "PAR",
			PageRequest: rental.PageRequest{Limit: 10, Cursor: bad, Scope: "cars|PAR"}})
		wantCode(t, err, rental.CodeValidation)
		if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldCursor || vs[0].Rule != rental.RuleForeignCursor {
			t.Fatalf("bad cursor %.20q: violations %v, want a foreign cursor", bad, vs)
		}
	}
}

// testBookingRoundTrip creates, changes and cancels one booking, reading it
// and its car back from the store after each step.
func testBookingRoundTrip(t *testing.T, e *Env) {
	b := roundTripCreate(t, e)
	roundTripChange(t, e, b)
	roundTripCancel(t, e, b)
}

// roundTripCreate books alice the SUV for days 3 to 6: quoted, version 1,
// with her address for its notices, in the car's schedule.
func roundTripCreate(t *testing.T, e *Env) rental.Booking {
	ctx := context.Background()
	b := must[rental.Booking](t)(e.Service.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-suv-1", Period: Period(3, 6),
		Email: "alice@example.com"}, ""))
	if b.Status != rental.Confirmed || b.Version != 1 || b.Total != (rental.Money{Amount: 3 * 8900, Currency: "EUR"}) ||
		b.LocationID != "BER" || b.Car != Cars[2].Summary() || b.UserID != "alice" || b.Email != "alice@example.com" {
		t.Fatalf("created %+v", b)
	}
	got := must[rental.Booking](t)(e.Store.GetBooking(ctx, "alice", b.ID))
	if err := sameBooking(got, b); err != nil {
		t.Fatalf("GetBooking: %v", err)
	}
	wantBooked(t, e, "ber-suv-1", b.Period)
	return b
}

// roundTripChange moves the return of b to day 8: re-quoted, version 2,
// schedule moved.
func roundTripChange(t *testing.T, e *Env, b rental.Booking) {
	ctx := context.Background()
	e.Clock.Set(Start.Add(time.Hour))
	up := must[rental.Booking](t)(e.Service.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Return: ptr(Today.AddDays(8))}, ptr(int64(1))))
	if up.Version != 2 || up.Period != Period(3, 8) || up.Total.Amount != 5*8900 || !up.UpdatedAt.Equal(Start.Add(time.Hour)) || !up.CreatedAt.Equal(b.CreatedAt) {
		t.Fatalf("updated %+v", up)
	}
	if err := sameBooking(must[rental.Booking](t)(e.Store.GetBooking(ctx, "alice", b.ID)), up); err != nil {
		t.Fatalf("after update: %v", err)
	}
	wantBooked(t, e, "ber-suv-1", Period(3, 8))
}

// roundTripCancel cancels b: status, version, schedule freed; a second
// cancel changes nothing.
func roundTripCancel(t *testing.T, e *Env, b rental.Booking) {
	ctx := context.Background()
	c := must[rental.Booking](t)(e.Service.CancelBooking(ctx, "alice", b.ID, nil))
	if c.Status != rental.Cancelled || c.Version != 3 {
		t.Fatalf("cancelled %+v", c)
	}
	again := must[rental.Booking](t)(e.Service.CancelBooking(ctx, "alice", b.ID, nil))
	if err := sameBooking(again, c); err != nil {
		t.Fatalf("second cancel: %v", err)
	}
	wantBooked(t, e, "ber-suv-1")
	if err := sameBooking(must[rental.Booking](t)(e.Store.GetBooking(ctx, "alice", b.ID)), c); err != nil {
		t.Fatalf("after cancel: %v", err)
	}
}

// wantBooked fails t unless car id books exactly the days of periods from
// Today on.
func wantBooked(t *testing.T, e *Env, id string, periods ...rental.Period) {
	t.Helper()
	car := must[rental.Car](t)(e.Store.GetCar(context.Background(), id))
	if got, want := Booked(car), DaysOf(periods...); !reflect.DeepEqual(got, want) {
		t.Fatalf("car %s books %v, want %v", id, got, want)
	}
}

// Booked lists the days that car books from Today, for 400 days: every
// day a booking may hold.
func Booked(car rental.Car) []rental.Date {
	return car.Availability.Booked(Today, Today.AddDays(rental.MaxDaysAhead+rental.MaxRentalDays+5))
}

// DaysOf lists the days of periods, in order, each once.
func DaysOf(periods ...rental.Period) []rental.Date {
	seen := map[rental.Date]bool{}
	var out []rental.Date
	for _, p := range periods {
		for d := p.Pickup; d.Before(p.Return); d = d.AddDays(1) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	slices.SortFunc(out, func(a, b rental.Date) int { return a.Compare(b) })
	return out
}

func testBookingPaging(t *testing.T, e *Env) {
	ctx := context.Background()
	var made []string
	for i := range 7 {
		b := must[rental.Booking](t)(e.Roomy.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-eco-1", Period: Period(2*i+1, 2*i+2)}, ""))
		made = append(made, b.ID)
	}
	must[rental.Booking](t)(e.Service.CreateBooking(ctx, "carol", rental.BookingRequest{CarID: "ber-eco-2", Period: Period(1, 2)}, ""))
	must[rental.Booking](t)(e.Service.CancelBooking(ctx, "bob", made[2], nil))

	var listed []string
	q := rental.BookingQuery{Limit: 3}
	for {
		page := must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, "bob", q))
		for _, b := range page.Items {
			if b.UserID != "bob" {
				t.Fatalf("bob sees %s's booking", b.UserID)
			}
			listed = append(listed, b.ID)
		}
		if page.NextCursor == "" {
			break
		}
		// Another user cannot use bob's cursor.
		_, err := e.Service.ListBookings(ctx, "carol", rental.BookingQuery{Limit: 3, Cursor: page.NextCursor})
		wantCode(t, err, rental.CodeValidation)
		q.Cursor = page.NextCursor
	}
	for i, id := range listed { // newest first
		if id != made[len(made)-1-i] {
			t.Fatalf("listed %v, want newest first of %v", listed, made)
		}
	}
	if len(listed) != 7 {
		t.Fatalf("listed %d, want 7", len(listed))
	}
	if all := must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, "bob", rental.BookingQuery{Limit: 7})); len(all.Items) != 7 || all.NextCursor != "" {
		t.Fatalf("limit 7 of 7 bookings: %d, cursor %q; want 7 and none", len(all.Items), all.NextCursor)
	}
	var cancelled []string
	q = rental.BookingQuery{Status: rental.Cancelled, Limit: 100}
	for _, b := range must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, "bob", q)).Items {
		cancelled = append(cancelled, b.ID)
	}
	if len(cancelled) != 1 || cancelled[0] != made[2] {
		t.Fatalf("cancelled = %v, want [%s]", cancelled, made[2])
	}
}

func ptr[T any](v T) *T { return &v }
