package rental

import (
	"context"
	"fmt"
)

// The booking limit: how many active bookings one customer may hold at
// once, so that one account cannot take a location's whole fleet.
const (
	// DefaultBookingLimit is the limit of a Service built without
	// WithBookingLimit.
	DefaultBookingLimit = 5
	// MaxBookingLimit bounds what WithBookingLimit accepts: the store
	// keeps the held bookings' ids on the customer's account item, which
	// must stay within one write unit (1 KB) beside the idempotency keys.
	MaxBookingLimit = 10
)

// BookingLimit is the detail of a booking_limit_reached error: the most
// active bookings a customer may hold (Max) and how many they hold (Held).
type BookingLimit struct {
	Max, Held int
}

// WithBookingLimit sets the most active bookings one customer may hold, 1
// or more; NewService panics below 1. A deployment takes it from its
// configuration, checked by CheckBookingLimit.
func WithBookingLimit(n int) Option { return func(s *Service) { s.limit = n } }

// CheckBookingLimit says whether n may be a deployment's limit: 1 to
// MaxBookingLimit.
func CheckBookingLimit(n int) error {
	if n < 1 || n > MaxBookingLimit {
		return fmt.Errorf("booking limit %d: must be 1 to %d", n, MaxBookingLimit)
	}
	return nil
}

// Holds tells whether b holds a place under the booking limit on today (a
// day at its location): a confirmed booking until its return day has
// passed, a picked-up one until the car is back. A cancelled, returned or
// no-show booking holds none.
func (b Booking) Holds(today Date) bool {
	return b.Status == PickedUp || (b.Status == Confirmed && !b.Period.Return.Before(today))
}

// errBookingLimit is the answer to a create by a customer who holds held
// bookings, the limit or more.
func errBookingLimit(limit, held int) *Error {
	return &Error{Code: CodeBookingLimitReached, Limit: &BookingLimit{Max: limit, Held: held},
		Message: fmt.Sprintf("you hold %d active bookings, the most one customer may hold at once (%d); "+
			"cancel one, or book again after one has ended", held, limit)}
}

// holding is the ids of the writing user's bookings that hold a place,
// for a create: the account's list as tx reads it, and, when the list is
// at the limit, only those of its bookings that still hold one (read in
// one round trip). The list only grows by creates, each of which checks
// it, so it never passes the limit, and a booking once freed (cancelled,
// ended, returned) never holds again: a list below the limit needs no
// reads.
func (s *Service) holding(ctx context.Context, tx Tx) ([]string, error) {
	ids, err := tx.Held(ctx)
	if err != nil || len(ids) < s.limit {
		return ids, err
	}
	bookings, err := tx.Bookings(ctx, ids)
	if err != nil {
		return nil, err
	}
	var kept []string
	for _, b := range bookings {
		today, err := s.TodayAt(ctx, b.LocationID)
		if err != nil {
			return nil, err
		}
		if b.Holds(today) {
			kept = append(kept, b.ID)
		}
	}
	return kept, nil
}
