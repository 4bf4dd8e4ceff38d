package rental_test

import (
	"context"
	"testing"
	"time"

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
