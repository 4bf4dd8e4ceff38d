package memstore

import (
	"context"
	"errors"

	"github.com/carrental/backend/pkg/rental"
)

var errLostRace = errors.New("memstore: lost race")

type tx struct {
	s            *Store
	userID       string
	readCars     map[string]int64
	readBookings map[string]int64
	cars         []rental.Car
	bookings     []rental.Booking
}

func (t *tx) Car(_ context.Context, id string) (rental.Car, error) {
	c, err := t.s.GetCar(context.Background(), id)
	if err != nil {
		return c, err
	}
	t.readCars[id] = c.Version
	return c, nil
}

func (t *tx) Booking(_ context.Context, id string) (rental.Booking, error) {
	b, err := t.s.GetBooking(context.Background(), t.userID, id)
	if err != nil {
		return b, err
	}
	t.readBookings[id] = b.Version
	return b, nil
}

func (t *tx) SaveCar(c rental.Car)         { t.cars = append(t.cars, copyCar(c)) }
func (t *tx) SaveBooking(b rental.Booking) { t.bookings = append(t.bookings, b) }

// Write implements rental.Store.Write with optimistic concurrency.
func (s *Store) Write(ctx context.Context, userID string, idem *rental.Idempotency,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	for attempt := 0; attempt < MaxAttempts; attempt++ {
		if idem != nil {
			if b, done, err := s.replay(ctx, userID, idem); done {
				return b, err
			}
		}
		t := &tx{s: s, userID: userID, readCars: map[string]int64{}, readBookings: map[string]int64{}}
		b, err := fn(ctx, t)
		if err != nil {
			if idem != nil { // a request with the same key may have committed meanwhile
				if rb, done, rerr := s.replay(ctx, userID, idem); done {
					return rb, rerr
				}
			}
			return rental.Booking{}, err
		}
		if len(t.cars) == 0 && len(t.bookings) == 0 {
			return b, nil
		}
		if s.BeforeCommit != nil {
			s.BeforeCommit()
		}
		if err := s.commit(t, idem, b.ID); errors.Is(err, errLostRace) {
			continue
		} else if err != nil {
			return rental.Booking{}, err
		}
		return b, nil
	}
	return rental.Booking{}, rental.Errorf(rental.CodeThrottled, "too many concurrent changes; try again")
}

// replay answers a request whose idempotency key has a live record.
func (s *Store) replay(ctx context.Context, userID string, idem *rental.Idempotency) (rental.Booking, bool, error) {
	s.mu.Lock()
	rec, ok := s.idem[userID][idem.Key]
	s.mu.Unlock()
	if !ok || !rec.expiresAt.After(idem.Now) {
		return rental.Booking{}, false, nil
	}
	if rec.hash != idem.RequestHash {
		return rental.Booking{}, true, rental.ErrIdempotencyConflict()
	}
	b, err := s.GetBooking(ctx, userID, rec.bookingID)
	return b, true, err
}

// commit saves what t wrote, unless something it read has changed since
// (errLostRace: Write runs the transaction again).
func (s *Store) commit(t *tx, idem *rental.Idempotency, bookingID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkUnchanged(t, idem); err != nil {
		return err
	}
	s.save(t, idem, bookingID)
	return nil
}

// checkUnchanged reports errLostRace when a car or booking that t saves
// has changed since t read it (a booking t did not read must not exist
// yet), or a request with the same idempotency key has committed
// meanwhile; saving a car that t did not read is a bug of the caller. The
// caller holds s.mu.
func (s *Store) checkUnchanged(t *tx, idem *rental.Idempotency) error {
	for _, c := range t.cars {
		v, read := t.readCars[c.ID]
		if !read {
			return errors.New("memstore: SaveCar of a car the Tx did not read")
		}
		if s.cars[c.ID].Version != v {
			return errLostRace
		}
	}
	for _, b := range t.bookings {
		cur, exists := s.bookings[t.userID][b.ID]
		v, read := t.readBookings[b.ID]
		if exists != read || (read && cur.Version != v) {
			return errLostRace
		}
	}
	if idem != nil {
		if rec, ok := s.idem[t.userID][idem.Key]; ok && rec.expiresAt.After(idem.Now) {
			return errLostRace
		}
	}
	return nil
}

// save writes t's cars (schedule and version), its bookings and the
// idempotency record. The caller holds s.mu.
func (s *Store) save(t *tx, idem *rental.Idempotency, bookingID string) {
	for _, c := range t.cars {
		cur := s.cars[c.ID]
		cur.Schedule, cur.Version = c.Schedule, c.Version
		s.cars[c.ID] = cur
	}
	for _, b := range t.bookings {
		if s.bookings[t.userID] == nil {
			s.bookings[t.userID] = map[string]rental.Booking{}
		}
		s.bookings[t.userID][b.ID] = b
	}
	if idem != nil {
		if s.idem[t.userID] == nil {
			s.idem[t.userID] = map[string]idemRecord{}
		}
		s.idem[t.userID][idem.Key] = idemRecord{hash: idem.RequestHash, bookingID: bookingID, expiresAt: idem.ExpiresAt}
	}
}
