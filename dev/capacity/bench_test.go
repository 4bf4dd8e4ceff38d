package capacity

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/testbed"
)

// TestCostGoals runs a small bench (a car holding 100 bookings; a search
// at a location of 120 cars, 90% of them taken) and holds it to the goals
// that make bench prints for the full size: at most 8 write units and 2
// round trips for every write of a booking the web app or the bot makes,
// and a full page in a bounded number of read units.
func TestCostGoals(t *testing.T) {
	endpoint := os.Getenv(testbed.EnvEndpoint)
	if endpoint == "" {
		t.Fatalf("%s is not set: run the tests through cmd/testbed (make test)", testbed.EnvEndpoint)
	}
	ctx := context.Background()
	b, err := NewBench(ctx, endpoint, "test-capacity-"+strings.ReplaceAll(t.Name(), "/", "_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close(context.Background()) })
	if err := b.Bookings(ctx, 100); err != nil {
		t.Fatal(err)
	}
	if err := b.Search(ctx, 120, 0.9); err != nil {
		t.Fatal(err)
	}
	for _, r := range b.Rows() {
		u := r.Usage
		switch {
		case r.Booking && (u.WriteUnits > 8 || u.WriteUnits < 5):
			t.Errorf("%s: %v write units, want 5 to 8", r.Name, u.WriteUnits)
		case r.Booking && r.Note == "" && u.Calls != 2:
			t.Errorf("%s: %d round trips, want 2", r.Name, u.Calls)
		case r.Search && u.ReadUnits > 12:
			t.Errorf("%s: %v read units for 120 cars, want at most 12", r.Name, u.ReadUnits)
		}
		if u.Failed > 0 {
			t.Errorf("%s: %d calls failed", r.Name, u.Failed)
		}
	}
	var out strings.Builder
	Report(&out, b.Rows())
	if !strings.Contains(out.String(), "max WRU per booking: 8; ") {
		t.Errorf("report:\n%s", out.String())
	}
}
