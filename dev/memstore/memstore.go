// Package memstore is rental.Store in memory, with the same optimistic
// concurrency as the DynamoDB store: a Write commits only if every item it
// read is still at the version it read. It is for tests of the domain and
// passes the same contract suite (dev/storetest) as pkg/dynamo; it is
// never the proof that the DynamoDB store works.
package memstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"sort"
	"sync"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// MaxAttempts bounds how often Write runs its function when it keeps losing
// races, as the DynamoDB store does.
const MaxAttempts = 12

type idemRecord struct {
	hash      string
	bookingID string
	expiresAt time.Time
}

// Store is an in-memory rental.Store and rental.Fleet. The zero value is not
// usable; call New.
type Store struct {
	mu        sync.Mutex
	locations map[string]rental.Location
	cars      map[string]rental.Car
	bookings  map[string]map[string]rental.Booking // userID -> booking id -> booking
	idem      map[string]map[string]idemRecord     // userID -> key -> record

	// BeforeCommit, when set, runs between a Write's function and its
	// commit; tests use it to force lost races.
	BeforeCommit func()
}

// New is an empty Store.
func New() *Store {
	return &Store{
		locations: map[string]rental.Location{},
		cars:      map[string]rental.Car{},
		bookings:  map[string]map[string]rental.Booking{},
		idem:      map[string]map[string]idemRecord{},
	}
}

// PutLocation stores l, replacing any location with its id.
func (s *Store) PutLocation(_ context.Context, l rental.Location) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.locations[l.ID] = l
	return nil
}

// PutCar stores c, replacing any car with its id.
func (s *Store) PutCar(_ context.Context, c rental.Car) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars[c.ID] = copyCar(c)
	return nil
}

func copyCar(c rental.Car) rental.Car {
	c.Schedule = append(rental.Schedule(nil), c.Schedule...)
	return c
}

// ListLocations returns every location ordered by id.
func (s *Store) ListLocations(context.Context) ([]rental.Location, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]rental.Location, 0, len(s.locations))
	for _, l := range s.locations {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// GetLocation returns location id or not_found.
func (s *Store) GetLocation(_ context.Context, id string) (rental.Location, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.locations[id]
	if !ok {
		return rental.Location{}, rental.NotFound("location")
	}
	return l, nil
}

// GetCar returns car id or not_found.
func (s *Store) GetCar(_ context.Context, id string) (rental.Car, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.cars[id]
	if !ok {
		return rental.Car{}, rental.NotFound("car")
	}
	return copyCar(c), nil
}

// ListCars pages through the cars at a location in (type, id) order, the
// order of the DynamoDB store's GSI1 sort key.
func (s *Store) ListCars(_ context.Context, f rental.CarFilter) (rental.Page[rental.Car], error) {
	s.mu.Lock()
	var all []rental.Car
	for _, c := range s.cars {
		if c.LocationID == f.LocationID && (f.Type == "" || c.Type == f.Type) {
			all = append(all, copyCar(c))
		}
	}
	s.mu.Unlock()
	sort.Slice(all, func(i, j int) bool { return carKey(all[i]) < carKey(all[j]) })
	return page(all, carKey, func(a, b string) bool { return a > b }, f.PageRequest)
}

func carKey(c rental.Car) string { return string(c.Type) + "#" + c.ID }

// GetBooking returns userID's booking id or not_found.
func (s *Store) GetBooking(_ context.Context, userID, id string) (rental.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.bookings[userID][id]
	if !ok {
		return rental.Booking{}, rental.NotFound("booking")
	}
	return b, nil
}

// ListBookings pages through userID's bookings, newest (greatest id) first.
func (s *Store) ListBookings(_ context.Context, userID string, f rental.BookingFilter) (rental.Page[rental.Booking], error) {
	s.mu.Lock()
	var all []rental.Booking
	for _, b := range s.bookings[userID] {
		all = append(all, b)
	}
	s.mu.Unlock()
	sort.Slice(all, func(i, j int) bool { return all[i].ID > all[j].ID })
	p, err := page(all, func(b rental.Booking) string { return b.ID }, func(a, b string) bool { return a < b }, f.PageRequest)
	if err != nil || f.Status == "" {
		return p, err
	}
	// Filter after paging, as a DynamoDB FilterExpression does.
	kept := p.Items[:0]
	for _, b := range p.Items {
		if b.Status == f.Status {
			kept = append(kept, b)
		}
	}
	p.Items = kept
	return p, nil
}

type cursor struct {
	Scope string `json:"s"`
	After string `json:"a"`
}

// page cuts one page from items, which are sorted in the order of after:
// the page resumes at the first item whose key comes after the cursor's,
// whether or not the cursor's own item is still there (as DynamoDB's
// ExclusiveStartKey does). A Limit of 0 means no limit.
func page[T any](items []T, key func(T) string, after func(k, cursor string) bool, r rental.PageRequest) (rental.Page[T], error) {
	start := 0
	if r.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(r.Cursor)
		var c cursor
		if err == nil {
			err = json.Unmarshal(raw, &c)
		}
		if err != nil || c.Scope != r.Scope {
			return rental.Page[T]{}, rental.ErrForeignCursor()
		}
		for start < len(items) && !after(key(items[start]), c.After) {
			start++
		}
	}
	end := len(items)
	if r.Limit > 0 {
		end = min(start+r.Limit, len(items))
	}
	out := rental.Page[T]{Items: append([]T{}, items[start:end]...)}
	if end < len(items) {
		raw, _ := json.Marshal(cursor{Scope: r.Scope, After: key(items[end-1])})
		out.NextCursor = base64.RawURLEncoding.EncodeToString(raw)
	}
	return out, nil
}
