// Package memstore is rental.Store in memory, with the same optimistic
// concurrency as the DynamoDB store: a Write commits only if every booking
// it read is still at the version it read, and every month of a car's
// availability that it changes is still as it read it. It is for tests of the domain and
// passes the same contract suite (dev/storetest) as pkg/dynamo; it is
// never the proof that the DynamoDB store works.
package memstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
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

// heldList is a user's held bookings (rental.Tx.Held) at a version.
type heldList struct {
	ids     []string
	version int64
}

// Store is an in-memory rental.Store and rental.Fleet. The zero value is not
// usable; call New.
type Store struct {
	mu        sync.Mutex
	locations map[string]rental.Location
	cars      map[string]rental.Car
	bookings  map[string]map[string]rental.Booking // userID -> booking id -> booking
	idem      map[string]map[string]idemRecord     // userID -> key -> record
	held      map[string]heldList                  // userID -> held bookings

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
		held:      map[string]heldList{},
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

// copyCar is c; its Availability is a value already (its methods copy).
func copyCar(c rental.Car) rental.Car { return c }

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

// ReadCar implements rental.Store.ReadCar: every read here is consistent.
func (s *Store) ReadCar(ctx context.Context, id string) (rental.Car, error) { return s.GetCar(ctx, id) }

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

// ListCars pages through the cars at a location in f.Order, the order of
// the DynamoDB store's GSI1 sort keys: by type (CarTypes order), daily rate
// and id, or by daily rate and id. Like it, it reads on until the page
// holds f.Limit cars that f.Keep keeps, or rental.MaxScan cars were read.
func (s *Store) ListCars(_ context.Context, f rental.CarFilter) (rental.Page[rental.Car], error) {
	s.mu.Lock()
	var all []rental.Car
	for _, c := range s.cars {
		if c.LocationID == f.LocationID && (f.Type == "" || c.Type == f.Type) && !c.Retired {
			all = append(all, copyCar(c))
		}
	}
	s.mu.Unlock()
	key := byTypeKey
	if f.Order == rental.ByPrice {
		key = byPriceKey
	}
	sort.Slice(all, func(i, j int) bool { return key(all[i]) < key(all[j]) })
	return keptPage(all, key, f.Keep, f.PageRequest)
}

// byTypeKey and byPriceKey order cars as the DynamoDB store's partitions
// and sort keys do.
func byTypeKey(c rental.Car) string {
	return fmt.Sprintf("%d#%012d#%s", slices.Index(rental.CarTypes, c.Type), c.DailyRate.Amount, c.ID)
}

func byPriceKey(c rental.Car) string { return fmt.Sprintf("%012d#%s", c.DailyRate.Amount, c.ID) }

// keptPage is page for a search: from after the cursor, the cars that keep
// keeps (every car when nil), until Limit are kept or MaxScan were looked
// at; the cursor names the last car looked at, when more follow.
func keptPage(cars []rental.Car, key func(rental.Car) string, keep func(rental.Car) bool, r rental.PageRequest) (rental.Page[rental.Car], error) {
	start, err := resume(cars, key, func(a, b string) bool { return a > b }, r)
	if err != nil {
		return rental.Page[rental.Car]{}, err
	}
	out := rental.Page[rental.Car]{Items: []rental.Car{}}
	seen := 0
	want := r.Limit
	if want <= 0 { // no limit, like an unset DynamoDB Limit (within MaxScan)
		want = rental.MaxScan
	}
	for i := start; i < len(cars); i++ {
		if len(out.Items) >= want || seen >= rental.MaxScan {
			out.NextCursor = encodeCursor(r.Scope, key(cars[i-1]))
			break
		}
		seen++
		if keep == nil || keep(cars[i]) {
			out.Items = append(out.Items, cars[i])
		}
	}
	return out, nil
}

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
		if f.Status == "" || b.Status == f.Status {
			all = append(all, b)
		}
	}
	s.mu.Unlock()
	sort.Slice(all, func(i, j int) bool { return all[i].ID > all[j].ID })
	return page(all, func(b rental.Booking) string { return b.ID }, func(a, b string) bool { return a < b }, f.PageRequest)
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
	start, err := resume(items, key, after, r)
	if err != nil {
		return rental.Page[T]{}, err
	}
	end := len(items)
	if r.Limit > 0 {
		end = min(start+r.Limit, len(items))
	}
	out := rental.Page[T]{Items: append([]T{}, items[start:end]...)}
	if end < len(items) {
		out.NextCursor = encodeCursor(r.Scope, key(items[end-1]))
	}
	return out, nil
}

// resume is the index of the first item after r's cursor (0 without one).
func resume[T any](items []T, key func(T) string, after func(k, cursor string) bool, r rental.PageRequest) (int, error) {
	start := 0
	if r.Cursor == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(r.Cursor)
	var c cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil || c.Scope != r.Scope {
		return 0, rental.ErrForeignCursor()
	}
	for start < len(items) && !after(key(items[start]), c.After) {
		start++
	}
	return start, nil
}

func encodeCursor(scope, after string) string {
	raw, _ := json.Marshal(cursor{Scope: scope, After: after})
	return base64.RawURLEncoding.EncodeToString(raw)
}
