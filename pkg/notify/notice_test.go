package notify

import (
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

func TestClassify(t *testing.T) {
	b := booking()
	later := moved(b, "2027-03-10", 24500)
	otherCar := b
	otherCar.CarID, otherCar.Version = "ber-003", 2
	rewritten := b // the same version written again (a migration)
	rewritten.UpdatedAt = now
	p := func(b rental.Booking) *rental.Booking { return &b }
	for _, tc := range []struct {
		name string
		c    Change
		want Kind
	}{
		{"new booking", Change{New: p(b)}, Confirmed},
		{"new, cancelled", Change{New: p(cancelled(b))}, None},
		{"removed", Change{Old: p(b)}, None},
		{"dates changed", Change{Old: p(b), New: p(later)}, Changed},
		{"car changed", Change{Old: p(b), New: p(otherCar)}, Changed},
		{"cancelled", Change{Old: p(b), New: p(cancelled(b))}, Cancelled},
		{"cancelled again", Change{Old: p(cancelled(b)), New: p(cancelled(cancelled(b)))}, None},
		{"same version again", Change{Old: p(b), New: p(rewritten)}, None},
		{"older version after a newer", Change{Old: p(later), New: p(b)}, None},
	} {
		if got := Classify(tc.c); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
