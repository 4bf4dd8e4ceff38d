package memstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/carrental/backend/pkg/rental"
)

var errLostRace = errors.New("memstore: lost race")

type tx struct {
	s            *Store
	userID       string
	readCars     map[string]map[rental.Month]uint32 // the masks read
	readBookings map[string]int64
	cars         []rental.Car
	releases     []release
	bookings     []rental.Booking
	heldVersion  *int64   // the version of the held list read, when read
	held         []string // saved, when savedHeld
	savedHeld    bool
}

type release struct {
	carID  string
	period rental.Period
}

// Car, Booking and Held read under the store's lock, after checking that
// what the attempt read before is still as it was: like the DynamoDB
// store's snapshot reads (pkg/dynamo, snapshot.go), every answer of the
// function then holds at one moment; otherwise the attempt is a lost race.
func (t *tx) Car(_ context.Context, id string) (rental.Car, error) {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	if !t.unchanged() {
		return rental.Car{}, errLostRace
	}
	c, ok := t.s.cars[id]
	if !ok {
		return rental.Car{}, rental.NotFound("car")
	}
	t.readCars[id] = c.Availability.Masks()
	return copyCar(c), nil
}

func (t *tx) Booking(_ context.Context, id string) (rental.Booking, error) {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	if !t.unchanged() {
		return rental.Booking{}, errLostRace
	}
	b, ok := t.s.bookings[t.userID][id]
	if !ok {
		return rental.Booking{}, rental.NotFound("booking")
	}
	t.readBookings[id] = b.Version
	return b, nil
}

// unchanged reports whether every car, booking and held list t read is
// still as read. The caller holds s.mu.
func (t *tx) unchanged() bool {
	for id, masks := range t.readCars {
		if !maps.Equal(t.s.cars[id].Availability.Masks(), masks) {
			return false
		}
	}
	for id, v := range t.readBookings {
		if t.s.bookings[t.userID][id].Version != v {
			return false
		}
	}
	return t.heldVersion == nil || t.s.held[t.userID].version == *t.heldVersion
}

func (t *tx) Bookings(ctx context.Context, ids []string) ([]rental.Booking, error) {
	var out []rental.Booking
	for _, id := range ids {
		b, err := t.Booking(ctx, id)
		if rental.ErrorCode(err) == rental.CodeNotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func (t *tx) Held(context.Context) ([]string, error) {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	if !t.unchanged() {
		return nil, errLostRace
	}
	h := t.s.held[t.userID]
	t.heldVersion = &h.version
	return slices.Clone(h.ids), nil
}

func (t *tx) SaveHeld(ids []string) { t.held, t.savedHeld = slices.Clone(ids), true }

func (t *tx) SaveCar(c rental.Car) { t.cars = append(t.cars, copyCar(c)) }
func (t *tx) ReleaseDays(carID string, p rental.Period) {
	t.releases = append(t.releases, release{carID: carID, period: p})
}
func (t *tx) SaveBooking(b rental.Booking) { t.bookings = append(t.bookings, b) }

// Write implements rental.Store.Write with optimistic concurrency. w.Reads
// changes nothing here: every read is in memory.
func (s *Store) Write(ctx context.Context, userID string, w rental.WriteRequest,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	idem := w.Idem
	for attempt := 0; attempt < MaxAttempts; attempt++ {
		if idem != nil {
			if b, done, err := s.replay(ctx, userID, idem); done {
				return b, err
			}
		}
		t := &tx{s: s, userID: userID, readCars: map[string]map[rental.Month]uint32{}, readBookings: map[string]int64{}}
		b, err := fn(ctx, t)
		if errors.Is(err, errLostRace) {
			continue
		}
		if err != nil {
			if idem != nil { // a request with the same key may have committed meanwhile
				if rb, done, rerr := s.replay(ctx, userID, idem); done {
					return rb, rerr
				}
			}
			return rental.Booking{}, err
		}
		if len(t.cars) == 0 && len(t.bookings) == 0 && len(t.releases) == 0 && !t.savedHeld {
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
	if err := s.check(t, idem); err != nil {
		return err
	}
	s.save(t, idem, bookingID)
	return nil
}

// save writes t's cars (their changed months), the days it released, its
// bookings, the held list and the idempotency record. The caller holds
// s.mu.
func (s *Store) save(t *tx, idem *rental.Idempotency, bookingID string) {
	for _, c := range t.cars {
		cur := s.cars[c.ID]
		cur.Availability = rental.AvailabilityOf(c.Availability.Masks())
		s.cars[c.ID] = cur
	}
	for _, r := range t.releases {
		cur := s.cars[r.carID]
		cur.Availability = cur.Availability.Release(r.period)
		s.cars[r.carID] = cur
	}
	for _, b := range t.bookings {
		if s.bookings[t.userID] == nil {
			s.bookings[t.userID] = map[string]rental.Booking{}
		}
		s.bookings[t.userID][b.ID] = b
	}
	if t.savedHeld {
		s.held[t.userID] = heldList{ids: t.held, version: s.held[t.userID].version + 1}
	}
	if idem != nil {
		if s.idem[t.userID] == nil {
			s.idem[t.userID] = map[string]idemRecord{}
		}
		s.idem[t.userID][idem.Key] = idemRecord{hash: idem.RequestHash, bookingID: bookingID, expiresAt: idem.ExpiresAt}
	}
}

// check holds t's writes to their conditions, as the DynamoDB store's
// transaction does: each changed month of a car as read, each booking at
// the version read (or absent), the held list as read, the key unused,
// the released cars there.
func (s *Store) check(t *tx, idem *rental.Idempotency) error {
	if err := s.checkCars(t); err != nil {
		return err
	}
	for _, b := range t.bookings {
		cur, exists := s.bookings[t.userID][b.ID]
		v, read := t.readBookings[b.ID]
		if exists != read || (read && cur.Version != v) {
			return errLostRace
		}
	}
	if err := s.checkHeld(t); err != nil {
		return err
	}
	if idem != nil {
		if rec, ok := s.idem[t.userID][idem.Key]; ok && rec.expiresAt.After(idem.Now) {
			return errLostRace
		}
	}
	return nil
}

// checkCars: each changed month of a saved car as read; each car whose
// days are released there.
func (s *Store) checkCars(t *tx) error {
	for _, c := range t.cars {
		read, ok := t.readCars[c.ID]
		if !ok {
			return errors.New("memstore: SaveCar of a car the Tx did not read")
		}
		// Retired or moved meanwhile: a fresh read says so.
		if s.cars[c.ID].Retired || s.cars[c.ID].LocationID != c.LocationID {
			return errLostRace
		}
		now := s.cars[c.ID].Availability.Masks()
		for m := range monthsOf(read, c.Availability.Masks()) {
			if c.Availability.Mask(m) != read[m] && now[m] != read[m] {
				return errLostRace
			}
		}
	}
	for _, r := range t.releases {
		if _, ok := s.cars[r.carID]; !ok {
			return fmt.Errorf("memstore: releasing the days of car %s, which does not exist", r.carID)
		}
	}
	return nil
}

// checkHeld: a saved held list replaces the one read.
func (s *Store) checkHeld(t *tx) error {
	if !t.savedHeld {
		return nil
	}
	if t.heldVersion == nil {
		return errors.New("memstore: SaveHeld without Held")
	}
	if s.held[t.userID].version != *t.heldVersion {
		return errLostRace
	}
	return nil
}

// monthsOf is the set of months of a and b.
func monthsOf(a, b map[rental.Month]uint32) map[rental.Month]bool {
	out := map[rental.Month]bool{}
	for m := range maps.Keys(a) {
		out[m] = true
	}
	for m := range maps.Keys(b) {
		out[m] = true
	}
	return out
}
