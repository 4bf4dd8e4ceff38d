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
	// when set), with their schedules, in a stable order. Its cost must not
	// grow with the number of bookings.
	ListCars(ctx context.Context, f CarFilter) (Page[Car], error)
	GetCar(ctx context.Context, id string) (Car, error)

	// ListBookings returns one page of userID's bookings, newest first.
	ListBookings(ctx context.Context, userID string, f BookingFilter) (Page[Booking], error)
	// GetBooking returns userID's booking id; another user's is not found.
	GetBooking(ctx context.Context, userID, id string) (Booking, error)

	// Write runs fn on a Tx that reads userID's bookings and any car with
	// strong consistency, then commits everything fn saved as one atomic
	// write, each item conditioned on the version fn read (or on its absence,
	// for a new booking). When another writer got there first, Write runs fn
	// again on fresh reads, a bounded number of times with jittered backoff,
	// then gives up with CodeThrottled. fn's own errors end Write at once. If
	// fn saves nothing, nothing is written.
	//
	// With idem set, a live record of idem.Key for userID short-cuts Write:
	// the same RequestHash returns the booking it recorded, without calling
	// fn; another hash fails with CodeIdempotencyConflict. Otherwise the
	// record is written in the same transaction, pointing at the booking fn
	// returned. A record past its expiry counts as absent.
	Write(ctx context.Context, userID string, idem *Idempotency, fn func(ctx context.Context, tx Tx) (Booking, error)) (Booking, error)
}

// Tx is one attempt of Store.Write. Reads are strongly consistent and
// remembered: Save conditions each item on the version read here.
type Tx interface {
	// Car reads a car; CodeNotFound when there is none.
	Car(ctx context.Context, id string) (Car, error)
	// Booking reads one of the writing user's bookings; CodeNotFound when
	// the user has none by that id.
	Booking(ctx context.Context, id string) (Booking, error)
	// SaveCar stores c's Schedule and Version. c must have been read in
	// this Tx; the write is conditioned on the version that was read.
	SaveCar(c Car)
	// SaveBooking stores b: a new booking if this Tx did not read it
	// (conditioned on its absence), otherwise an update conditioned on the
	// version read.
	SaveBooking(b Booking)
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

// CarFilter selects the cars at one location, optionally of one type.
type CarFilter struct {
	LocationID string
	Type       CarType // "" for every type
	PageRequest
}

// BookingFilter selects a user's bookings, optionally by status.
type BookingFilter struct {
	Status BookingStatus // "" for every status
	PageRequest
}

// Fleet is how seed data and tests put locations and cars into a store.
// Putting a car replaces it, schedule and version included.
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
