package load

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// The writes on a booking the user has: a change, as the web app makes it
// (read the booking for its ETag, then PATCH with If-Match), and a
// cancellation.

// change reads one of the user's confirmed bookings and moves it to other
// days, to another hot car at the same location, or both. False when the
// user has no confirmed booking.
func (s *sim) change(ctx context.Context) bool {
	id, ok := s.confirmed()
	if !ok {
		return false
	}
	path := "/bookings/" + url.PathEscape(id)
	a := s.c.Do(ctx, Call{Route: "GET /bookings/{bookingId}", Path: path, Header: s.auth()})
	s.note(a)
	var cur bookingJSON
	if a.Status != http.StatusOK || json.Unmarshal(a.Body, &cur) != nil || cur.Status != string(rental.Confirmed) {
		return true
	}
	var fields []string
	what := s.rng.IntN(4) // 0, 1: the days; 2: the car; 3: both
	if other := s.otherCar(cur); other != "" && what >= 2 {
		fields = append(fields, fmt.Sprintf(`"carId":%q`, other))
	}
	if what < 2 || what == 3 || len(fields) == 0 {
		p := s.window.Pick(s.rng)
		fields = append(fields, fmt.Sprintf(`"pickupDate":%q,"returnDate":%q`, p.Pickup, p.Return))
	}
	s.tally.Changes.Add(1)
	s.note(s.c.Do(ctx, Call{Route: "PATCH /bookings/{bookingId}", Path: path, Body: "{" + strings.Join(fields, ",") + "}",
		Header: map[string]string{"Authorization": s.user.Token, "If-Match": a.Header.Get("ETag")}}))
	return true
}

// otherCar is another hot car at b's location, at random; "" if none.
func (s *sim) otherCar(b bookingJSON) string {
	var others []string
	for _, c := range s.fleet.ByLoc[b.LocationID] {
		if c != b.CarID {
			others = append(others, c)
		}
	}
	if len(others) == 0 {
		return ""
	}
	return others[s.rng.IntN(len(others))]
}

// cancel cancels one of the user's confirmed bookings. False when the user
// has none.
func (s *sim) cancel(ctx context.Context) bool {
	id, ok := s.confirmed()
	if !ok {
		return false
	}
	s.tally.Cancels.Add(1)
	s.note(s.c.Do(ctx, Call{Route: "DELETE /bookings/{bookingId}", Path: "/bookings/" + url.PathEscape(id), Header: s.auth()}))
	return true
}
