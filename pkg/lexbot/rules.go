package lexbot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// booking is BookCar's slots, read and checked: what is filled is valid.
type booking struct {
	loc    rental.Location
	typ    rental.CarType
	period rental.Period
	today  rental.Date // today at loc, when loc is set

	hasLoc, hasType, hasPickup, hasReturn bool
}

// complete reports whether every slot is filled (and so valid).
func (f booking) complete() bool { return f.hasLoc && f.hasType && f.hasPickup && f.hasReturn }

// key names what is being booked: "BER|economy|2027-03-05/2027-03-08". A
// quote is valid for one key; the idempotency key is derived from it.
func (f booking) key() string {
	return strings.Join([]string{f.loc.ID, string(f.typ), f.period.String()}, "|")
}

// problem is a slot that has to be asked for again: reason says what is
// wrong with what the user gave, ask asks for it again.
type problem struct {
	slot   string
	reason string
	ask    string
}

func (p *problem) elicitMessage() string { return p.reason + " " + p.ask }

// The prompts of the re-asked slots: template.yaml's own (a test holds
// them together), so that a slot is asked for in the same words whoever
// asks.
const (
	askCity   = "Where would you like to pick up the car?"
	askPickup = "When would you like to pick up the car?"
	askReturn = "When will you bring the car back?"
	askType   = "Which type of car would you like: economy, compact, midsize, SUV, luxury or van?"
)

// readBooking reads BookCar's slots in the order a person fills them (city,
// pick-up, return, type), writes back the normalised values (the location's
// name, the canonical type) and returns the first slot that is wrong, if
// any. Dates are checked against today at the pick-up location once the
// city is known; until then, only their form.
func (b *Bot) readBooking(ctx context.Context, t *turn) (booking, *problem, error) {
	var f booking
	in := &t.intent

	if said := slotText(*in, SlotPickupCity); said != "" {
		locs, err := b.svc.ListLocations(ctx)
		if err != nil {
			return f, nil, err
		}
		var matched []rental.Location
		for _, c := range slotCandidates(*in, SlotPickupCity) {
			if matched = matchLocations(c, locs); len(matched) > 0 {
				break
			}
		}
		if len(matched) > 1 {
			matched = narrowByTranscript(matched, t.ev.InputTranscript)
		}
		switch len(matched) {
		case 0:
			return f, &problem{SlotPickupCity, fmt.Sprintf("Sorry, we have no rental station in %s. We serve %s.",
				originalOf(*in, SlotPickupCity), servedCities(locs)), askCity}, nil
		case 1:
			f.loc, f.hasLoc = matched[0], true
			setSlot(in, SlotPickupCity, f.loc.Name)
			if f.today, err = b.svc.TodayAt(ctx, f.loc.ID); err != nil {
				return f, nil, err
			}
		default:
			return f, &problem{SlotPickupCity, fmt.Sprintf("We have %d stations there: %s.", len(matched),
				locationNames(matched)), "Which one would you like?"}, nil
		}
	}

	if slotText(*in, SlotPickupDate) != "" {
		d, p := readDay(*in, SlotPickupDate, "pick-up", "March 5", askPickup)
		if p == nil && f.hasLoc {
			p = checkPickup(d, f.loc, f.today)
		}
		if p != nil {
			return f, p, nil
		}
		f.period.Pickup, f.hasPickup = d, true
		setSlot(in, SlotPickupDate, d.String())
	}

	if slotText(*in, SlotReturnDate) != "" {
		d, p := readDay(*in, SlotReturnDate, "return", "March 8", askReturn)
		if p == nil && f.hasPickup {
			p = checkReturn(f.period.Pickup, d)
		}
		if p != nil {
			return f, p, nil
		}
		f.period.Return, f.hasReturn = d, true
		setSlot(in, SlotReturnDate, d.String())
	}

	if said := slotText(*in, SlotCarType); said != "" {
		typ, ok := parseCarType(said)
		if !ok {
			return f, &problem{SlotCarType, fmt.Sprintf("Sorry, we don't rent %q cars.", originalOf(*in, SlotCarType)), askType}, nil
		}
		f.typ, f.hasType = typ, true
		setSlot(in, SlotCarType, string(typ))
	}

	// The domain has the last word: should its rules ever say more than the
	// checks above, the user still hears which slot to change.
	if f.hasLoc && f.hasPickup && f.hasReturn {
		if p := domainProblem(rental.CheckPeriod(f.period, f.today)); p != nil {
			return f, p, nil
		}
	}
	return f, nil, nil
}

// originalOf is what the user said for slot name, for quoting it back.
func originalOf(in Intent, name string) string {
	if s := in.Slots[name]; s != nil && s.Value != nil && strings.TrimSpace(s.Value.OriginalValue) != "" {
		return strings.TrimSpace(s.Value.OriginalValue)
	}
	return slotText(in, name)
}

// readDay reads the date slot name, the day of the what ("pick-up"); a
// value that is not one day is a problem that shows an example.
func readDay(in Intent, name, what, example, ask string) (rental.Date, *problem) {
	d, ok := parseDay(slotText(in, name))
	if !ok {
		return d, &problem{name, fmt.Sprintf("I need one day for the %s, like %q, and %q is not one.",
			what, example, originalOf(in, name)), ask}
	}
	return d, nil
}

// parseDay reads AMAZON.Date's interpretedValue, which is a day
// "YYYY-MM-DD" for what we need. Other forms Lex may produce ("2027-W10"
// for a week, "2027-03" for a month) are not a day and are refused, as is
// anything else.
func parseDay(s string) (rental.Date, bool) {
	d, err := rental.ParseDate(strings.TrimSpace(s))
	return d, err == nil
}

// checkPickup applies the pick-up rules: not before today at the location,
// at most rental.MaxDaysAhead days ahead.
func checkPickup(d rental.Date, loc rental.Location, today rental.Date) *problem {
	switch {
	case d.Before(today):
		return &problem{SlotPickupDate, fmt.Sprintf("%s is in the past: in %s it is %s today.",
			longDate(d), loc.City, longDate(today)), askPickup}
	case today.DaysUntil(d) > rental.MaxDaysAhead:
		return &problem{SlotPickupDate, fmt.Sprintf("%s is too far ahead: I can take bookings up to %d days ahead, until %s.",
			longDate(d), rental.MaxDaysAhead, longDate(today.AddDays(rental.MaxDaysAhead))), askPickup}
	}
	return nil
}

// checkReturn applies the return rules: after the pick-up, at most
// rental.MaxRentalDays days later.
func checkReturn(pickup, ret rental.Date) *problem {
	switch n := pickup.DaysUntil(ret); {
	case n <= 0:
		return &problem{SlotReturnDate, fmt.Sprintf("The return has to be after the pick-up on %s, and %s is not.",
			longDate(pickup), longDate(ret)), askReturn}
	case n > rental.MaxRentalDays:
		return &problem{SlotReturnDate, fmt.Sprintf("A rental can last up to %d days, and %s to %s is %d. The car would have to be back by %s.",
			rental.MaxRentalDays, longDate(pickup), longDate(ret), n, longDate(pickup.AddDays(rental.MaxRentalDays))), askReturn}
	}
	return nil
}

// domainProblem turns a validation error of rental.CheckPeriod into the
// slot to ask again: pickupDate's problem first.
func domainProblem(err error) *problem {
	if err == nil {
		return nil
	}
	var e *rental.Error
	if !errors.As(err, &e) || e.Code != rental.CodeValidation {
		return &problem{SlotPickupDate, "Those dates don't work.", askPickup}
	}
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	sort.Strings(fields) // pickupDate before returnDate
	for _, f := range fields {
		switch f {
		case "pickupDate":
			return &problem{SlotPickupDate, "That pick-up date doesn't work: it " + e.Fields[f] + ".", askPickup}
		case "returnDate":
			return &problem{SlotReturnDate, "That return date doesn't work: it " + e.Fields[f] + ".", askReturn}
		}
	}
	return &problem{SlotPickupDate, "Those dates don't work.", askPickup}
}
