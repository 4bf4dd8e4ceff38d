package load

import "slices"

// expected are the outcomes that the load's requests may get from a sound
// API: they are well formed, by signed-in owners, for cars that exist and
// days weeks ahead, so the only refusals are a car taken by someone else
// (409 car_unavailable) and, for a user who books faster than they cancel,
// the booking limit (409 booking_limit_reached). A 412 cannot come either: each user changes a
// booking right after reading it, and nobody else can. Beyond these, a 503
// throttled may come from any route; the audit counts it among the 5xx.
var expected = map[string][]string{
	"GET /cars":                    {"200"},
	"GET /cars/{carId}":            {"200"},
	"GET /bookings":                {"200"},
	"GET /bookings/{bookingId}":    {"200"},
	"POST /bookings":               {"201", "409 car_unavailable", "409 booking_limit_reached"},
	"PATCH /bookings/{bookingId}":  {"200", "409 car_unavailable"},
	"DELETE /bookings/{bookingId}": {"200"},
}

// readRoutes are the routes counted as searches (reads) in the mix.
var readRoutes = []string{"GET /cars", "GET /cars/{carId}", "GET /bookings", "GET /bookings/{bookingId}"}

// Unexpected are the outcomes in s that its route should not get, as
// "route outcome" -> count.
func (s Snapshot) Unexpected() map[string]int {
	out := map[string]int{}
	for route, rs := range s.Routes {
		for outcome, n := range rs.Outcomes {
			if !slices.Contains(expected[route], outcome) && outcome != "503 throttled" && outcome != "no answer" {
				out[route+" "+outcome] += n
			}
		}
	}
	return out
}
