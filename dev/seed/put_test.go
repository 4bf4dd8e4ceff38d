package seed

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// TestPutIntoDynamoDB puts the sample fleet into a fresh table on DynamoDB
// Local and reads every location and car back through the store.
func TestPutIntoDynamoDB(t *testing.T) {
	client, table := testbed.Table(t)
	store := dynamo.New(client, table, []byte(strings.Repeat("k", 32)))
	ctx := t.Context()
	f := fleetFile(t)

	began := time.Now()
	if err := Put(ctx, store, f); err != nil {
		t.Fatal(err)
	}
	t.Logf("put %d locations and %d cars in %s", len(f.Locations), len(f.Cars), time.Since(began).Round(time.Millisecond))

	locs, err := store.ListLocations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != len(f.Locations) {
		t.Errorf("ListLocations: %d, want %d", len(locs), len(f.Locations))
	}
	for _, want := range f.Locations {
		got, err := store.GetLocation(ctx, want.ID)
		if err != nil || got != want {
			t.Errorf("GetLocation(%s) = %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
	perLocation := map[string]int{}
	for _, want := range f.Cars {
		perLocation[want.LocationID]++
		got, err := store.GetCar(ctx, want.ID)
		if err != nil {
			t.Fatalf("GetCar(%s): %v", want.ID, err)
		}
		got.Availability = rental.Availability{} // empty either way; the store gives an empty map
		if !reflect.DeepEqual(got, want.Car) {
			t.Errorf("GetCar(%s) = %+v, want %+v", want.ID, got, want.Car)
		}
	}
	for id, n := range perLocation {
		page, err := store.ListCars(ctx, rental.CarFilter{LocationID: id, PageRequest: rental.PageRequest{Limit: 100, Scope: "seed-test"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != n {
			t.Errorf("ListCars(%s) = %d cars, want %d", id, len(page.Items), n)
		}
	}
}

// recordingFleet records what was put, in order, and fails on the item
// with id failOn. Each put takes delay, as a store's round trip would.
type recordingFleet struct {
	failOn string
	delay  time.Duration
	mu     sync.Mutex
	put    []string
}

func (f *recordingFleet) record(id string) error {
	time.Sleep(f.delay)
	if id == f.failOn {
		return errors.New("throttled")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.put = append(f.put, id)
	return nil
}

func (f *recordingFleet) PutLocation(_ context.Context, l rental.Location) error {
	return f.record(l.ID)
}
func (f *recordingFleet) PutCar(_ context.Context, c rental.Car) error { return f.record(c.ID) }

func smallFleet(locations, cars int) Fleet {
	var f Fleet
	for i := range locations {
		f.Locations = append(f.Locations, rental.Location{ID: fmt.Sprintf("l%d", i)})
	}
	for i := range cars {
		f.Cars = append(f.Cars, Car{Car: rental.Car{ID: fmt.Sprintf("c%03d", i)}})
	}
	return f
}

func TestPutLocationsBeforeCars(t *testing.T) {
	store := &recordingFleet{}
	if err := Put(context.Background(), store, smallFleet(20, 100)); err != nil {
		t.Fatal(err)
	}
	if len(store.put) != 120 {
		t.Fatalf("put %d items, want 120", len(store.put))
	}
	for i, id := range store.put {
		if (i < 20) != strings.HasPrefix(id, "l") {
			t.Fatalf("item %d put was %s: want the 20 locations first", i, id)
		}
	}
}

func TestPutStopsAtTheFirstError(t *testing.T) {
	// 1000 cars of 1 ms each take at least 125 ms with 8 in flight; a
	// failure at the 11th car must end Put long before all are put.
	store := &recordingFleet{failOn: "c010", delay: time.Millisecond}
	err := Put(context.Background(), store, smallFleet(1, 1000))
	if err == nil || !strings.Contains(err.Error(), "seed: put car c010: throttled") {
		t.Errorf("Put error = %v, want it to name car c010", err)
	}
	if len(store.put) > 500 {
		t.Errorf("put %d of 1000 items after a failure at the 12th, want Put to stop", len(store.put))
	}

	store = &recordingFleet{failOn: "l0"}
	if err := Put(context.Background(), store, smallFleet(1, 10)); err == nil || !strings.Contains(err.Error(), "put location l0") {
		t.Errorf("Put error = %v, want it to name location l0", err)
	}
	if len(store.put) != 0 {
		t.Errorf("put %v after a location failed, want no car", store.put)
	}
}
