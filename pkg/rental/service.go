package rental

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// Page sizes.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// IdempotencyTTL is how long a create request's idempotency key is
// remembered.
const IdempotencyTTL = 24 * time.Hour

// locationTTL bounds how stale the Service's copy of the locations may be.
// Locations change rarely; the copy saves a read on every booking.
const locationTTL = 5 * time.Minute

// Service applies the booking rules. It is safe for concurrent use. Build it
// once per Lambda container and reuse it across invocations.
type Service struct {
	store  Store
	now    func() time.Time
	newID  func() string
	limit  int    // active bookings per customer
	photos Photos // nil: photo keys are not checked

	mu        sync.Mutex
	locations map[string]Location
	ordered   []Location
	loadedAt  time.Time
}

// Option configures a Service.
type Option func(*Service)

// WithClock makes the Service read the time from now (tests fix "today").
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithIDs makes the Service name new bookings with newID.
func WithIDs(newID func() string) Option { return func(s *Service) { s.newID = newID } }

// NewService is a Service on store. By default it reads the system clock
// and names bookings with ULIDs (sortable by creation time).
func NewService(store Store, opts ...Option) *Service {
	s := &Service{store: store, now: time.Now, newID: newULID, limit: DefaultBookingLimit}
	for _, o := range opts {
		o(s)
	}
	if s.limit < 1 {
		panic(fmt.Sprintf("rental.NewService: booking limit %d, want 1 or more", s.limit))
	}
	return s
}

var (
	ulidMu      sync.Mutex
	ulidEntropy = ulid.Monotonic(rand.Reader, 0)
)

func newULID() string {
	ulidMu.Lock()
	defer ulidMu.Unlock()
	return ulid.MustNew(ulid.Now(), ulidEntropy).String()
}

// Now is the Service's clock.
func (s *Service) Now() time.Time { return s.now() }

// location returns location id from the cached copy, reloading the copy
// when it is older than locationTTL or lacks id. CodeNotFound when there is
// no such location. Internal lookups use it: a car's location exists even
// when it is new.
func (s *Service) location(ctx context.Context, id string) (Location, error) {
	return s.lookupLocation(ctx, id, true)
}

// searchedLocation is location for an id a client sent: while the copy is
// fresh, an id it lacks is not found without reading the store, so that
// searches of made-up locations cost nothing (a new location shows in
// searches within locationTTL, or at once once any internal lookup, a
// booking there say, has reloaded the copy).
func (s *Service) searchedLocation(ctx context.Context, id string) (Location, error) {
	return s.lookupLocation(ctx, id, false)
}

func (s *Service) lookupLocation(ctx context.Context, id string, reloadOnMiss bool) (Location, error) {
	s.mu.Lock()
	l, ok := s.locations[id]
	fresh := s.locations != nil && s.now().Sub(s.loadedAt) < locationTTL
	s.mu.Unlock()
	switch {
	case fresh && ok:
		return l, nil
	case fresh && !reloadOnMiss:
		return Location{}, NotFound("location")
	}
	if _, err := s.loadLocations(ctx); err != nil {
		return Location{}, err
	}
	s.mu.Lock()
	l, ok = s.locations[id]
	s.mu.Unlock()
	if !ok {
		return Location{}, NotFound("location")
	}
	return l, nil
}

func (s *Service) loadLocations(ctx context.Context) ([]Location, error) {
	ls, err := s.store.ListLocations(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]Location, len(ls))
	for _, l := range ls {
		m[l.ID] = l
	}
	s.mu.Lock()
	s.locations, s.ordered, s.loadedAt = m, ls, s.now()
	s.mu.Unlock()
	return append([]Location(nil), ls...), nil
}

// zones caches loaded time zones: LoadLocation parses the embedded
// database on every call.
var zones sync.Map // IANA name -> *time.Location

// today is the calendar day now at location l.
func (s *Service) today(l Location) (Date, error) {
	tz, ok := zones.Load(l.TimeZone)
	if !ok {
		loaded, err := time.LoadLocation(l.TimeZone)
		if err != nil {
			return Date{}, &Error{Code: CodeInternal, Message: "internal error", Err: err}
		}
		tz, _ = zones.LoadOrStore(l.TimeZone, loaded)
	}
	return Today(s.now(), tz.(*time.Location)), nil
}

// TodayAt is the calendar day now at location id. Errors: not_found.
func (s *Service) TodayAt(ctx context.Context, locationID string) (Date, error) {
	l, err := s.location(ctx, locationID)
	if err != nil {
		return Date{}, err
	}
	return s.today(l)
}

// ListLocations returns every location, ordered by id, from the Service's
// copy when it is younger than five minutes.
func (s *Service) ListLocations(ctx context.Context) ([]Location, error) {
	s.mu.Lock()
	if s.ordered != nil && s.now().Sub(s.loadedAt) < locationTTL {
		out := append([]Location(nil), s.ordered...)
		s.mu.Unlock()
		return out, nil
	}
	s.mu.Unlock()
	return s.loadLocations(ctx)
}

// pageLimit applies the default page size and rejects sizes out of range.
func pageLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return DefaultPageSize, nil
	case limit < 0 || limit > MaxPageSize:
		return 0, Invalid(Violation{Field: FieldLimit, Rule: RuleRange, Value: strconv.Itoa(limit), Min: 1, Max: MaxPageSize})
	}
	return limit, nil
}
