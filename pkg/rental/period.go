package rental

// Period is a rental's days: from Pickup up to but not including Return,
// [Pickup, Return). The car is free again on its return date, so a period
// ending on the 5th and one starting on the 5th do not overlap.
type Period struct {
	Pickup Date
	Return Date
}

// Days is the number of rental days, the count that the daily rate is
// charged for: Return minus Pickup.
func (p Period) Days() int { return p.Pickup.DaysUntil(p.Return) }

// Overlaps reports whether p and q share at least one day.
func (p Period) Overlaps(q Period) bool {
	return p.Pickup.Before(q.Return) && q.Pickup.Before(p.Return)
}

// String writes "YYYY-MM-DD/YYYY-MM-DD" (an ISO 8601 interval).
func (p Period) String() string { return p.Pickup.String() + "/" + p.Return.String() }
