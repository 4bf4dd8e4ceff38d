package notify

import "github.com/carrental/backend/pkg/rental"

// Kind is what a notice tells the customer.
type Kind string

// The notices.
const (
	// None: the change is nothing the customer sees (a rewrite of the
	// item at the same version, a removal).
	None      Kind = ""
	Confirmed Kind = "confirmed"
	Changed   Kind = "changed"
	Cancelled Kind = "cancelled"
	Reminder  Kind = "reminder"
)

// Change is one write of a booking item: its image before (nil for a new
// booking) and after (nil for a removal), as DynamoDB Streams' old and new
// images carry them.
type Change struct {
	Old, New *rental.Booking
}

// Classify says which notice a change is. A new confirmed booking is
// Confirmed; a later version that is cancelled, Cancelled; a later
// confirmed version with another car, period or total, Changed; anything
// else (the same version written again, a removal) None.
func Classify(c Change) Kind {
	n := c.New
	switch {
	case n == nil:
		return None
	case c.Old == nil:
		if n.Status == rental.Confirmed {
			return Confirmed
		}
		return None
	case n.Version <= c.Old.Version:
		return None
	case n.Status == rental.Cancelled && c.Old.Status == rental.Confirmed:
		return Cancelled
	case n.Status == rental.Confirmed && (n.CarID != c.Old.CarID || n.Period != c.Old.Period || n.Total != c.Old.Total):
		return Changed
	}
	return None
}
