package dynamo

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff bounds Write's retries after lost races: at most Attempts runs of
// the function, sleeping a random time in [0, min(Max, Base*2^n)) between
// them ("full jitter"), so that writers that collided spread out.
type Backoff struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
}

// DefaultBackoff lets about 30 writers on one car all get through while
// keeping a request far inside API Gateway's 29 s.
var DefaultBackoff = Backoff{Attempts: 25, Base: 5 * time.Millisecond, Max: 200 * time.Millisecond}

// wait sleeps before retry n (1, 2, ...); it returns early with ctx's error.
func (b Backoff) wait(ctx context.Context, n int) error {
	d := b.Base << min(n, 16)
	if d <= 0 || d > b.Max {
		d = b.Max
	}
	t := time.NewTimer(rand.N(d) + 1)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// wait is the store's retry wait n, ending before ctx's deadline with time
// left to answer (bounded).
func (s *Store) wait(ctx context.Context, n int) error {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	return s.retry.wait(ctx, n)
}
