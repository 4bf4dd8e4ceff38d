package rental

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// BookingRequest is a new booking: CarID for Period. LocationID is optional;
// when set, the car must stand there (a guard against a stale search page or
// a chatbot that picked the city first). Email is the customer's address
// from the sign-in, kept on the booking for its notices; "" for none.
type BookingRequest struct {
	CarID      string
	LocationID string
	Period     Period
	Email      string
}

// hash is the request's digest for idempotency: two retries of one request
// hash alike; any other body does not. Email is not the client's to choose
// (it comes from the sign-in), so it is left out.
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

// changeFields are what a BookingChange may name, for RuleNothingToChange.
var changeFields = []Field{FieldCar, FieldPickup, FieldReturn}

// check applies the rules that need no reads: something to change, and a
// car id that is not empty.
func (c BookingChange) check() error {
	if c.CarID == nil && c.Pickup == nil && c.Return == nil {
		return Invalid(Violation{Field: FieldChange, Rule: RuleNothingToChange, Allowed: names(changeFields)})
	}
	if c.CarID != nil && *c.CarID == "" {
		return Invalid(Violation{Field: FieldCar, Rule: RuleEmpty})
	}
	return nil
}

// BookingQuery asks for one page of the caller's bookings.
type BookingQuery struct {
	Status BookingStatus // "" for all
	Limit  int
	Cursor string
}

// errCarUnavailable is the answer when the car's schedule holds some of the
// days.
func errCarUnavailable() *Error {
	return Errorf(CodeCarUnavailable, "the car is already booked for some of these days")
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

// readForChange is readAtVersion and today at the booking's location.
func (s *Service) readForChange(ctx context.Context, tx Tx, id string, expectedVersion *int64) (Booking, Date, error) {
	b, err := readAtVersion(ctx, tx, id, expectedVersion)
	if err != nil {
		return Booking{}, Date{}, err
	}
	today, err := s.TodayAt(ctx, b.LocationID)
	if err != nil {
		return Booking{}, Date{}, err
	}
	return b, today, nil
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
// The customer may hold at most the Service's booking limit of active
// bookings (limit.go): the new one takes a place in the same transaction.
//
// Errors: unauthorized (no userID), validation_failed (FieldCar required or
// RuleNotAtLocation; the period's rules), not_found (car), car_unavailable,
// booking_limit_reached, idempotency_conflict, throttled (too many lost
// races), unavailable, internal.
func (s *Service) CreateBooking(ctx context.Context, userID string, r BookingRequest, idempotencyKey string) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	if r.CarID == "" {
		return Booking{}, Invalid(Violation{Field: FieldCar, Rule: RuleRequired})
	}
	var idem *Idempotency
	if idempotencyKey != "" {
		now := s.now()
		idem = &Idempotency{Key: idempotencyKey, RequestHash: r.hash(), Now: now, ExpiresAt: now.Add(IdempotencyTTL)}
	}
	w := WriteRequest{Idem: idem, Reads: Reads{Cars: []string{r.CarID}, Held: true}}
	return s.store.Write(ctx, userID, w, func(ctx context.Context, tx Tx) (Booking, error) {
		car, err := tx.Car(ctx, r.CarID)
		if err != nil {
			return Booking{}, err
		}
		if car.Retired {
			return Booking{}, NotFound("car")
		}
		if r.LocationID != "" && car.LocationID != r.LocationID {
			return Booking{}, Invalid(Violation{Field: FieldCar, Rule: RuleNotAtLocation, Value: r.CarID, Location: r.LocationID})
		}
		today, err := s.TodayAt(ctx, car.LocationID)
		if err != nil {
			return Booking{}, err
		}
		if err := CheckPeriod(r.Period, today); err != nil {
			return Booking{}, err
		}
		held, err := s.holding(ctx, tx)
		if err != nil {
			return Booking{}, err
		}
		if len(held) >= s.limit {
			return Booking{}, errBookingLimit(s.limit, len(held))
		}
		if !car.Availability.Free(r.Period) {
			return Booking{}, errCarUnavailable()
		}
		quote, err := QuoteFor(car.DailyRate, r.Period)
		if err != nil {
			return Booking{}, AsError(err)
		}
		b := NewBooking(s.newID(), userID, car, r.Period, quote.Total, s.now())
		b.Email = r.Email
		car.Availability = car.Availability.Pruned(today).Reserve(b.Period)
		tx.SaveCar(car)
		tx.SaveBooking(b)
		tx.SaveHeld(append(held, b.ID))
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
			return Page[Booking]{}, Invalid(Violation{Field: FieldStatus, Rule: RuleOneOf, Value: string(q.Status),
				Allowed: names(BookingStatuses)})
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
// Errors: unauthorized, validation_failed (RuleNothingToChange, the
// period's rules, FieldCar empty, unknown or RuleOtherLocation), not_found
// (booking), version_mismatch, booking_cancelled, booking_started,
// car_unavailable, throttled, internal.
func (s *Service) UpdateBooking(ctx context.Context, userID, id string, c BookingChange, expectedVersion *int64) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	if err := c.check(); err != nil {
		return Booking{}, err
	}
	w := WriteRequest{Reads: Reads{Bookings: []string{id}}}
	if c.CarID != nil {
		w.Reads.Cars = []string{*c.CarID}
	}
	return s.store.Write(ctx, userID, w, func(ctx context.Context, tx Tx) (Booking, error) {
		b, today, err := s.readForChange(ctx, tx, id, expectedVersion)
		if err != nil {
			return Booking{}, err
		}
		if err := b.CheckChangeable(today); err != nil {
			return Booking{}, err
		}
		carID, next := b.Target(c)
		if next == b.Period && carID == b.CarID {
			return b, nil
		}
		if err := CheckPeriod(next, today); err != nil {
			return Booking{}, err
		}
		return s.move(ctx, tx, b, carID, next, today)
	})
}

// move writes b moved to car carID for period next (both checked against
// the rules already): the car takes the new period's days, and lets b's old
// days go (another car's without reading it). Errors: validation_failed
// (FieldCar unknown or at another location), car_unavailable.
func (s *Service) move(ctx context.Context, tx Tx, b Booking, carID string, next Period, today Date) (Booking, error) {
	car, err := tx.Car(ctx, carID)
	if (ErrorCode(err) == CodeNotFound || (err == nil && car.Retired)) && carID != b.CarID {
		return Booking{}, Invalid(Violation{Field: FieldCar, Rule: RuleUnknown, Value: carID})
	} else if err != nil {
		return Booking{}, err
	}
	if car.LocationID != b.LocationID {
		return Booking{}, Invalid(Violation{Field: FieldCar, Rule: RuleOtherLocation, Value: carID, Location: b.LocationID})
	}
	avail := car.Availability
	if carID == b.CarID {
		avail = avail.Release(b.Period)
	}
	if !avail.Free(next) {
		return Booking{}, errCarUnavailable()
	}
	quote, err := QuoteFor(car.DailyRate, next)
	if err != nil {
		return Booking{}, AsError(err)
	}
	if carID != b.CarID {
		tx.ReleaseDays(b.CarID, b.Period)
	}
	car.Availability = avail.Pruned(today).Reserve(next)
	tx.SaveCar(car)
	moved := b.Moved(car, next, quote.Total, s.now())
	tx.SaveBooking(moved)
	return moved, nil
}

// CancelBooking cancels userID's booking id and frees its car's days
// (without reading the car: one read and one write).
// Cancelling a cancelled booking returns it unchanged. With expectedVersion
// set, the booking must still be at that version.
//
// Errors: unauthorized, not_found, version_mismatch, booking_started,
// throttled, internal.
func (s *Service) CancelBooking(ctx context.Context, userID, id string, expectedVersion *int64) (Booking, error) {
	if err := needCaller(userID); err != nil {
		return Booking{}, err
	}
	w := WriteRequest{Reads: Reads{Bookings: []string{id}}}
	return s.store.Write(ctx, userID, w, func(ctx context.Context, tx Tx) (Booking, error) {
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
		if err := b.CheckCancellable(today); err != nil {
			return Booking{}, err
		}
		tx.ReleaseDays(b.CarID, b.Period)
		cancelled := b.Cancel(s.now())
		tx.SaveBooking(cancelled)
		return cancelled, nil
	})
}
