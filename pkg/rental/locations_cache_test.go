package rental_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

// The Service keeps its copy of the locations for five minutes: a new
// location shows after that, or at once when asked for by id.
func TestLocationsCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	before, err := e.svc.ListLocations(ctx)
	noErr(t, err)
	noErr(t, e.store.PutLocation(ctx, rental.Location{ID: "ZRH", Name: "Zurich HB", City: "Zurich", Country: "CH", TimeZone: "Europe/Zurich", Address: "-"}))
	cached, err := e.svc.ListLocations(ctx)
	noErr(t, err)
	if len(cached) != len(before) {
		t.Fatalf("a fresh copy was reloaded: %d locations, want %d", len(cached), len(before))
	}
	if _, err := e.svc.TodayAt(ctx, "ZRH"); err != nil {
		t.Fatalf("an unknown id must reload the copy: %v", err)
	}
	e.clock.Advance(6 * time.Minute)
	later, err := e.svc.ListLocations(ctx)
	noErr(t, err)
	if len(later) != len(before)+1 {
		t.Fatalf("after 6 minutes: %d locations, want %d", len(later), len(before)+1)
	}
}

// countingStore counts the reads of the locations.
type countingStore struct {
	*memstore.Store
	listed atomic.Int64
}

func (c *countingStore) ListLocations(ctx context.Context) ([]rental.Location, error) {
	c.listed.Add(1)
	return c.Store.ListLocations(ctx)
}

// TestUnknownSearchLocationCostsNoRead: while the copy is fresh, a search
// of a location that does not exist is refused without reading the store,
// however often it is made up; after locationTTL the copy reloads once.
func TestUnknownSearchLocationCostsNoRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	st := &countingStore{Store: e.store}
	svc := rental.NewService(st, rental.WithClock(e.clock.Now))
	ctx := context.Background()
	p := per("2026-12-10", "2026-12-12")
	_, err := svc.ListCars(ctx, rental.CarQuery{LocationID: "BER"})
	noErr(t, err)
	for i := range 50 {
		_, err := svc.ListCars(ctx, rental.CarQuery{LocationID: fmt.Sprintf("X%02d", i), Period: &p})
		wantErr(t, err, rental.CodeValidation, rental.FieldLocation)
		_, err = svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: fmt.Sprintf("Y%02d", i), Period: p})
		wantErr(t, err, rental.CodeValidation, rental.FieldLocation)
	}
	if n := st.listed.Load(); n != 1 {
		t.Errorf("%d reads of the locations for 100 made-up searches, want the first one only", n)
	}
	e.clock.Advance(6 * time.Minute)
	_, err = svc.ListCars(ctx, rental.CarQuery{LocationID: "NOPE"})
	wantErr(t, err, rental.CodeValidation, rental.FieldLocation)
	if n := st.listed.Load(); n != 2 {
		t.Errorf("%d reads after the copy aged, want 2", n)
	}
}
