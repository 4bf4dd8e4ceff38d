package notify

import (
	"context"
	"sync"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// placesTTL bounds how stale a cached location may be: locations change
// rarely, and a warm container saves a read per email.
const placesTTL = 5 * time.Minute

// CachedPlaces is p with each location kept for 5 minutes.
func CachedPlaces(p Places, now func() time.Time) Places {
	if now == nil {
		now = time.Now
	}
	return &cachedPlaces{p: p, now: now, m: map[string]cachedPlace{}}
}

type cachedPlace struct {
	l  rental.Location
	at time.Time
}

type cachedPlaces struct {
	p   Places
	now func() time.Time
	mu  sync.Mutex
	m   map[string]cachedPlace
}

func (c *cachedPlaces) GetLocation(ctx context.Context, id string) (rental.Location, error) {
	c.mu.Lock()
	e, ok := c.m[id]
	c.mu.Unlock()
	if ok && c.now().Sub(e.at) < placesTTL {
		return e.l, nil
	}
	l, err := c.p.GetLocation(ctx, id)
	if err != nil {
		return rental.Location{}, err
	}
	c.mu.Lock()
	c.m[id] = cachedPlace{l: l, at: c.now()}
	c.mu.Unlock()
	return l, nil
}
