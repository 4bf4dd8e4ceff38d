package rental

// The booking rules' limits.
const (
	MaxRentalDays = 30  // a rental lasts at most this many days
	MaxDaysAhead  = 365 // pick-up is at most this many days after today at the location
)

// CheckPeriod applies every rule of a rental period, given today at the
// pick-up location: CheckPickup and CheckReturn. The error is
// validation_failed with a Violation for each broken rule.
func CheckPeriod(p Period, today Date) error {
	var vs []Violation
	for _, v := range []*Violation{CheckPickup(p.Pickup, today), CheckReturn(p.Pickup, p.Return)} {
		if v != nil {
			vs = append(vs, *v)
		}
	}
	if len(vs) > 0 {
		return Invalid(vs...)
	}
	return nil
}

// CheckPickup applies the rules of a pick-up day, given today at the
// location: not before today (RulePickupPast), at most MaxDaysAhead days
// ahead (RulePickupTooFar). nil when both hold. The chatbot, which asks for
// one date at a time, checks each as it comes.
func CheckPickup(pickup, today Date) *Violation {
	switch {
	case pickup.Before(today):
		return &Violation{Field: FieldPickup, Rule: RulePickupPast, Value: pickup.String(), Today: today}
	case today.DaysUntil(pickup) > MaxDaysAhead:
		return &Violation{Field: FieldPickup, Rule: RulePickupTooFar, Value: pickup.String(), Today: today,
			Max: MaxDaysAhead, Latest: today.AddDays(MaxDaysAhead)}
	}
	return nil
}

// CheckReturn applies the rules of a return day, given the pick-up day:
// after it (RuleReturnNotAfterPickup), at most MaxRentalDays days later
// (RuleRentalTooLong). nil when both hold.
func CheckReturn(pickup, ret Date) *Violation {
	switch days := pickup.DaysUntil(ret); {
	case days <= 0:
		return &Violation{Field: FieldReturn, Rule: RuleReturnNotAfterPickup, Value: ret.String(), Pickup: pickup}
	case days > MaxRentalDays:
		return &Violation{Field: FieldReturn, Rule: RuleRentalTooLong, Value: ret.String(), Pickup: pickup,
			Days: days, Max: MaxRentalDays, Latest: pickup.AddDays(MaxRentalDays)}
	}
	return nil
}

// Started reports whether a rental that picks up on pickup has started by
// today: from the pick-up day on, a booking can be neither changed nor
// cancelled.
func Started(pickup, today Date) bool { return !today.Before(pickup) }
