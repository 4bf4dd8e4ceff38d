package rental

import (
	"fmt"
	"time"
)

// BookingStatus is CONFIRMED or CANCELLED.
type BookingStatus string

// The states of a booking.
const (
	Confirmed BookingStatus = "CONFIRMED"
	Cancelled BookingStatus = "CANCELLED"
)

// ParseBookingStatus accepts exactly CONFIRMED or CANCELLED.
func ParseBookingStatus(s string) (BookingStatus, error) {
	switch BookingStatus(s) {
	case Confirmed, Cancelled:
		return BookingStatus(s), nil
	}
	return "", fmt.Errorf("%q is not a booking status", s)
}

// Booking is one user's rental of one car for one period. It belongs to
// UserID (the Cognito sub) and to nobody else. Total is fixed when the
// booking is made or changed. Version starts at 1 and grows by one on every
// change; it is the booking's ETag.
type Booking struct {
	ID         string
	UserID     string
	CarID      string
	LocationID string
	Period     Period
	Total      Money
	Status     BookingStatus
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Car        CarSummary
}

// Days is the number of rental days charged.
func (b Booking) Days() int { return b.Period.Days() }
