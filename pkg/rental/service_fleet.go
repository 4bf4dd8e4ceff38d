package rental

import (
	"context"
	"fmt"
	"strings"
)

// Photos is where the cars' photos are kept (pkg/photos, on S3): the
// Service checks that a photo staff give a car was uploaded.
type Photos interface {
	// Exists reports whether a photo is at key.
	Exists(ctx context.Context, key string) (bool, error)
}

// WithPhotos makes the Service check a car's new photo in p. Without it a
// well-formed key of the car is taken as it is (tests of the domain).
func WithPhotos(p Photos) Option { return func(s *Service) { s.photos = p } }

// checkPhoto: a new photo of car id is under cars/<id>/ and was uploaded.
func (s *Service) checkPhoto(ctx context.Context, id string, key *string) error {
	if key == nil {
		return nil
	}
	if !strings.HasPrefix(*key, "cars/"+id+"/") {
		return Invalid(Violation{Field: FieldPhoto, Rule: RuleFormat, Value: *key, Allowed: []string{"the key of a photo uploaded for this car"}})
	}
	if s.photos == nil {
		return nil
	}
	ok, err := s.photos.Exists(ctx, *key)
	if err != nil {
		return &Error{Code: CodeUnavailable, Message: "the photo store did not answer; try again shortly", Err: err}
	}
	if !ok {
		return Invalid(Violation{Field: FieldPhoto, Rule: RuleUnknown, Value: *key})
	}
	return nil
}

// FleetGuard holds a fleet write to the car's availability as read: each
// month from From on equal to Masks (a month absent there: nothing
// booked). A car that staff move or retire must have no booked day from
// today on, and no booking may slip in between that check and the write.
type FleetGuard struct {
	From  Month
	Masks map[Month]uint32
}

// guardFrom is the guard of car c's availability from today's month on.
func guardFrom(c Car, today Date) *FleetGuard {
	g := &FleetGuard{From: MonthOf(today), Masks: map[Month]uint32{}}
	for m, bits := range c.Availability.Masks() {
		if m >= g.From {
			g.Masks[m] = bits
		}
	}
	return g
}

// errCarHasBookings names the bookings that keep car c where it is.
func errCarHasBookings(c Car, held []Booking) *Error {
	ids := make([]string, len(held))
	for i, b := range held {
		ids[i] = b.ID
	}
	msg := fmt.Sprintf("car %s has bookings from today on: %s; move or cancel them first", c.ID, strings.Join(ids, ", "))
	if len(held) == 0 {
		msg = fmt.Sprintf("car %s has booked days from today on; look again in a moment", c.ID)
	}
	return &Error{Code: CodeCarHasBookings, Message: msg, Bookings: held}
}

// futureBookings are the bookings that hold car c from today on.
func (s *Service) futureBookings(ctx context.Context, c Car, today Date) ([]Booking, error) {
	if len(c.Availability.Booked(today, today.AddDays(MaxDaysAhead+MaxRentalDays))) == 0 {
		return nil, nil
	}
	all, err := s.store.BookingsByPickup(ctx, c.LocationID, today.AddDays(-MaxRentalDays), today.AddDays(MaxDaysAhead))
	if err != nil {
		return nil, err
	}
	var out []Booking
	for _, b := range all {
		if b.CarID == c.ID && b.Holds(today) && b.Period.Return.After(today) {
			out = append(out, b)
		}
	}
	return out, nil
}

// fleetLocation is location id for a fleet write, read from the store
// (not the Service's copy, which may be minutes old: a car takes the
// currency the location has now); its absence is a violation of
// FieldLocation.
func (s *Service) fleetLocation(ctx context.Context, id string) (Location, *Violation, error) {
	loc, err := s.store.GetLocation(ctx, id)
	if ErrorCode(err) == CodeNotFound {
		return Location{}, &Violation{Field: FieldLocation, Rule: RuleUnknown, Value: id}, nil
	}
	return loc, nil, err
}

// CreateCar adds a car to the fleet (staff only: the adapter checks the
// caller), its daily rate in its location's currency, nothing booked.
//
// Errors: validation_failed (every field's rule; FieldLocation unknown),
// already_exists (spec.ID is taken), unavailable, internal.
func (s *Service) CreateCar(ctx context.Context, spec CarSpec) (Car, error) {
	vs := spec.check()
	loc, v, err := s.fleetLocation(ctx, spec.LocationID)
	if err != nil {
		return Car{}, err
	}
	if v != nil {
		vs = append(vs, *v)
	}
	if len(vs) > 0 {
		return Car{}, Invalid(vs...)
	}
	id := spec.ID
	if id == "" {
		id = loc.ID + "-" + strings.ToLower(s.newID()[20:])
	}
	car := spec.change().apply(Car{ID: id}, loc.Currency)
	if err := s.store.CreateCar(ctx, car); err != nil {
		return Car{}, err
	}
	return car, nil
}

// UpdateCar changes car id (staff only). A new daily rate applies to
// bookings made from now on; a booking keeps its total. A car with
// bookings from today on cannot move to another location
// (car_has_bookings names them); a move to a location of another
// currency must give the rate in it.
//
// Errors: validation_failed (RuleNothingToChange; every field's rule;
// FieldLocation unknown; FieldRate required; FieldPhoto not this car's or
// not uploaded), not_found, car_has_bookings, unavailable, internal.
func (s *Service) UpdateCar(ctx context.Context, id string, ch CarChange) (Car, error) {
	if ch.empty() {
		return Car{}, Invalid(Violation{Field: FieldChange, Rule: RuleNothingToChange, Allowed: names(carChangeFields)})
	}
	if vs := ch.check(); len(vs) > 0 {
		return Car{}, Invalid(vs...)
	}
	return s.fleetWrite(ctx, id, func(car Car) (Car, *FleetGuard, error) {
		if err := s.checkPhoto(ctx, id, ch.ImageKey); err != nil {
			return Car{}, nil, err
		}
		to := car.LocationID
		if ch.LocationID != nil {
			to = *ch.LocationID
		}
		loc, v, err := s.fleetLocation(ctx, to)
		if err != nil {
			return Car{}, nil, err
		}
		if v != nil {
			return Car{}, nil, Invalid(*v)
		}
		if loc.Currency != car.DailyRate.Currency && ch.DailyRate == nil {
			return Car{}, nil, Invalid(Violation{Field: FieldRate, Rule: RuleRequired})
		}
		var guard *FleetGuard
		if to != car.LocationID {
			if guard, err = s.checkFree(ctx, car); err != nil {
				return Car{}, nil, err
			}
		}
		return ch.apply(car, loc.Currency), guard, nil
	})
}

// RetireCar takes car id out of the fleet (staff only): no search lists
// it and no booking may take it from now on. A car with bookings from
// today on cannot be retired (car_has_bookings names them).
//
// Errors: not_found (also for a retired car), car_has_bookings,
// unavailable, internal.
func (s *Service) RetireCar(ctx context.Context, id string) (Car, error) {
	return s.fleetWrite(ctx, id, func(car Car) (Car, *FleetGuard, error) {
		guard, err := s.checkFree(ctx, car)
		if err != nil {
			return Car{}, nil, err
		}
		car.Retired = true
		return car, guard, nil
	})
}

// fleetWriteAttempts bounds the reads of a car that staff change while
// other staff change it too.
const fleetWriteAttempts = 3

// fleetWrite reads car id, makes the change and saves it over the version
// it read. Two staff who change one car at once both see their change
// made, one after the other (a change names only what it changes); a
// change that another made impossible meanwhile (a retirement, a
// booking) says so on its fresh read. Still losing after
// fleetWriteAttempts reads is throttled.
func (s *Service) fleetWrite(ctx context.Context, id string, change func(Car) (Car, *FleetGuard, error)) (Car, error) {
	for range fleetWriteAttempts {
		car, err := s.fleetCar(ctx, id)
		if err != nil {
			return Car{}, err
		}
		next, guard, err := change(car)
		if err != nil {
			return Car{}, err
		}
		err = s.store.SaveCarDetails(ctx, next, guard)
		if ErrorCode(err) == CodeVersionMismatch {
			continue
		}
		if err != nil {
			return Car{}, err
		}
		next.FleetVersion++
		return next, nil
	}
	return Car{}, Errorf(CodeThrottled, "car %s is being changed by others; try again", id)
}

// fleetCar reads car id for staff, strongly consistent: a retired one is
// not found.
func (s *Service) fleetCar(ctx context.Context, id string) (Car, error) {
	car, err := s.store.ReadCar(ctx, id)
	if err != nil {
		return Car{}, err
	}
	if car.Retired {
		return Car{}, NotFound("car")
	}
	return car, nil
}

// checkFree is the guard of a car that must hold no bookings from today
// on at its location, or car_has_bookings naming them.
func (s *Service) checkFree(ctx context.Context, car Car) (*FleetGuard, error) {
	today, err := s.TodayAt(ctx, car.LocationID)
	if err != nil {
		return nil, err
	}
	held, err := s.futureBookings(ctx, car, today)
	if err != nil {
		return nil, err
	}
	if len(car.Availability.Booked(today, today.AddDays(MaxDaysAhead+MaxRentalDays))) > 0 {
		return nil, errCarHasBookings(car, held)
	}
	return guardFrom(car, today), nil
}

// CreateLocation adds a location (staff only).
//
// Errors: validation_failed (every field's rule), already_exists,
// unavailable, internal.
func (s *Service) CreateLocation(ctx context.Context, spec LocationSpec) (Location, error) {
	if vs := spec.check(); len(vs) > 0 {
		return Location{}, Invalid(vs...)
	}
	l := spec.change().apply(Location{ID: spec.ID})
	if err := s.store.CreateLocation(ctx, l); err != nil {
		return Location{}, err
	}
	s.forgetLocations()
	return l, nil
}

// UpdateLocation changes location id (staff only). Its currency cannot
// change while cars stand there (their rates are in it). A new time zone
// moves "today" there for every later rule; a booking keeps its days.
//
// Errors: validation_failed (RuleNothingToChange; every field's rule;
// RuleCurrencyFixed), not_found, unavailable, internal.
func (s *Service) UpdateLocation(ctx context.Context, id string, ch LocationChange) (Location, error) {
	if ch.empty() {
		return Location{}, Invalid(Violation{Field: FieldChange, Rule: RuleNothingToChange, Allowed: names(locationChangeFields)})
	}
	if vs := ch.check(); len(vs) > 0 {
		return Location{}, Invalid(vs...)
	}
	l, err := s.store.GetLocation(ctx, id)
	if err != nil {
		return Location{}, err
	}
	if ch.Currency != nil && *ch.Currency != l.Currency {
		page, err := s.store.ListCars(ctx, CarFilter{LocationID: id, PageRequest: PageRequest{Limit: 1, Scope: "currency|" + id}})
		if err != nil {
			return Location{}, err
		}
		if len(page.Items) > 0 {
			return Location{}, Invalid(Violation{Field: FieldCurrency, Rule: RuleCurrencyFixed, Value: *ch.Currency, Allowed: []string{l.Currency}})
		}
	}
	next := ch.apply(l)
	if err := s.store.SaveLocation(ctx, next); err != nil {
		return Location{}, err
	}
	s.forgetLocations()
	return next, nil
}

// forgetLocations drops the Service's copy of the locations, so that this
// container sees a change at once (others within locationTTL).
func (s *Service) forgetLocations() {
	s.mu.Lock()
	s.locations, s.ordered = nil, nil
	s.mu.Unlock()
}
