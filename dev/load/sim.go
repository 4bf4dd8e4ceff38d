package load

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// sim is one simulated user: signed in, going through steps until the
// run's end, remembering what the API showed it. One goroutine each.
type sim struct {
	n       int // the user's number, in Idempotency-Keys
	user    User
	c       *Client
	rng     *rand.Rand
	fleet   Fleet
	window  Window
	think   time.Duration
	flights *Flights  // every user's creates in flight, for contention
	tally   *Tally    // every user's counts of outcomes
	last    lastFound // what the user's last search showed free

	// What this user was shown, for the audit.
	shown      map[string]shownBooking // booking id -> the latest state shown
	created    map[string]bool         // booking ids answered 201
	unanswered int                     // creates that ended without a 201 or a 4xx
	creates    int                     // creates begun
}

// shownBooking is a booking's version and status as an answer showed it.
type shownBooking struct {
	Version int64
	Status  string
}

// lastFound is the last search's location and period and the hot cars it
// showed free.
type lastFound struct {
	loc    string
	period rental.Period
	free   []string
}

// bookingJSON is the part of the contract's Booking that a user needs.
type bookingJSON struct {
	ID         string `json:"id"`
	CarID      string `json:"carId"`
	LocationID string `json:"locationId"`
	Status     string `json:"status"`
	Version    int64  `json:"version"`
}

// The kinds of step a user takes.
const (
	stepSearch = iota
	stepCar
	stepList
	stepCreate
	stepChange
	stepCancel
	stepKinds
)

// weights are the steps' shares, in percent of steps: searches, a car's
// page and the list of one's bookings are reads ("searches", about 80% of
// the requests with the search before a create and the GET before a
// change); creates, changes and cancellations are the writes. A change or
// cancellation without a confirmed booking to work on becomes a create.
var weights = [stepKinds]int{stepSearch: 60, stepCar: 11, stepList: 11, stepCreate: 9, stepChange: 5, stepCancel: 4}

// run takes steps until the deadline or until ctx ends: first one of each
// kind, so that even a short run covers every route, then as the weights
// draw them.
func (s *sim) run(ctx context.Context, until time.Time) {
	for n := 0; time.Now().Before(until) && ctx.Err() == nil; n++ {
		kind := n
		if n >= stepKinds {
			kind = s.draw()
		}
		s.step(ctx, kind)
		if s.think > 0 {
			wait(ctx, time.Duration(s.rng.Int64N(int64(s.think))))
		}
	}
}

// draw is a kind of step, by the weights.
func (s *sim) draw() int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := s.rng.IntN(total)
	for kind, w := range weights {
		if r < w {
			return kind
		}
		r -= w
	}
	return stepSearch
}

// step is one thing a user does.
func (s *sim) step(ctx context.Context, kind int) {
	switch kind {
	case stepSearch:
		s.search(ctx)
	case stepCar:
		s.viewCar(ctx)
	case stepList:
		s.listBookings(ctx)
	case stepCreate:
		s.create(ctx)
	case stepChange:
		if !s.change(ctx) {
			s.create(ctx)
		}
	case stepCancel:
		if !s.cancel(ctx) {
			s.create(ctx)
		}
	}
}

// auth is the header of a signed-in request.
func (s *sim) auth() map[string]string { return map[string]string{"Authorization": s.user.Token} }

// note remembers the bookings that a 2xx answer shows, one booking or a
// list of them, and returns their ids.
func (s *sim) note(a Answer) []string {
	if a.Status/100 != 2 {
		return nil
	}
	var list struct {
		Bookings []bookingJSON `json:"bookings"`
	}
	var one bookingJSON
	var ids []string
	if json.Unmarshal(a.Body, &list) == nil && list.Bookings != nil {
		for _, b := range list.Bookings {
			s.remember(b)
			ids = append(ids, b.ID)
		}
	} else if json.Unmarshal(a.Body, &one) == nil && one.ID != "" {
		s.remember(one)
		ids = append(ids, one.ID)
	}
	return ids
}

// remember keeps the highest version shown of b.
func (s *sim) remember(b bookingJSON) {
	if old, ok := s.shown[b.ID]; ok && old.Version > b.Version {
		return
	}
	s.shown[b.ID] = shownBooking{Version: b.Version, Status: b.Status}
}

// confirmed is one of the user's bookings that was last shown CONFIRMED,
// at random; false when there is none.
func (s *sim) confirmed() (string, bool) {
	var ids []string
	for id, b := range s.shown {
		if b.Status == string(rental.Confirmed) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return "", false
	}
	// Map order is random but not from s.rng: sort for a repeatable choice.
	slices.Sort(ids)
	return ids[s.rng.IntN(len(ids))], true
}
