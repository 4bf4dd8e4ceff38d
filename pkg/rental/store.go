package rental

import (
	"context"
	"time"
)

// Store is what the Service needs of storage. pkg/dynamo implements it on
// DynamoDB; dev/memstore in memory, for tests of the domain. Both pass
// the contract suite in dev/storetest.
//
// Reads return *Error with CodeNotFound for a missing item and CodeValidation
// (FieldCursor, RuleForeignCursor; ErrForeignCursor) for a cursor that this
// store did not issue for the same PageRequest.Scope. Other errors are internal unless they are *Error.
type Store interface {
	ListLocations(ctx context.Context) ([]Location, error)
	GetLocation(ctx context.Context, id string) (Location, error)

	// ListCars returns one page of the cars at f.LocationID (of f.Type
	// when set) that f.Keep keeps, with their availability, in f.Order. Its
	// cost must not grow with the number of bookings.
	ListCars(ctx context.Context, f CarFilter) (Page[Car], error)
	GetCar(ctx context.Context, id string) (Car, error)
	// ReadCar is GetCar strongly consistent: what staff change is read at
	// its latest FleetVersion.
	ReadCar(ctx context.Context, id string) (Car, error)

	// CreateCar stores a new car, nothing booked; already_exists when its
	// id is taken.
	CreateCar(ctx context.Context, c Car) error
	// SaveCarDetails writes everything of c but its Availability (which
	// bookings write), retired included, and counts its FleetVersion up;
	// not_found when there is no such car or it is retired,
	// version_mismatch when its FleetVersion is no longer c.FleetVersion
	// (another change came first: read it again). With g set, the car's
	// availability from g.From on must be g.Masks; else car_has_bookings.
	SaveCarDetails(ctx context.Context, c Car, g *FleetGuard) error
	// CreateLocation stores a new location; already_exists when its id is
	// taken. SaveLocation replaces one; not_found when there is none.
	CreateLocation(ctx context.Context, l Location) error
	SaveLocation(ctx context.Context, l Location) error

	// BookingsByPickup lists the bookings at locationID, every customer's,
	// whose pick-up day is from..to (inclusive), by pick-up day; cancelled
	// ones are left out. For the desk and the fleet, staff only.
	BookingsByPickup(ctx context.Context, locationID string, from, to Date) ([]Booking, error)

	// ListBookings returns one page of userID's bookings, newest first.
	ListBookings(ctx context.Context, userID string, f BookingFilter) (Page[Booking], error)
	// GetBooking returns userID's booking id; another user's is not found.
	GetBooking(ctx context.Context, userID, id string) (Booking, error)

	// Write runs fn on a Tx that reads userID's bookings and any car with
	// strong consistency, then commits everything fn saved as one atomic
	// write, each item conditioned on what fn read: a booking on its
	// version (or on its absence, for a new one), a car on the months of
	// its Availability that fn changed. When another writer got there
	// first, Write runs fn again on fresh reads, a bounded number of times
	// with jittered backoff, within ctx's deadline; then it gives up with
	// CodeThrottled, or CodeUnavailable when the store did not answer. fn's
	// own errors end Write at once. If fn saves nothing, nothing is written.
	//
	// w.Reads names what fn will read, so that the store can read it all
	// in one round trip before fn runs; fn may read more, at a round trip
	// each.
	//
	// With w.Idem set, a live record of w.Idem.Key for userID short-cuts
	// Write: the same RequestHash returns the booking it recorded, without
	// calling fn; another hash fails with CodeIdempotencyConflict.
	// Otherwise the record is written in the same transaction, pointing at
	// the booking fn returned. A record past its expiry counts as absent.
	Write(ctx context.Context, userID string, w WriteRequest, fn func(ctx context.Context, tx Tx) (Booking, error)) (Booking, error)
}

// WriteRequest is what a Store.Write needs besides its function.
type WriteRequest struct {
	// Idem, when set, makes the write idempotent under a client's key.
	Idem *Idempotency
	// Reads names the items fn reads, to be read before it in one round
	// trip: cars by id, the writing user's bookings by id.
	Reads Reads
}

// Reads names items to read ahead.
type Reads struct {
	Cars     []string
	Bookings []string
	// Held reads the writing user's held bookings (Tx.Held) too.
	Held bool
}

// Tx is one attempt of Store.Write. Reads are strongly consistent and
// remembered: Save conditions each item on what was read here.
type Tx interface {
	// Car reads a car; CodeNotFound when there is none.
	Car(ctx context.Context, id string) (Car, error)
	// Booking reads one of the writing user's bookings; CodeNotFound when
	// the user has none by that id.
	Booking(ctx context.Context, id string) (Booking, error)
	// SaveCar stores c's Availability: each month that differs from what
	// this Tx read of c, conditioned on the month being as read. c must
	// have been read in this Tx.
	SaveCar(c Car)
	// ReleaseDays frees p's days of car carID without reading the car: the
	// days of a booking that fn cancels or moves to another car, which
	// the rule of Availability says are set. The write is conditioned on
	// the car's existence only. Do not combine it with SaveCar of the same
	// car in one Tx.
	ReleaseDays(carID string, p Period)
	// SaveBooking stores b: a new booking if this Tx did not read it
	// (conditioned on its absence), otherwise an update conditioned on the
	// version read.
	SaveBooking(b Booking)

	// Bookings reads several of the writing user's bookings in one round
	// trip, in the order of ids; an id the user has no booking by is
	// left out.
	Bookings(ctx context.Context, ids []string) ([]Booking, error)
	// Held reads the ids of the writing user's bookings that hold a place
	// under the booking limit, as the last SaveHeld stored them (none for
	// a new customer).
	Held(ctx context.Context) ([]string, error)
	// SaveHeld stores ids as the user's held bookings, conditioned on the
	// list being as Held read it: two creates of one customer cannot both
	// take the last place. Call Held first.
	SaveHeld(ids []string)
}

// Idempotency identifies a create request that a client may retry: Key is
// the client's idempotency key, RequestHash a digest of the request.
// Now decides whether an existing record has expired; a new record lives
// until ExpiresAt.
type Idempotency struct {
	Key         string
	RequestHash string
	Now         time.Time
	ExpiresAt   time.Time
}

// PageRequest asks for one page. Scope names the query and its caller
// ("cars|LOC1|suv|..."); the store binds each cursor it issues to its
// Scope, so a cursor from another query or user is rejected.
type PageRequest struct {
	Limit  int
	Cursor string
	Scope  string
}

// Page is one page of results; NextCursor is empty on the last page.
type Page[T any] struct {
	Items      []T
	NextCursor string
}

// CarFilter selects the cars at one location, optionally of one type, in
// an Order; with Keep, only the cars it keeps fill a page.
type CarFilter struct {
	LocationID string
	Type       CarType // "" for every type
	Order      CarOrder
	// Keep decides which cars a page shows (free for a period, enough
	// seats, ...); nil keeps every car. The store reads on until the page
	// holds Limit kept cars, the location has no more, or it has read
	// MaxScan cars for the page (then the page is short and NextCursor
	// leads on).
	Keep func(Car) bool
	PageRequest
}

// CarOrder is the order of a car search.
type CarOrder int

// The orders of a car search.
const (
	// ByType lists the cars type after type (CarTypes order), each type's
	// by daily rate, then id.
	ByType CarOrder = iota
	// ByPrice lists the cars by daily rate, then id, whatever their type:
	// for one period, the order of their totals.
	ByPrice
)

// MaxScan bounds the cars one search page may read to fill itself.
const MaxScan = 1000

// BookingFilter selects a user's bookings, optionally by status.
type BookingFilter struct {
	Status BookingStatus // "" for every status
	PageRequest
}

// Fleet is how seed data and tests put locations and cars into a store.
// Putting a car replaces it, availability included.
type Fleet interface {
	PutLocation(ctx context.Context, l Location) error
	PutCar(ctx context.Context, c Car) error
}

// ErrForeignCursor is the error of a store read given a cursor that it did
// not issue for the same PageRequest.Scope.
func ErrForeignCursor() *Error {
	return Invalid(Violation{Field: FieldCursor, Rule: RuleForeignCursor})
}

// ErrIdempotencyConflict is the error of a create whose idempotency key a
// live record holds for another request.
func ErrIdempotencyConflict() *Error {
	return Errorf(CodeIdempotencyConflict, "this idempotency key was used for another request")
}
