package rental

import (
	"context"
)

// StatusChange is what the desk does to a booking: To is PickedUp,
// Returned or NoShow; ReturnedOn, for Returned, is the day the car came
// back (today at the location when nil).
type StatusChange struct {
	To         BookingStatus
	ReturnedOn *Date
}

// deskStatuses are the statuses the desk may set.
var deskStatuses = []BookingStatus{PickedUp, Returned, NoShow}

// errTransition is the answer to a desk change that b's status or today
// does not allow.
func errTransition(format string, args ...any) *Error {
	return Errorf(CodeInvalidTransition, format, args...)
}

// pickUp is b picked up on today: a confirmed booking, from its pick-up
// day until the day before its return.
func (b Booking) pickUp(today Date) (Booking, error) {
	switch {
	case b.Status != Confirmed:
		return Booking{}, errTransition("a %s booking cannot be picked up", b.Status)
	case today.Before(b.Period.Pickup):
		return Booking{}, errTransition("the pick-up day is %s; it is %s at the location", b.Period.Pickup, today)
	case !today.Before(b.Period.Return):
		return Booking{}, errTransition("the return day %s has come; mark it a no-show instead", b.Period.Return)
	}
	b.Status = PickedUp
	return b, nil
}

// giveBack is b returned on day on (at most today): a picked-up booking,
// not before its pick-up day. free is the period whose days the car gets
// back: from on to the booked return when it came back early, none
// otherwise.
func (b Booking) giveBack(on, today Date) (Booking, *Period, error) {
	switch {
	case b.Status != PickedUp:
		return Booking{}, nil, errTransition("a %s booking cannot be returned; pick it up first", b.Status)
	case on.Before(b.Period.Pickup):
		return Booking{}, nil, Invalid(Violation{Field: FieldReturnedOn, Rule: RuleBeforePickup, Value: on.String(), Pickup: b.Period.Pickup})
	case on.After(today):
		return Booking{}, nil, Invalid(Violation{Field: FieldReturnedOn, Rule: RuleInFuture, Value: on.String(), Today: today})
	}
	b.Status, b.ReturnedOn = Returned, on
	if on.Before(b.Period.Return) {
		return b, &Period{Pickup: on, Return: b.Period.Return}, nil
	}
	return b, nil, nil
}

// noShow is b marked as a no-show on today: a confirmed booking whose
// pick-up day has come. free is what is left of its period, from today.
func (b Booking) noShow(today Date) (Booking, *Period, error) {
	switch {
	case b.Status != Confirmed:
		return Booking{}, nil, errTransition("a %s booking cannot be a no-show", b.Status)
	case today.Before(b.Period.Pickup):
		return Booking{}, nil, errTransition("the pick-up day is %s; it is %s at the location", b.Period.Pickup, today)
	}
	b.Status = NoShow
	if today.Before(b.Period.Return) {
		return b, &Period{Pickup: today, Return: b.Period.Return}, nil
	}
	return b, nil, nil
}

// SetBookingStatus is the desk's change of customerID's booking id (staff
// only: the adapter checks the caller). The car's days that a return
// before the booked day or a no-show leave unused are freed. Each change
// is one version more; with expectedVersion set the booking must still
// be at it.
//
// Errors: validation_failed (FieldStatus not a desk status; FieldReturnedOn
// before the pick-up day or in the future), not_found, version_mismatch,
// invalid_transition (the status or the day does not allow it), throttled,
// unavailable, internal.
func (s *Service) SetBookingStatus(ctx context.Context, customerID, id string, c StatusChange, expectedVersion *int64) (Booking, error) {
	if err := needCaller(customerID); err != nil {
		return Booking{}, err
	}
	if !oneOf(c.To, deskStatuses) {
		return Booking{}, Invalid(Violation{Field: FieldStatus, Rule: RuleOneOf, Value: string(c.To), Allowed: names(deskStatuses)})
	}
	w := WriteRequest{Reads: Reads{Bookings: []string{id}}}
	return s.store.Write(ctx, customerID, w, func(ctx context.Context, tx Tx) (Booking, error) {
		b, today, err := s.readForChange(ctx, tx, id, expectedVersion)
		if err != nil {
			return Booking{}, err
		}
		next, free, err := transition(b, c, today)
		if err != nil {
			return Booking{}, err
		}
		if free != nil {
			tx.ReleaseDays(b.CarID, *free)
		}
		next = next.bumped(s.now())
		tx.SaveBooking(next)
		return next, nil
	})
}

// transition applies c to b on today.
func transition(b Booking, c StatusChange, today Date) (Booking, *Period, error) {
	switch c.To {
	case PickedUp:
		next, err := b.pickUp(today)
		return next, nil, err
	case Returned:
		on := today
		if c.ReturnedOn != nil {
			on = *c.ReturnedOn
		}
		return b.giveBack(on, today)
	}
	return b.noShow(today)
}

func oneOf[T comparable](v T, set []T) bool {
	for _, x := range set {
		if x == v {
			return true
		}
	}
	return false
}

// DeskDay is a location's day at the desk: the bookings picked up that
// day and those due back, in their location's time zone.
type DeskDay struct {
	Location Location
	Day      Date
	Pickups  []Booking
	Returns  []Booking
}

// Desk lists the pick-ups and returns of day at locationID (staff only);
// nil day is today at the location. Cancelled bookings are left out.
//
// Errors: validation_failed (FieldLocation unknown), unavailable, internal.
func (s *Service) Desk(ctx context.Context, locationID string, day *Date) (DeskDay, error) {
	loc, err := s.location(ctx, locationID)
	if ErrorCode(err) == CodeNotFound {
		return DeskDay{}, Invalid(Violation{Field: FieldLocation, Rule: RuleUnknown, Value: locationID})
	} else if err != nil {
		return DeskDay{}, err
	}
	d, err := s.TodayAt(ctx, locationID)
	if err != nil {
		return DeskDay{}, err
	}
	if day != nil {
		d = *day
	}
	// A rental lasts at most MaxRentalDays: what is due back on d was
	// picked up in the MaxRentalDays before it.
	bookings, err := s.store.BookingsByPickup(ctx, locationID, d.AddDays(-MaxRentalDays), d)
	if err != nil {
		return DeskDay{}, err
	}
	out := DeskDay{Location: loc, Day: d}
	for _, b := range bookings {
		switch {
		case b.Period.Pickup == d:
			out.Pickups = append(out.Pickups, b)
		case b.Period.Return == d:
			out.Returns = append(out.Returns, b)
		}
	}
	return out, nil
}
