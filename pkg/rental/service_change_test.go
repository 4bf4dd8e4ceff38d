package rental_test

import (
	"cmp"
	"context"
	"maps"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// basePeriod is the period of the booking most tests change: u1's of
// b-eco-1 (30.00 EUR a day) in Berlin, made at t0.
var basePeriod = per("2026-12-10", "2026-12-15")

func TestUpdateBooking(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		change   rental.BookingChange
		carID    string
		period   rental.Period
		total    int64
		currency string
	}{
		{"both dates", rental.BookingChange{Pickup: ptr(d("2026-12-20")), Return: ptr(d("2026-12-23"))},
			"b-eco-1", per("2026-12-20", "2026-12-23"), 3 * 3000, "EUR"},
		{"return only, shorter", rental.BookingChange{Return: ptr(d("2026-12-12"))},
			"b-eco-1", per("2026-12-10", "2026-12-12"), 2 * 3000, "EUR"},
		{"pickup only, earlier", rental.BookingChange{Pickup: ptr(d("2026-12-01"))},
			"b-eco-1", per("2026-12-01", "2026-12-15"), 14 * 3000, "EUR"},
		{"shift by one day: overlaps only itself", rental.BookingChange{Pickup: ptr(d("2026-12-11")), Return: ptr(d("2026-12-16"))},
			"b-eco-1", per("2026-12-11", "2026-12-16"), 5 * 3000, "EUR"},
		{"shift back by one day", rental.BookingChange{Pickup: ptr(d("2026-12-09")), Return: ptr(d("2026-12-14"))},
			"b-eco-1", per("2026-12-09", "2026-12-14"), 5 * 3000, "EUR"},
		{"pick-up today", rental.BookingChange{Pickup: ptr(d("2026-11-30"))},
			"b-eco-1", per("2026-11-30", "2026-12-15"), 15 * 3000, "EUR"},
		{"30 days", rental.BookingChange{Return: ptr(d("2027-01-09"))},
			"b-eco-1", per("2026-12-10", "2027-01-09"), 30 * 3000, "EUR"},
		{"other car, same location: re-quoted at its rate", rental.BookingChange{CarID: ptr("b-lux-1")},
			"b-lux-1", basePeriod, 5 * 15000, "EUR"},
		{"other car and dates", rental.BookingChange{CarID: ptr("b-eco-2"), Return: ptr(d("2026-12-11"))},
			"b-eco-2", per("2026-12-10", "2026-12-11"), 3200, "EUR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ctx := context.Background()
			b := e.book(t, "u1", "b-eco-1", basePeriod)
			other := e.book(t, "u2", "b-eco-1", per("2027-01-20", "2027-01-22")) // b-eco-1 keeps this one
			e.clock.Advance(time.Hour)
			got, err := e.svc.UpdateBooking(ctx, "u1", b.ID, tc.change, ptr(int64(1)))
			noErr(t, err)
			newCar := carByID(tc.carID)
			want := b
			want.CarID, want.Period, want.Car = tc.carID, tc.period, newCar.Summary()
			want.Total = rental.Money{Amount: tc.total, Currency: tc.currency}
			want.Version = 2
			want.UpdatedAt = t0.Add(time.Hour)
			if got != want {
				t.Fatalf("UpdateBooking =\n%+v\nwant\n%+v", got, want)
			}
			if stored, err := e.svc.GetBooking(ctx, "u1", b.ID); err != nil || stored != want {
				t.Errorf("GetBooking = %+v, %v; want %+v", stored, err, want)
			}
			if tc.carID == "b-eco-1" {
				c := e.car(t, "b-eco-1")
				wantSchedule(t, c, res(b.ID, tc.period), res(other.ID, other.Period))
			} else {
				old := e.car(t, "b-eco-1")
				wantSchedule(t, old, res(other.ID, other.Period)) // freed
				nc := e.car(t, tc.carID)
				wantSchedule(t, nc, res(b.ID, tc.period))
			}
			// The old days are free again unless the new period covers them.
			for day := basePeriod.Pickup; day.Before(basePeriod.Return); day = day.AddDays(1) {
				oneDay := rental.Period{Pickup: day, Return: day.AddDays(1)}
				held := tc.carID == "b-eco-1" && tc.period.Overlaps(oneDay)
				if free := e.car(t, "b-eco-1").Availability.Free(oneDay); free == held {
					t.Errorf("b-eco-1 on %s: free = %v", day, free)
				}
			}
		})
	}
}

func TestUpdateBookingErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		user    string // "" for u1, the booking's owner
		anon    bool   // no user at all
		id      string // "" for the booking
		change  rental.BookingChange
		version *int64
		setup   func(t *testing.T, e *env, b rental.Booking)
		code    rental.Code
		fields  []rental.Field
	}{
		{name: "no user", anon: true, change: rental.BookingChange{Return: ptr(d("2026-12-16"))}, code: rental.CodeUnauthorized},
		{name: "another user's booking", user: "u2", change: rental.BookingChange{Return: ptr(d("2026-12-16"))}, code: rental.CodeNotFound},
		{name: "unknown booking", id: "bk-9999", change: rental.BookingChange{Return: ptr(d("2026-12-16"))}, code: rental.CodeNotFound},
		{name: "empty change", change: rental.BookingChange{}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldChange}},
		{name: "empty car id", change: rental.BookingChange{CarID: ptr("")}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldCar}},
		{name: "unknown car", change: rental.BookingChange{CarID: ptr("nope")}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldCar}},
		{name: "car at another location", change: rental.BookingChange{CarID: ptr("l-mid-1")}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldCar}},
		{name: "pick-up yesterday", change: rental.BookingChange{Pickup: ptr(d("2026-11-29"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldPickup}},
		{name: "pick-up 366 days ahead", change: rental.BookingChange{Pickup: ptr(d("2027-12-01")), Return: ptr(d("2027-12-02"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldPickup}},
		{name: "return on pick-up day", change: rental.BookingChange{Return: ptr(d("2026-12-10"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldReturn}},
		{name: "pick-up after return", change: rental.BookingChange{Pickup: ptr(d("2026-12-16"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldReturn}},
		{name: "31 days", change: rental.BookingChange{Return: ptr(d("2027-01-10"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldReturn}},
		{name: "yesterday and 31 days", change: rental.BookingChange{Pickup: ptr(d("2026-11-29")), Return: ptr(d("2026-12-31"))}, code: rental.CodeValidation, fields: []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{name: "version mismatch", change: rental.BookingChange{Return: ptr(d("2026-12-16"))}, version: ptr(int64(2)), code: rental.CodeVersionMismatch},
		{name: "version 0", change: rental.BookingChange{Return: ptr(d("2026-12-16"))}, version: ptr(int64(0)), code: rental.CodeVersionMismatch},
		{name: "cancelled", change: rental.BookingChange{Return: ptr(d("2026-12-16"))},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				_, err := e.svc.CancelBooking(context.Background(), "u1", b.ID, nil)
				noErr(t, err)
			}, code: rental.CodeBookingCancelled},
		{name: "started: the pick-up day in Berlin", change: rental.BookingChange{Return: ptr(d("2026-12-16"))},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				e.clock.Set(mustTime(t, "2026-12-09T23:00:00Z")) // 00:00 CET on 12-10
			}, code: rental.CodeBookingStarted},
		{name: "started, even for a no-op", change: rental.BookingChange{Return: ptr(d("2026-12-15"))},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				e.clock.Set(mustTime(t, "2026-12-12T12:00:00Z"))
			}, code: rental.CodeBookingStarted},
		{name: "overlaps another booking", change: rental.BookingChange{Return: ptr(d("2026-12-21"))},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				e.book(t, "u2", "b-eco-1", per("2026-12-20", "2026-12-22"))
			}, code: rental.CodeCarUnavailable},
		{name: "overlaps another booking of the same user", change: rental.BookingChange{Pickup: ptr(d("2026-12-04"))},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				e.book(t, "u1", "b-eco-1", per("2026-12-01", "2026-12-05"))
			}, code: rental.CodeCarUnavailable},
		{name: "other car is booked", change: rental.BookingChange{CarID: ptr("b-eco-2")},
			setup: func(t *testing.T, e *env, b rental.Booking) {
				e.book(t, "u2", "b-eco-2", per("2026-12-14", "2026-12-15"))
			}, code: rental.CodeCarUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ctx := context.Background()
			b := e.book(t, "u1", "b-eco-1", basePeriod)
			if tc.setup != nil {
				tc.setup(t, e, b)
			}
			before, err := e.store.GetBooking(ctx, "u1", b.ID)
			noErr(t, err)
			carsBefore := map[string]rental.Car{"b-eco-1": e.car(t, "b-eco-1"), "b-eco-2": e.car(t, "b-eco-2")}
			id := tc.id
			if id == "" {
				id = b.ID
			}
			user := cmp.Or(tc.user, "u1")
			if tc.anon {
				user = ""
			}
			_, err = e.svc.UpdateBooking(ctx, user, id, tc.change, tc.version)
			wantErr(t, err, tc.code, tc.fields...)
			after, err := e.store.GetBooking(ctx, "u1", b.ID)
			noErr(t, err)
			if after != before {
				t.Errorf("booking changed by a failed update: %+v -> %+v", before, after)
			}
			for id, c := range carsBefore {
				if now := e.car(t, id); !maps.Equal(now.Availability.Masks(), c.Availability.Masks()) {
					t.Errorf("car %s changed by a failed update: %+v -> %+v", id, c, now)
				}
			}
		})
	}
}

func TestUpdateBookingAllowedUntilTheDayBefore(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", basePeriod)
	e.clock.Set(mustTime(t, "2026-12-09T22:59:59Z")) // 23:59:59 CET on 12-09
	got, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-16"))}, nil)
	noErr(t, err)
	if got.Version != 2 || got.Period != per("2026-12-10", "2026-12-16") {
		t.Errorf("update on the day before = %+v", got)
	}
	_, err = e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
}

func TestUpdateBookingNoChange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change rental.BookingChange
	}{
		{"same dates", rental.BookingChange{Pickup: ptr(basePeriod.Pickup), Return: ptr(basePeriod.Return)}},
		{"same pick-up", rental.BookingChange{Pickup: ptr(basePeriod.Pickup)}},
		{"same car", rental.BookingChange{CarID: ptr("b-eco-1")}},
		{"same everything", rental.BookingChange{CarID: ptr("b-eco-1"), Pickup: ptr(basePeriod.Pickup), Return: ptr(basePeriod.Return)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ctx := context.Background()
			b := e.book(t, "u1", "b-eco-1", basePeriod)
			e.clock.Advance(time.Hour)
			got, err := e.svc.UpdateBooking(ctx, "u1", b.ID, tc.change, ptr(int64(1)))
			noErr(t, err)
			if got != b {
				t.Errorf("no-op update = %+v, want unchanged %+v", got, b)
			}
			wantSchedule(t, e.car(t, "b-eco-1"), res(b.ID, basePeriod))
		})
	}
}

func TestUpdateBookingVersions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", basePeriod)
	v2, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-14"))}, ptr(int64(1)))
	noErr(t, err)
	_, err = e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-13"))}, ptr(int64(1)))
	wantErr(t, err, rental.CodeVersionMismatch)
	v3, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{Return: ptr(d("2026-12-13"))}, ptr(int64(2)))
	noErr(t, err)
	v4, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-eco-2")}, nil)
	noErr(t, err)
	if v2.Version != 2 || v3.Version != 3 || v4.Version != 4 {
		t.Errorf("versions %d, %d, %d; want 2, 3, 4", v2.Version, v3.Version, v4.Version)
	}
	if v4.CreatedAt != b.CreatedAt || v4.ID != b.ID || v4.UserID != "u1" || v4.LocationID != "BER" {
		t.Errorf("identity changed: %+v", v4)
	}
}

// TestUpdateBookingMovesBackToOldCar: a booking moved off a car and back
// leaves no trace on the other car.
func TestUpdateBookingMovesBackToOldCar(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", basePeriod)
	_, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-eco-2")}, nil)
	noErr(t, err)
	// Someone else takes the freed days on b-eco-1: the booking cannot move back.
	other := e.book(t, "u2", "b-eco-1", per("2026-12-12", "2026-12-13"))
	_, err = e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-eco-1")}, nil)
	wantErr(t, err, rental.CodeCarUnavailable)
	_, err = e.svc.CancelBooking(ctx, "u2", other.ID, nil)
	noErr(t, err)
	got, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-eco-1")}, nil)
	noErr(t, err)
	if got.Total.Amount != 5*3000 || got.Car.ID != "b-eco-1" {
		t.Errorf("moved back: %+v", got)
	}
	wantSchedule(t, e.car(t, "b-eco-1"), res(b.ID, basePeriod))
	wantSchedule(t, e.car(t, "b-eco-2"))
}

func TestCancelBooking(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", basePeriod)
	keep := e.book(t, "u1", "b-eco-1", per("2026-12-20", "2026-12-21"))

	_, err := e.svc.CancelBooking(ctx, "u2", b.ID, nil)
	wantErr(t, err, rental.CodeNotFound)
	_, err = e.svc.CancelBooking(ctx, "", b.ID, nil)
	wantErr(t, err, rental.CodeUnauthorized)
	_, err = e.svc.CancelBooking(ctx, "u1", "bk-9999", nil)
	wantErr(t, err, rental.CodeNotFound)
	wantSchedule(t, e.car(t, "b-eco-1"), res(b.ID, b.Period), res(keep.ID, keep.Period))

	e.clock.Advance(time.Hour)
	got, err := e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
	want := b
	want.Status, want.Version, want.UpdatedAt = rental.Cancelled, 2, t0.Add(time.Hour)
	if got != want {
		t.Fatalf("CancelBooking =\n%+v\nwant\n%+v", got, want)
	}
	if stored, _ := e.svc.GetBooking(ctx, "u1", b.ID); stored != want {
		t.Errorf("stored %+v", stored)
	}
	c := e.car(t, "b-eco-1")
	wantSchedule(t, c, res(keep.ID, keep.Period))

	// A second cancel returns the booking as it is.
	e.clock.Advance(time.Hour)
	again, err := e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
	if again != want {
		t.Errorf("second cancel = %+v, want %+v", again, want)
	}
	wantSchedule(t, e.car(t, "b-eco-1"), res(keep.ID, keep.Period))

	// The freed days can be booked again.
	e.book(t, "u2", "b-eco-1", basePeriod)
}

func TestCancelBookingStarted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		instant string
		started bool
	}{
		{"2026-12-09T22:59:59Z", false}, // 23:59:59 on 12-09 in Berlin
		{"2026-12-09T23:00:00Z", true},  // 00:00 on 12-10 in Berlin
		{"2026-12-12T12:00:00Z", true},
		{"2026-12-20T12:00:00Z", true}, // after the return
	} {
		t.Run(tc.instant, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ctx := context.Background()
			b := e.book(t, "u1", "b-eco-1", basePeriod)
			e.clock.Set(mustTime(t, tc.instant))
			got, err := e.svc.CancelBooking(ctx, "u1", b.ID, nil)
			if !tc.started {
				noErr(t, err)
				if got.Status != rental.Cancelled {
					t.Errorf("status %s", got.Status)
				}
				return
			}
			wantErr(t, err, rental.CodeBookingStarted)
			stored, _ := e.svc.GetBooking(ctx, "u1", b.ID)
			if stored != b {
				t.Errorf("booking changed: %+v", stored)
			}
			wantSchedule(t, e.car(t, "b-eco-1"), res(b.ID, basePeriod))
		})
	}
}

// TestCancelledBookingStaysCancelledAfterPickup: cancelling again after the
// pick-up day is still the idempotent 200, not booking_started.
func TestCancelledBookingStaysCancelledAfterPickup(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", basePeriod)
	c, err := e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
	e.clock.Set(mustTime(t, "2026-12-12T12:00:00Z"))
	again, err := e.svc.CancelBooking(ctx, "u1", b.ID, nil)
	noErr(t, err)
	if again != c {
		t.Errorf("cancel after pick-up = %+v, want %+v", again, c)
	}
}

// TestSchedulePruning: each write that reads a car (a create, a change)
// drops the months before today's at the car's location from its
// availability, and keeps the rest. A cancel frees its days without
// reading the car, so it prunes nothing: the next create or change does.
func TestSchedulePruning(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		write  func(t *testing.T, e *env, future rental.Booking) []reservation // returns the reservations expected besides running's
		prunes bool
	}{
		{"create", func(t *testing.T, e *env, future rental.Booking) []reservation {
			n := e.book(t, "u3", "b-eco-1", per("2027-01-25", "2027-01-27"))
			return []reservation{res(future.ID, future.Period), res(n.ID, n.Period)}
		}, true},
		{"update", func(t *testing.T, e *env, future rental.Booking) []reservation {
			u, err := e.svc.UpdateBooking(context.Background(), "u1", future.ID, rental.BookingChange{Return: ptr(d("2027-01-22"))}, nil)
			noErr(t, err)
			return []reservation{res(u.ID, u.Period)}
		}, true},
		{"cancel", func(t *testing.T, e *env, future rental.Booking) []reservation {
			_, err := e.svc.CancelBooking(context.Background(), "u1", future.ID, nil)
			noErr(t, err)
			return nil
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ended := e.book(t, "u1", "b-eco-1", per("2026-12-01", "2026-12-03"))
			running := e.book(t, "u2", "b-eco-1", per("2026-12-30", "2027-01-04"))
			future := e.book(t, "u1", "b-eco-1", per("2027-01-20", "2027-01-21"))
			// 2027-01-03 in Berlin: December is over; running ends tomorrow.
			e.clock.Set(mustTime(t, "2027-01-03T09:00:00Z"))
			extra := tc.write(t, e, future)
			c := e.car(t, "b-eco-1")
			want := append([]reservation{res(running.ID, per("2027-01-01", "2027-01-04"))}, extra...)
			if !tc.prunes {
				want = append(want, res(ended.ID, ended.Period), res(running.ID, per("2026-12-30", "2027-01-01")))
			} else if got := c.Availability.Months(); len(got) != 1 || got[0] != rental.MonthOf(d("2027-01-03")) {
				t.Errorf("months %v, want January 2027 only (December pruned)", got)
			}
			wantSchedule(t, c, want...)
			// The booking itself is untouched by pruning.
			if b, err := e.svc.GetBooking(context.Background(), "u1", ended.ID); err != nil || b != ended {
				t.Errorf("pruned booking = %+v, %v", b, err)
			}
		})
	}
}

// TestSchedulePruningOnCarChange: moving a booking to another car prunes
// the car it moves to, and frees its days on the other.
func TestSchedulePruningOnCarChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	e.book(t, "u1", "b-eco-2", per("2026-12-01", "2026-12-02"))
	b := e.book(t, "u1", "b-eco-1", per("2027-01-10", "2027-01-11"))
	e.clock.Set(mustTime(t, "2027-01-05T09:00:00Z"))
	_, err := e.svc.UpdateBooking(ctx, "u1", b.ID, rental.BookingChange{CarID: ptr("b-eco-2")}, nil)
	noErr(t, err)
	wantSchedule(t, e.car(t, "b-eco-1"))
	wantSchedule(t, e.car(t, "b-eco-2"), res(b.ID, b.Period))
}
