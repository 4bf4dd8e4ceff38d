package load

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// Retries of a create answered 503: the web app offers the same request
// again with the same Idempotency-Key after Retry-After; the load waits at
// most maxRetryWait of it, so that a run's end is not held up.
const (
	createAttempts = 3
	maxRetryWait   = time.Second
)

// create is POST /bookings with an Idempotency-Key, for a car and period
// that the user's last search showed free; without one, the user searches
// first, and when that too shows no hot car free, books one of the
// location's hot cars for those days all the same (a stale page, or the
// chatbot asked for that car): refused, unless a cancellation freed it
// meanwhile. A 503 is sent again with the same key.
func (s *sim) create(ctx context.Context) {
	if len(s.last.free) == 0 {
		s.search(ctx)
	}
	car, p, fromSearch := s.choose()
	s.last = lastFound{} // that search is used up
	s.creates++
	key := fmt.Sprintf("load-%d-%d", s.n, s.creates)
	body := fmt.Sprintf(`{"carId":%q,"pickupDate":%q,"returnDate":%q}`, car, p.Pickup, p.Return)
	header := map[string]string{"Authorization": s.user.Token, "Idempotency-Key": key}

	s.tally.Creates.Add(1)
	if fromSearch {
		s.tally.FromSearch.Add(1)
	}
	end := s.flights.Begin(car, p)
	defer end()
	a, attempts := s.postBooking(ctx, body, header)
	s.record(a, attempts, fromSearch)
}

// postBooking is POST /bookings, sent again with the same header (and so
// the same Idempotency-Key) after a 503, up to createAttempts times in all
// and while ctx lasts. It returns the last answer and the number of
// attempts.
func (s *sim) postBooking(ctx context.Context, body string, header map[string]string) (Answer, int) {
	for attempt := 1; ; attempt++ {
		a := s.c.Do(ctx, Call{Route: "POST /bookings", Path: "/bookings", Body: body, Header: header})
		if a.Status != http.StatusServiceUnavailable || attempt == createAttempts || ctx.Err() != nil {
			return a, attempt
		}
		if attempt == 1 {
			s.tally.Retried.Add(1)
		}
		wait(ctx, retryAfter(a.Header))
	}
}

// record counts the create's answer a, after attempts: a booking made, a
// race lost to another user for a car a search showed free, or a create
// that got no answer.
func (s *sim) record(a Answer, attempts int, fromSearch bool) {
	switch {
	case a.Status == http.StatusCreated:
		s.tally.Created.Add(1)
		if attempts > 1 {
			s.tally.RetriedCreated.Add(1)
		}
		for _, id := range s.note(a) {
			s.created[id] = true
		}
	case a.Status == http.StatusConflict && a.Code == "car_unavailable" && fromSearch:
		s.tally.LostRace.Add(1)
	case a.Status == 0 || a.Status >= 500:
		// The booking may or may not have been made: the audit allows one
		// booking that no 201 announced per such create.
		s.unanswered++
		s.tally.GaveUp.Add(1)
	}
}

// choose is the car and period to book, and whether a search showed them
// free.
func (s *sim) choose() (car string, p rental.Period, fromSearch bool) {
	if len(s.last.free) > 0 {
		// Users mostly take one of the first cars offered: that is where
		// they collide.
		return s.last.free[s.rng.IntN(min(3, len(s.last.free)))], s.last.period, true
	}
	if cars := s.fleet.ByLoc[s.last.loc]; len(cars) > 0 {
		return cars[s.rng.IntN(len(cars))], s.last.period, false
	}
	// The search got no answer to read: any hot car, any days.
	return s.fleet.Cars[s.rng.IntN(len(s.fleet.Cars))], s.window.Pick(s.rng), false
}

// retryAfter is the Retry-After of a 503 in seconds, at most maxRetryWait.
func retryAfter(h http.Header) time.Duration {
	n, err := strconv.Atoi(h.Get("Retry-After"))
	if err != nil || n <= 0 {
		return maxRetryWait
	}
	return min(time.Duration(n)*time.Second, maxRetryWait)
}

// wait sleeps for d or until ctx ends.
func wait(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
