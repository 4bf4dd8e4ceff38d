package rental

import (
	"fmt"
	"time"
)

// BookingStatus is where a booking is in its life: CONFIRMED when made;
// then CANCELLED by the customer before the pick-up day, or, at the desk,
// PICKED_UP and later RETURNED, or NO_SHOW when nobody came (lifecycle.go).
type BookingStatus string

// The states of a booking.
const (
	Confirmed BookingStatus = "CONFIRMED"
	Cancelled BookingStatus = "CANCELLED"
	PickedUp  BookingStatus = "PICKED_UP"
	Returned  BookingStatus = "RETURNED"
	NoShow    BookingStatus = "NO_SHOW"
)

// BookingStatuses lists every BookingStatus.
var BookingStatuses = []BookingStatus{Confirmed, Cancelled, PickedUp, Returned, NoShow}

// ParseBookingStatus accepts exactly one of BookingStatuses.
func ParseBookingStatus(s string) (BookingStatus, error) {
	for _, st := range BookingStatuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a booking status", s)
}

// Booking is one user's rental of one car for one period. It belongs to
// UserID (the Cognito sub) and to nobody else. Total is fixed when the
// booking is made or changed. Version starts at 1 and grows by one on every
// change; it is the booking's ETag. ReturnedOn is the day the car came
// back (RETURNED only). Email is where the booking's notices go: the
// signed-in user's address when it was made ("" for bookings made before
// notices, and for callers that know none).
type Booking struct {
	ID         string
	UserID     string
	Email      string
	CarID      string
	LocationID string
	Period     Period
	Total      Money
	Status     BookingStatus
	ReturnedOn Date
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Car        CarSummary
}

// Days is the number of rental days charged.
func (b Booking) Days() int { return b.Period.Days() }

// NewBooking is a confirmed booking at version 1 of car for period p at
// total, made at now.
func NewBooking(id, userID string, car Car, p Period, total Money, now time.Time) Booking {
	now = now.UTC()
	return Booking{ID: id, UserID: userID, CarID: car.ID, LocationID: car.LocationID, Period: p, Total: total,
		Status: Confirmed, Version: 1, CreatedAt: now, UpdatedAt: now, Car: car.Summary()}
}

// CheckChangeable tells whether the customer may still change b on today
// (a day at its location): not once it is cancelled (booking_cancelled),
// nor from the pick-up day on or once the desk has handled it
// (booking_started).
func (b Booking) CheckChangeable(today Date) error {
	if b.Status == Cancelled {
		return Errorf(CodeBookingCancelled, "the booking is cancelled")
	}
	if b.Status != Confirmed || Started(b.Period.Pickup, today) {
		return Errorf(CodeBookingStarted, "the rental has started; it can no longer be changed")
	}
	return nil
}

// CheckCancellable tells whether the customer may cancel b on today: not
// from the pick-up day on, nor once the desk has handled it
// (booking_started). A cancelled booking may be cancelled again, which
// changes nothing.
func (b Booking) CheckCancellable(today Date) error {
	if b.Status != Cancelled && (b.Status != Confirmed || Started(b.Period.Pickup, today)) {
		return Errorf(CodeBookingStarted, "the rental has started; it can no longer be cancelled")
	}
	return nil
}

// Target is the car and period that b would have after c: what c names,
// and b's own for what it leaves out.
func (b Booking) Target(c BookingChange) (carID string, p Period) {
	carID, p = b.CarID, b.Period
	if c.CarID != nil {
		carID = *c.CarID
	}
	if c.Pickup != nil {
		p.Pickup = *c.Pickup
	}
	if c.Return != nil {
		p.Return = *c.Return
	}
	return carID, p
}

// Moved is b on car for period p at the new total, one version later,
// updated at now.
func (b Booking) Moved(car Car, p Period, total Money, now time.Time) Booking {
	b.CarID, b.Car, b.Period, b.Total = car.ID, car.Summary(), p, total
	return b.bumped(now)
}

// Cancel is b cancelled at now, one version later; a cancelled b as it is.
func (b Booking) Cancel(now time.Time) Booking {
	if b.Status == Cancelled {
		return b
	}
	b.Status = Cancelled
	return b.bumped(now)
}

// bumped is b one version later, updated at now.
func (b Booking) bumped(now time.Time) Booking {
	b.Version++
	b.UpdatedAt = now.UTC()
	return b
}
