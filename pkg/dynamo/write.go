package dynamo

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// errLostRace means another writer committed between our reads and our
// write: the function runs again on fresh reads.
var errLostRace = errors.New("dynamo: lost race")

// tx is one attempt of Write: what was read (with what the conditions
// need) and what is to be written, in the order saved.
type tx struct {
	s      *Store
	userID string

	cars     map[string]readCar // by id; absent from the table: found false
	bookings map[string]readBooking
	account  *account // read when the write is idempotent or reads Held

	saved []saved
	held  *[]string // SaveHeld's, when called
}

type readCar struct {
	found bool
	car   rental.Car
	masks map[rental.Month]uint32 // as read, the conditions' values
}

type readBooking struct {
	found   bool
	booking rental.Booking
}

// saved is one item to write: a car's changed months, a release of days,
// or a booking.
type saved struct {
	car     *rental.Car
	release *release
	booking *rental.Booking
}

type release struct {
	carID  string
	period rental.Period
}

// newTx starts an attempt with the items of reads, and the account when
// idempotent or reads.Held, read in one strongly consistent BatchGetItem.
func (s *Store) newTx(ctx context.Context, userID string, reads rental.Reads, idempotent bool) (*tx, error) {
	withAccount := idempotent || reads.Held
	t := &tx{s: s, userID: userID, cars: map[string]readCar{}, bookings: map[string]readBooking{}}
	var keys []map[string]types.AttributeValue
	seen := map[string]bool{}
	want := func(pk, sk string) {
		if k := pk + "|" + sk; !seen[k] {
			seen[k] = true
			keys = append(keys, key(pk, sk))
		}
	}
	for _, id := range reads.Cars {
		want(carPK(id), carSK)
	}
	for _, id := range reads.Bookings {
		want(userPK(userID), bookingSK(id))
	}
	if withAccount {
		want(userPK(userID), accountSK)
	}
	if len(keys) == 0 {
		return t, nil
	}
	items, err := s.batchGet(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, id := range reads.Cars {
		if err := t.noteCar(id, items[carPK(id)+"|"+carSK]); err != nil {
			return nil, err
		}
	}
	for _, id := range reads.Bookings {
		if err := t.noteBooking(id, items[userPK(userID)+"|"+bookingSK(id)]); err != nil {
			return nil, err
		}
	}
	if withAccount {
		if err := t.noteAccount(items[userPK(userID)+"|"+accountSK]); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *tx) noteCar(id string, item map[string]types.AttributeValue) error {
	if item == nil {
		t.cars[id] = readCar{}
		return nil
	}
	c, err := carFrom(item)
	if err != nil {
		return internal(err)
	}
	t.cars[id] = readCar{found: true, car: c, masks: c.Availability.Masks()}
	return nil
}

func (t *tx) noteBooking(id string, item map[string]types.AttributeValue) error {
	if item == nil {
		t.bookings[id] = readBooking{}
		return nil
	}
	b, err := bookingFrom(item)
	if err != nil {
		return internal(err)
	}
	t.bookings[id] = readBooking{found: true, booking: b}
	return nil
}

func (t *tx) noteAccount(item map[string]types.AttributeValue) error {
	a := account{}
	if item != nil {
		var ai accountItem
		if err := attributevalue.UnmarshalMap(item, &ai); err != nil {
			return internal(err)
		}
		var err error
		if a, err = accountFrom(ai); err != nil {
			return internal(err)
		}
	}
	t.account = &a
	return nil
}

// Car is the car read ahead, or read now (readMore: in one snapshot with
// what the attempt read before).
func (t *tx) Car(ctx context.Context, id string) (rental.Car, error) {
	r, ok := t.cars[id]
	if !ok {
		items, err := t.readMore(ctx, []map[string]types.AttributeValue{key(carPK(id), carSK)})
		if err != nil {
			return rental.Car{}, err
		}
		if err := t.noteCar(id, items[carPK(id)+"|"+carSK]); err != nil {
			return rental.Car{}, err
		}
		r = t.cars[id]
	}
	if !r.found {
		return rental.Car{}, rental.NotFound("car")
	}
	return r.car, nil
}

// Booking is the booking read ahead, or read now as Car reads.
func (t *tx) Booking(ctx context.Context, id string) (rental.Booking, error) {
	r, ok := t.bookings[id]
	if !ok {
		if _, err := t.Bookings(ctx, []string{id}); err != nil {
			return rental.Booking{}, err
		}
		r = t.bookings[id]
	}
	if !r.found {
		return rental.Booking{}, rental.NotFound("booking")
	}
	return r.booking, nil
}

// Bookings reads the ids this Tx has not read yet in one round trip
// (readMore).
func (t *tx) Bookings(ctx context.Context, ids []string) ([]rental.Booking, error) {
	var keys []map[string]types.AttributeValue
	for _, id := range ids {
		if _, ok := t.bookings[id]; !ok {
			keys = append(keys, key(userPK(t.userID), bookingSK(id)))
		}
	}
	if len(keys) > 0 {
		items, err := t.readMore(ctx, keys)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if _, ok := t.bookings[id]; !ok {
				if err := t.noteBooking(id, items[userPK(t.userID)+"|"+bookingSK(id)]); err != nil {
					return nil, err
				}
			}
		}
	}
	var out []rental.Booking
	for _, id := range ids {
		if r := t.bookings[id]; r.found {
			out = append(out, r.booking)
		}
	}
	return out, nil
}

// Held is the account's list, read now (readMore) unless newTx read it.
func (t *tx) Held(ctx context.Context) ([]string, error) {
	if t.account == nil {
		items, err := t.readMore(ctx, []map[string]types.AttributeValue{key(userPK(t.userID), accountSK)})
		if err != nil {
			return nil, err
		}
		if err := t.noteAccount(items[userPK(t.userID)+"|"+accountSK]); err != nil {
			return nil, err
		}
	}
	return slices.Clone(t.account.held), nil
}

func (t *tx) SaveHeld(ids []string) {
	ids = slices.Clone(ids)
	t.held = &ids
}

func (t *tx) SaveCar(c rental.Car) { t.saved = append(t.saved, saved{car: &c}) }

func (t *tx) ReleaseDays(carID string, p rental.Period) {
	t.saved = append(t.saved, saved{release: &release{carID: carID, period: p}})
}

func (t *tx) SaveBooking(b rental.Booking) { t.saved = append(t.saved, saved{booking: &b}) }

// Write implements rental.Store.Write: fn on strongly consistent reads
// (w.Reads in one BatchGetItem), then one TransactWriteItems of everything
// fn saved, each item under a condition on what was read. A cancelled
// transaction is read reason by reason: a failed condition or a
// TransactionConflict on any item is a lost race and fn runs again
// (bounded, jittered); throttling waits and retries too. It is never
// reported as car_unavailable: only fn, on fresh reads, decides that.
// Every call and wait stops before ctx's deadline (Lambda's), with time
// left to answer.
func (s *Store) Write(ctx context.Context, userID string, w rental.WriteRequest,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	var out rental.Booking
	err := s.tracer(ctx, "BookingTransaction", func(ctx context.Context) error {
		var err error
		out, err = s.write(ctx, userID, w, fn)
		return err
	})
	return out, err
}

func (s *Store) write(ctx context.Context, userID string, w rental.WriteRequest,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	for attempt := 1; attempt <= s.retry.Attempts; attempt++ {
		if attempt > 1 {
			if err := s.wait(ctx, attempt-1); err != nil {
				return rental.Booking{}, s.mapErr(ctx, err)
			}
		}
		b, err := s.attempt(ctx, userID, w, fn)
		if !errors.Is(err, errLostRace) {
			return b, err
		}
	}
	return rental.Booking{}, rental.Errorf(rental.CodeThrottled, "too many concurrent changes to this car; try again")
}

// attempt is one run of fn and its commit; errLostRace when another
// writer won.
func (s *Store) attempt(ctx context.Context, userID string, w rental.WriteRequest,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	t, err := s.newTx(ctx, userID, w.Reads, w.Idem != nil)
	if err != nil {
		return rental.Booking{}, err
	}
	if w.Idem != nil {
		if b, done, err := s.replay(ctx, userID, t.account, w.Idem); done {
			return b, err
		}
	}
	b, err := fn(ctx, t)
	if err != nil {
		if w.Idem != nil {
			// A request with the same key may have committed since the
			// read above: then fn saw its booking as taking the car. The
			// record, not fn, has the last word.
			if rb, done, rerr := s.replayFresh(ctx, userID, w.Idem); done {
				return rb, rerr
			}
		}
		return rental.Booking{}, err
	}
	in, kinds, err := s.transaction(t, w.Idem, b.ID)
	if err != nil {
		return rental.Booking{}, err
	}
	if len(in.TransactItems) == 0 {
		return b, nil
	}
	if err := s.commitSettled(ctx, in, kinds); err != nil {
		return rental.Booking{}, err
	}
	return b, nil
}

// replay answers a request whose idempotency key a live record holds: the
// booking it made for the same request, or idempotency_conflict. done is
// false when there is no live record.
func (s *Store) replay(ctx context.Context, userID string, a *account, idem *rental.Idempotency) (rental.Booking, bool, error) {
	rec, ok := a.live(idem)
	if !ok {
		return rental.Booking{}, false, nil
	}
	if rec.hash != digest(idem.RequestHash) {
		return rental.Booking{}, true, rental.ErrIdempotencyConflict()
	}
	b, err := s.GetBooking(ctx, userID, rec.bookingID)
	return b, true, err
}

// replayFresh is replay on the account read again.
func (s *Store) replayFresh(ctx context.Context, userID string, idem *rental.Idempotency) (rental.Booking, bool, error) {
	item, err := s.getItem(ctx, userPK(userID), accountSK, true)
	if err != nil {
		return rental.Booking{}, true, err
	}
	t := &tx{}
	if err := t.noteAccount(item); err != nil {
		return rental.Booking{}, true, err
	}
	return s.replay(ctx, userID, t.account, idem)
}

// errSaveUnread is a programming error of fn: a car saved without reading.
func errSaveUnread(id string) error {
	return fmt.Errorf("dynamo: SaveCar of car %s that the Tx did not read", id)
}
