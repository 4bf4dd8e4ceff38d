package rental_test

import (
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// TestBookingStateChanges: a booking's own state changes, each one version
// later and stamped with the time of the change; what they must not touch
// stays.
func TestBookingStateChanges(t *testing.T) {
	t.Parallel()
	ber := carByID("b-eco-1")
	made := t0.Add(-time.Hour)
	b := rental.NewBooking("bk-1", "u1", ber, per("2026-12-10", "2026-12-13"), rental.Money{Amount: 9000, Currency: "EUR"}, made)
	if b.Status != rental.Confirmed || b.Version != 1 || !b.CreatedAt.Equal(made) || !b.UpdatedAt.Equal(made) ||
		b.CarID != ber.ID || b.LocationID != "BER" || b.Car != ber.Summary() || b.Days() != 3 {
		t.Fatalf("NewBooking = %+v", b)
	}

	other := carByID("b-eco-2")
	moved := b.Moved(other, per("2026-12-11", "2026-12-15"), rental.Money{Amount: 12800, Currency: "EUR"}, t0)
	if moved.Version != 2 || !moved.UpdatedAt.Equal(t0) || !moved.CreatedAt.Equal(made) || moved.CarID != other.ID ||
		moved.Car != other.Summary() || moved.Period != per("2026-12-11", "2026-12-15") || moved.Total.Amount != 12800 ||
		moved.Status != rental.Confirmed || moved.ID != b.ID || moved.UserID != b.UserID {
		t.Errorf("Moved = %+v", moved)
	}
	if b.Version != 1 || b.CarID != ber.ID {
		t.Errorf("Moved changed its receiver: %+v", b)
	}

	cancelled := moved.Cancel(t0.Add(time.Minute))
	if cancelled.Status != rental.Cancelled || cancelled.Version != 3 || !cancelled.UpdatedAt.Equal(t0.Add(time.Minute)) ||
		cancelled.Period != moved.Period || cancelled.Total != moved.Total {
		t.Errorf("Cancel = %+v", cancelled)
	}
	if again := cancelled.Cancel(t0.Add(time.Hour)); again != cancelled {
		t.Errorf("Cancel of a cancelled booking = %+v, want it unchanged", again)
	}
}

// TestBookingTarget: a change names what it changes; the rest stays the
// booking's own.
func TestBookingTarget(t *testing.T) {
	t.Parallel()
	b := rental.NewBooking("bk-1", "u1", carByID("b-eco-1"), per("2026-12-10", "2026-12-13"), rental.Money{}, t0)
	for _, tc := range []struct {
		c      rental.BookingChange
		car    string
		period rental.Period
	}{
		{rental.BookingChange{}, "b-eco-1", per("2026-12-10", "2026-12-13")},
		{rental.BookingChange{CarID: ptr("b-eco-2")}, "b-eco-2", per("2026-12-10", "2026-12-13")},
		{rental.BookingChange{Pickup: ptr(d("2026-12-09"))}, "b-eco-1", per("2026-12-09", "2026-12-13")},
		{rental.BookingChange{Return: ptr(d("2026-12-20"))}, "b-eco-1", per("2026-12-10", "2026-12-20")},
		{rental.BookingChange{CarID: ptr("x"), Pickup: ptr(d("2027-01-01")), Return: ptr(d("2027-01-02"))}, "x", per("2027-01-01", "2027-01-02")},
	} {
		if car, p := b.Target(tc.c); car != tc.car || p != tc.period {
			t.Errorf("Target(%+v) = %s %s, want %s %s", tc.c, car, p, tc.car, tc.period)
		}
	}
}

// TestBookingChangeableAndCancellable: the rules of what a customer may
// still do with a booking, on the days around its pick-up.
func TestBookingChangeableAndCancellable(t *testing.T) {
	t.Parallel()
	b := rental.NewBooking("bk-1", "u1", carByID("b-eco-1"), per("2026-12-10", "2026-12-13"), rental.Money{}, t0)
	noErr(t, b.CheckChangeable(d("2026-12-09")))
	noErr(t, b.CheckCancellable(d("2026-12-09")))
	wantErr(t, b.CheckChangeable(d("2026-12-10")), rental.CodeBookingStarted)
	wantErr(t, b.CheckCancellable(d("2026-12-10")), rental.CodeBookingStarted)
	wantErr(t, b.CheckChangeable(d("2026-12-20")), rental.CodeBookingStarted)

	c := b.Cancel(t0)
	wantErr(t, c.CheckChangeable(d("2026-12-01")), rental.CodeBookingCancelled)
	noErr(t, c.CheckCancellable(d("2026-12-01"))) // again: nothing to refuse
	noErr(t, c.CheckCancellable(d("2026-12-20")))
}
