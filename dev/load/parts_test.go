package load

import (
	"testing"
	"time"

	"github.com/carrental/backend/dev/samtemplate"
)

// TestConfigBounds: LOAD_DURATION defaults to 60 s and may not pass 5 min.
func TestConfigBounds(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, err := ConfigFromEnv(env(nil))
	if err != nil || c.Duration != time.Minute || c.Users != 50 || c.HotCars != 20 {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	if c, err := ConfigFromEnv(env(map[string]string{EnvDuration: "3m", EnvBaseURL: "http://localhost:3000"})); err != nil ||
		c.Duration != 3*time.Minute || c.BaseURL != "http://localhost:3000" {
		t.Errorf("3m: %+v, %v", c, err)
	}
	for _, bad := range []string{"5m1s", "1h", "0s", "-1s", "sixty"} {
		if _, err := ConfigFromEnv(env(map[string]string{EnvDuration: bad})); err == nil {
			t.Errorf("%s=%s: no error", EnvDuration, bad)
		}
	}
}

// TestPercentile is the nearest-rank method.
func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	for p, want := range map[float64]time.Duration{50: 50, 95: 95, 99: 99, 100: 100, 0.1: 1} {
		if got := Percentile(d, p); got != want {
			t.Errorf("p%v = %d, want %d", p, got, want)
		}
	}
	if Percentile(d[:1], 99) != 1 || Percentile(nil, 50) != 0 {
		t.Error("one value, or none")
	}
}

// TestHotFleetAndContract: 20 hot cars at three locations, and the
// contract's statuses per route.
func TestHotFleetAndContract(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	f, err := HotFleet(root, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cars) != 20 || len(f.ByLoc["ber"]) != 7 || len(f.ByLoc["muc"]) != 7 || len(f.ByLoc["par"]) != 6 ||
		f.LocationOf(f.ByLoc["par"][0]) != "par" || f.Hot("akl-001") {
		t.Errorf("hot fleet: %+v", f)
	}
	if _, err := HotFleet(root, 22); err == nil {
		t.Error("22 cars at three locations of 7: no error")
	}
	c, err := LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		route  string
		status int
		want   bool
	}{
		{"POST /bookings", 201, true}, {"POST /bookings", 200, false}, {"POST /bookings", 409, true},
		{"GET /cars", 404, false}, {"PATCH /bookings/{bookingId}", 412, true}, {"DELETE /bookings/{bookingId}", 502, false},
	} {
		if got := c.Allows(tc.route, tc.status); got != tc.want {
			t.Errorf("%s %d allowed = %v", tc.route, tc.status, got)
		}
	}
	s := Snapshot{Routes: map[string]RouteStats{"POST /bookings": {Outcomes: map[string]int{
		"201": 3, "409 car_unavailable": 2, "503 throttled": 1, "404 not_found": 1}}}}
	if got := s.Unexpected(); len(got) != 1 || got["POST /bookings 404 not_found"] != 1 {
		t.Errorf("unexpected = %v", got)
	}
}
