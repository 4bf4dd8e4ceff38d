package seed

import (
	"context"
	"fmt"
	"sync"

	"github.com/carrental/backend/pkg/rental"
)

// putWorkers is how many writes Put keeps in flight. A fresh DynamoDB Local
// (a cold JVM, as at every `make run`) answers its first writes slowly: the
// 64 items of the sample fleet took 1.0-1.1 s one at a time and 0.4-0.55 s
// with 8 in flight; on a warm server 0.23-0.4 s and 0.15-0.3 s.
const putWorkers = 8

// Put writes f into store: every location, then every car, so that no
// reader sees a car whose location is missing. A car replaces any car with
// its id, schedule included: seed a fresh table. Writes run concurrently;
// the first failure stops the rest and is returned, naming its item
// ("seed: put car ber-002: ..."). Items already written stay.
func Put(ctx context.Context, store rental.Fleet, f Fleet) error {
	err := each(ctx, f.Locations, func(ctx context.Context, l rental.Location) error {
		if err := store.PutLocation(ctx, l); err != nil {
			return fmt.Errorf("seed: put location %s: %w", l.ID, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return each(ctx, f.Cars, func(ctx context.Context, c Car) error {
		if err := store.PutCar(ctx, c.Car); err != nil {
			return fmt.Errorf("seed: put car %s: %w", c.ID, err)
		}
		return nil
	})
}

// each calls put for every item, putWorkers at a time, and returns the
// first error; after it, or when ctx ends, no further put starts.
func each[T any](ctx context.Context, items []T, put func(context.Context, T) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	slots := make(chan struct{}, putWorkers)
	var wg sync.WaitGroup
	for _, item := range items {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			if err := put(ctx, item); err != nil {
				cancel(err) // only the first cause is kept
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}
