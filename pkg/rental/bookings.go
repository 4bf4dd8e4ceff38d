package rental

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// BookingRequest is a new booking: CarID for Period. LocationID is optional;
// when set, the car must stand there (a guard against a stale search page or
// a chatbot that picked the city first).
type BookingRequest struct {
	CarID      string
	LocationID string
	Period     Period
}

// hash is the request's digest for idempotency: two retries of one request
// hash alike; any other body does not.
func (r BookingRequest) hash() string {
	sum := sha256.Sum256([]byte(strings.Join([]string{r.CarID, r.LocationID, r.Period.String()}, "\n")))
	return hex.EncodeToString(sum[:])
}

// BookingChange is a change to a booking; nil fields stay as they are.
type BookingChange struct {
	CarID  *string
	Pickup *Date
	Return *Date
}

// BookingQuery asks for one page of the caller's bookings.
type BookingQuery struct {
	Status BookingStatus // "" for all
	Limit  int
	Cursor string
}

// readAtVersion reads the writing user's booking id in tx and, when
// expectedVersion is set, insists that the booking is still at it.
// Errors: not_found, version_mismatch.
func readAtVersion(ctx context.Context, tx Tx, id string, expectedVersion *int64) (Booking, error) {
	b, err := tx.Booking(ctx, id)
	if err != nil {
		return Booking{}, err
	}
	if expectedVersion != nil && *expectedVersion != b.Version {
		return Booking{}, Errorf(CodeVersionMismatch, "the booking has changed since version %d; reload it", *expectedVersion)
	}
	return b, nil
}

func needCaller(userID string) error {
	if userID == "" {
		return Errorf(CodeUnauthorized, "sign in first")
	}
	return nil
}

// CreateBooking books r.CarID for r.Period for userID. With a non-empty
// idempotencyKey, a retry of the same request returns the first booking and
// the same key with another request fails.
//
// Errors: unauthorized (no userID), validation_failed (the period's rules;
// carId when the car is not at r.LocationID), not_found (car),
// car_unavailable, idempotency_conflict, throttled (too many lost races),
// internal.
func (s *Service) CreateBooking(ctx context.Context, userID string, r BookingRequest, idempotencyKey string) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	if r.CarID == "" {
		return Booking{}, Invalid("carId", "is required")
	}
	var idem *Idempotency
	if idempotencyKey != "" {
		now := s.now()
		idem = &Idempotency{Key: idempotencyKey, RequestHash: r.hash(), Now: now, ExpiresAt: now.Add(IdempotencyTTL)}
	}
	return s.store.Write(ctx, userID, idem, func(ctx context.Context, tx Tx) (Booking, error) {
		car, err := tx.Car(ctx, r.CarID)
		if err != nil {
			return Booking{}, err
		}
		if r.LocationID != "" && car.LocationID != r.LocationID {
			return Booking{}, Invalid("carId", "is not at location "+r.LocationID)
		}
		today, err := s.TodayAt(ctx, car.LocationID)
		if err != nil {
			return Booking{}, err
		}
		if err := CheckPeriod(r.Period, today); err != nil {
			return Booking{}, err
		}
		if _, taken := car.Schedule.Conflict(r.Period, ""); taken {
			return Booking{}, Errorf(CodeCarUnavailable, "the car is already booked for some of these days")
		}
		quote, err := QuoteFor(car.DailyRate, r.Period)
		if err != nil {
			return Booking{}, AsError(err)
		}
		now := s.now().UTC()
		b := Booking{ID: s.newID(), UserID: userID, CarID: car.ID, LocationID: car.LocationID,
			Period: r.Period, Total: quote.Total, Status: Confirmed, Version: 1,
			CreatedAt: now, UpdatedAt: now, Car: car.Summary()}
		car.Schedule = car.Schedule.Pruned(today).With(Reservation{BookingID: b.ID, Period: b.Period})
		car.Version++
		tx.SaveCar(car)
		tx.SaveBooking(b)
		return b, nil
	})
}

// GetBooking returns userID's booking id.
//
// Errors: unauthorized, not_found (also for another user's booking), internal.
func (s *Service) GetBooking(ctx context.Context, userID, id string) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	return s.store.GetBooking(ctx, userID, id)
}

// ListBookings returns one page of userID's bookings, newest first.
//
// Errors: unauthorized, validation_failed (status, limit, cursor), internal.
func (s *Service) ListBookings(ctx context.Context, userID string, q BookingQuery) (Page[Booking], error) {
	if err := needCaller(userID); err != nil {
		return Page[Booking]{}, err
	}
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return Page[Booking]{}, err
	}
	if q.Status != "" {
		if _, err := ParseBookingStatus(string(q.Status)); err != nil {
			return Page[Booking]{}, Invalid("status", "must be CONFIRMED or CANCELLED")
		}
	}
	return s.store.ListBookings(ctx, userID, BookingFilter{Status: q.Status, PageRequest: PageRequest{
		Limit: limit, Cursor: q.Cursor, Scope: "bookings|" + userID + "|" + string(q.Status)}})
}

// UpdateBooking changes userID's booking id: its car (at the same location)
// or its dates, re-quoted at the car's daily rate. With expectedVersion set,
// the booking must still be at that version. A change that changes nothing
// returns the booking as it is.
//
// Errors: unauthorized, validation_failed (nothing to change, the period's
// rules, carId unknown or at another location), not_found (booking),
// version_mismatch, booking_cancelled, booking_started, car_unavailable,
// throttled, internal.
func (s *Service) UpdateBooking(ctx context.Context, userID, id string, c BookingChange, expectedVersion *int64) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	if c.CarID == nil && c.Pickup == nil && c.Return == nil {
		return Booking{}, Invalid("body", "must change at least one of carId, pickupDate, returnDate")
	}
	if c.CarID != nil && *c.CarID == "" {
		return Booking{}, Invalid("carId", "must not be empty")
	}
	return s.store.Write(ctx, userID, nil, func(ctx context.Context, tx Tx) (Booking, error) {
		b, err := readAtVersion(ctx, tx, id, expectedVersion)
		if err != nil {
			return Booking{}, err
		}
		if b.Status == Cancelled {
			return Booking{}, Errorf(CodeBookingCancelled, "the booking is cancelled")
		}
		today, err := s.TodayAt(ctx, b.LocationID)
		if err != nil {
			return Booking{}, err
		}
		if Started(b.Period.Pickup, today) {
			return Booking{}, Errorf(CodeBookingStarted, "the rental has started; it can no longer be changed")
		}
		next := b.Period
		if c.Pickup != nil {
			next.Pickup = *c.Pickup
		}
		if c.Return != nil {
			next.Return = *c.Return
		}
		carID := b.CarID
		if c.CarID != nil {
			carID = *c.CarID
		}
		if next == b.Period && carID == b.CarID {
			return b, nil
		}
		if err := CheckPeriod(next, today); err != nil {
			return Booking{}, err
		}
		car, err := tx.Car(ctx, carID)
		if ErrorCode(err) == CodeNotFound && carID != b.CarID {
			return Booking{}, Invalid("carId", "is not a car of ours")
		} else if err != nil {
			return Booking{}, err
		}
		if car.LocationID != b.LocationID {
			return Booking{}, Invalid("carId", "is at another location; a booking keeps its pick-up location")
		}
		if _, taken := car.Schedule.Conflict(next, b.ID); taken {
			return Booking{}, Errorf(CodeCarUnavailable, "the car is already booked for some of these days")
		}
		quote, err := QuoteFor(car.DailyRate, next)
		if err != nil {
			return Booking{}, AsError(err)
		}
		if carID != b.CarID {
			old, err := tx.Car(ctx, b.CarID)
			if err == nil {
				old.Schedule = old.Schedule.Without(b.ID).Pruned(today)
				old.Version++
				tx.SaveCar(old)
			} else if ErrorCode(err) != CodeNotFound {
				return Booking{}, err
			}
		}
		car.Schedule = car.Schedule.Pruned(today).With(Reservation{BookingID: b.ID, Period: next})
		car.Version++
		tx.SaveCar(car)
		b.CarID, b.Period, b.Total, b.Car = car.ID, next, quote.Total, car.Summary()
		b.Version++
		b.UpdatedAt = s.now().UTC()
		tx.SaveBooking(b)
		return b, nil
	})
}

// CancelBooking cancels userID's booking id and frees its car's days.
// Cancelling a cancelled booking returns it unchanged. With expectedVersion
// set, the booking must still be at that version.
//
// Errors: unauthorized, not_found, version_mismatch, booking_started,
// throttled, internal.
func (s *Service) CancelBooking(ctx context.Context, userID, id string, expectedVersion *int64) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	return s.store.Write(ctx, userID, nil, func(ctx context.Context, tx Tx) (Booking, error) {
		b, err := readAtVersion(ctx, tx, id, expectedVersion)
		if err != nil {
			return Booking{}, err
		}
		if b.Status == Cancelled {
			return b, nil
		}
		today, err := s.TodayAt(ctx, b.LocationID)
		if err != nil {
			return Booking{}, err
		}
		if Started(b.Period.Pickup, today) {
			return Booking{}, Errorf(CodeBookingStarted, "the rental has started; it can no longer be cancelled")
		}
		car, err := tx.Car(ctx, b.CarID)
		switch {
		case err == nil:
			car.Schedule = car.Schedule.Without(b.ID).Pruned(today)
			car.Version++
			tx.SaveCar(car)
		case ErrorCode(err) != CodeNotFound: // a car taken out of the fleet has no schedule to free
			return Booking{}, err
		}
		b.Status = Cancelled
		b.Version++
		b.UpdatedAt = s.now().UTC()
		tx.SaveBooking(b)
		return b, nil
	})
}
