package load

import (
	"context"
	"encoding/json"
	"net/url"
)

// The reads of a user: searches with dates, a car's page with dates, the
// list of one's own bookings.

// search is GET /cars with dates at one of the hot locations; the hot cars
// it shows free are what the user books next.
func (s *sim) search(ctx context.Context) {
	loc := s.fleet.Locations[s.rng.IntN(len(s.fleet.Locations))]
	p := s.window.Pick(s.rng)
	q := url.Values{"locationId": {loc}, "pickupDate": {p.Pickup.String()}, "returnDate": {p.Return.String()}}
	a := s.c.Do(ctx, Call{Route: "GET /cars", Path: "/cars?" + q.Encode()})
	if a.Status != 200 {
		return
	}
	var page struct {
		Cars []struct {
			ID string `json:"id"`
		} `json:"cars"`
	}
	if json.Unmarshal(a.Body, &page) != nil {
		return
	}
	s.last = lastFound{loc: loc, period: p}
	for _, c := range page.Cars {
		if s.fleet.Hot(c.ID) {
			s.last.free = append(s.last.free, c.ID)
		}
	}
}

// viewCar is GET /cars/{carId} with dates, for a hot car; when the car is
// available the user may book it next.
func (s *sim) viewCar(ctx context.Context) {
	car := s.fleet.Cars[s.rng.IntN(len(s.fleet.Cars))]
	p := s.window.Pick(s.rng)
	q := url.Values{"pickupDate": {p.Pickup.String()}, "returnDate": {p.Return.String()}}
	a := s.c.Do(ctx, Call{Route: "GET /cars/{carId}", Path: "/cars/" + url.PathEscape(car) + "?" + q.Encode()})
	if a.Status != 200 {
		return
	}
	var c struct {
		Available *bool `json:"available"`
	}
	if json.Unmarshal(a.Body, &c) == nil && c.Available != nil && *c.Available {
		s.last = lastFound{loc: s.fleet.LocationOf(car), period: p, free: []string{car}}
	}
}

// listBookings is GET /bookings, the first page as the web app shows it:
// the user's newest bookings, whose versions and statuses it remembers.
func (s *sim) listBookings(ctx context.Context) {
	s.note(s.c.Do(ctx, Call{Route: "GET /bookings", Path: "/bookings", Header: s.auth()}))
}
