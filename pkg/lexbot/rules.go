package lexbot

import (
	"context"
	"fmt"
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
// any. Dates are checked by the domain's rules (rental.CheckPickup,
// rental.CheckReturn) as soon as what they need is known: the pick-up once
// the city is (today there), the return once the pick-up is.
func (b *Bot) readBooking(ctx context.Context, t *turn) (booking, *problem, error) {
	var f booking
	in := &t.intent
	for _, read := range []func() (*problem, error){
		func() (*problem, error) { return b.readCity(ctx, t, &f) },
		func() (*problem, error) { return readPickup(in, &f), nil },
		func() (*problem, error) { return readReturn(in, &f), nil },
		func() (*problem, error) { return readType(in, &f), nil },
	} {
		if p, err := read(); p != nil || err != nil {
			return f, p, err
		}
	}
	return f, nil, nil
}

// readCity matches the PickupCity slot against our locations.
func (b *Bot) readCity(ctx context.Context, t *turn, f *booking) (*problem, error) {
	in := &t.intent
	if slotText(*in, SlotPickupCity) == "" {
		return nil, nil
	}
	locs, err := b.svc.ListLocations(ctx)
	if err != nil {
		return nil, err
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
		return &problem{SlotPickupCity, fmt.Sprintf("Sorry, we have no rental station in %s. We serve %s.",
			originalOf(*in, SlotPickupCity), servedCities(locs)), askCity}, nil
	case 1:
	default:
		return &problem{SlotPickupCity, fmt.Sprintf("We have %d stations there: %s.", len(matched),
			locationNames(matched)), "Which one would you like?"}, nil
	}
	f.loc, f.hasLoc = matched[0], true
	setSlot(in, SlotPickupCity, f.loc.Name)
	f.today, err = b.svc.TodayAt(ctx, f.loc.ID)
	return nil, err
}

// readPickup reads the PickupDate slot and, once the city is known, holds
// it to the pick-up rules there.
func readPickup(in *Intent, f *booking) *problem {
	if slotText(*in, SlotPickupDate) == "" {
		return nil
	}
	d, p := readDay(*in, SlotPickupDate, "pick-up", "March 5", askPickup)
	if p != nil {
		return p
	}
	if f.hasLoc {
		if v := rental.CheckPickup(d, f.today); v != nil {
			return ruleProblem(*v, f.loc)
		}
	}
	f.period.Pickup, f.hasPickup = d, true
	setSlot(in, SlotPickupDate, d.String())
	return nil
}

// readReturn reads the ReturnDate slot and, once the pick-up is known,
// holds it to the return rules.
func readReturn(in *Intent, f *booking) *problem {
	if slotText(*in, SlotReturnDate) == "" {
		return nil
	}
	d, p := readDay(*in, SlotReturnDate, "return", "March 8", askReturn)
	if p != nil {
		return p
	}
	if f.hasPickup {
		if v := rental.CheckReturn(f.period.Pickup, d); v != nil {
			return ruleProblem(*v, f.loc)
		}
	}
	f.period.Return, f.hasReturn = d, true
	setSlot(in, SlotReturnDate, d.String())
	return nil
}

// readType reads the CarType slot.
func readType(in *Intent, f *booking) *problem {
	said := slotText(*in, SlotCarType)
	if said == "" {
		return nil
	}
	typ, ok := parseCarType(said)
	if !ok {
		return &problem{SlotCarType, fmt.Sprintf("Sorry, we don't rent %q cars.", originalOf(*in, SlotCarType)), askType}
	}
	f.typ, f.hasType = typ, true
	setSlot(in, SlotCarType, string(typ))
	return nil
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
