package rental

import "fmt"

// The booking rules' limits.
const (
	MaxRentalDays = 30  // a rental lasts at most this many days
	MaxDaysAhead  = 365 // pick-up is at most this many days after today at the location
)

// CheckPeriod applies the rules of a rental period, given today at the
// pick-up location: pick-up not before today, pick-up at most MaxDaysAhead
// days ahead, return after pick-up, at most MaxRentalDays days. The error is
// validation_failed with a field for each broken rule.
func CheckPeriod(p Period, today Date) error {
	fields := periodShape(p)
	switch {
	case p.Pickup.Before(today):
		fields["pickupDate"] = fmt.Sprintf("must not be before today at the location (%s)", today)
	case today.DaysUntil(p.Pickup) > MaxDaysAhead:
		fields["pickupDate"] = fmt.Sprintf("must be at most %d days ahead (%s)", MaxDaysAhead, today.AddDays(MaxDaysAhead))
	}
	if len(fields) > 0 {
		return Invalids(fields)
	}
	return nil
}

// CheckPeriodShape applies the rules that need no calendar: return after
// pick-up, at most MaxRentalDays days.
func CheckPeriodShape(p Period) error {
	if fields := periodShape(p); len(fields) > 0 {
		return Invalids(fields)
	}
	return nil
}

func periodShape(p Period) map[string]string {
	fields := map[string]string{}
	switch days := p.Days(); {
	case days <= 0:
		fields["returnDate"] = "must be after pickupDate"
	case days > MaxRentalDays:
		fields["returnDate"] = fmt.Sprintf("must be at most %d days after pickupDate", MaxRentalDays)
	}
	return fields
}

// Started reports whether a rental that picks up on pickup has started by
// today: from the pick-up day on, a booking can be neither changed nor
// cancelled.
func Started(pickup, today Date) bool { return !today.Before(pickup) }
