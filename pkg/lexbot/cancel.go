package lexbot

import (
	"context"
	"fmt"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// choice is where CancelBooking's slots lead: a booking to cancel, or a
// question (ElicitSlot slot) or an answer (Close with state) instead.
type choice struct {
	target *current
	slot   string // ElicitSlot this slot...
	state  IntentState
	msg    string // ...or Close with this message
}

// chooseBooking finds the booking that CancelBooking's slots name: by
// BookingRef (an id), else by PickupDate, else the user's only cancellable
// booking. It writes the chosen id into BookingRef, so that the
// confirmation and the fulfillment cancel exactly what was named.
func (b *Bot) chooseBooking(ctx context.Context, t *turn) (choice, error) {
	list, err := b.currentBookings(ctx, t.user)
	if err != nil {
		return choice{}, err
	}
	var open []current // not started: these can be cancelled
	for _, c := range list {
		if !c.started {
			open = append(open, c)
		}
	}
	if ref := bookingID(slotText(t.intent, SlotBookingRef)); ref != "" {
		return b.chooseByRef(ctx, t, ref, list, open)
	}
	if said := slotText(t.intent, SlotPickupDate); said != "" {
		return chooseByPickup(t, said, list, open), nil
	}
	switch {
	case len(open) == 1:
		return chosen(t, &open[0]), nil
	case len(open) == 0 && len(list) > 0:
		return choice{state: Failed, msg: fmt.Sprintf("Your booking %s has started already, so it can no longer be cancelled. "+
			"Please call the station if your plans have changed.", list[0].ID)}, nil
	}
	return whichOne(open, ""), nil
}

// chooseByRef chooses booking ref among the user's current bookings
// (list; open are those not started). A booking of the user's that is no
// longer current is answered (cancelled already, or over); an unknown one
// clears the slot and asks which of open.
func (b *Bot) chooseByRef(ctx context.Context, t *turn, ref string, list, open []current) (choice, error) {
	for i := range list {
		if list[i].ID == ref {
			return chosen(t, &list[i]), nil
		}
	}
	var bk rental.Booking
	err := error(rental.NotFound("booking"))
	if plausibleID(ref) {
		bk, err = b.svc.GetBooking(ctx, t.user, ref)
	}
	switch {
	case err == nil && bk.Status == rental.Cancelled:
		return choice{state: Fulfilled, msg: fmt.Sprintf("Booking %s is cancelled already.", bk.ID)}, nil
	case err == nil: // confirmed, but over
		return choice{state: Failed, msg: fmt.Sprintf("Booking %s has ended, so there is nothing to cancel.", bk.ID)}, nil
	case rental.ErrorCode(err) != rental.CodeNotFound:
		return choice{}, err
	}
	clearSlot(&t.intent, SlotBookingRef)
	return whichOne(open, fmt.Sprintf("I can't find a booking %s in your account.", ref)), nil
}

// chooseByPickup chooses the booking of list that starts on the day the
// user said; with none, or several, it asks again.
func chooseByPickup(t *turn, said string, list, open []current) choice {
	d, ok := parseDay(said)
	if !ok {
		clearSlot(&t.intent, SlotPickupDate)
		return choice{slot: SlotPickupDate, msg: "Which day does the rental you want to cancel start? Say a day, like \"March 5\"."}
	}
	var same []current
	for _, c := range list {
		if c.Period.Pickup == d {
			same = append(same, c)
		}
	}
	switch len(same) {
	case 1:
		return chosen(t, &same[0])
	case 0:
		clearSlot(&t.intent, SlotPickupDate)
		return whichOne(open, fmt.Sprintf("You have no booking that starts on %s.", longDate(d)))
	}
	return choice{slot: SlotBookingRef, msg: clip(fmt.Sprintf("You have %d bookings that start on %s:\n%s\nWhich one? Tell me its booking number.",
		len(same), longDate(d), lines(same)))}
}

// chosen makes c the booking to cancel, unless it has started.
func chosen(t *turn, c *current) choice {
	if c.started {
		return choice{state: Failed, msg: fmt.Sprintf("Booking %s started on %s, so it can no longer be cancelled. "+
			"Please call the station if your plans have changed.", c.ID, longDate(c.Period.Pickup))}
	}
	setSlot(&t.intent, SlotBookingRef, c.ID)
	return choice{target: c}
}

// whichOne asks which of open to cancel: by pick-up date when those differ
// (easy to say), by booking number otherwise. With none, it says so.
func whichOne(open []current, reason string) choice {
	if len(open) == 0 {
		return choice{state: Failed, msg: strings.TrimSpace(reason + " You have no upcoming bookings to cancel.")}
	}
	slot, ask := SlotPickupDate, "Which one would you like to cancel? Tell me the day it starts."
	pickups := map[rental.Date]bool{}
	for _, c := range open {
		pickups[c.Period.Pickup] = true
	}
	if len(pickups) < len(open) {
		slot, ask = SlotBookingRef, "Which one would you like to cancel? Tell me its booking number."
	}
	head := "Your upcoming bookings:"
	if len(open) == 1 {
		head = "Your upcoming booking:"
	}
	return choice{slot: slot, msg: clip(strings.TrimSpace(reason+" "+head) + "\n" + lines(open) + "\n" + ask)}
}

// lines lists bookings, one a line, at most maxListed.
func lines(cs []current) string {
	var out []string
	for i, c := range cs {
		if i == maxListed {
			out = append(out, fmt.Sprintf("and %d more (see My bookings on our website)", len(cs)-maxListed))
			break
		}
		out = append(out, describe(c))
	}
	return strings.Join(out, "\n")
}

// bookingID normalises a booking number as people type or say it: ours
// are ULIDs, upper-case letters and digits; spaces and dashes are dropped.
func bookingID(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", ".", "").Replace(strings.TrimSpace(s)))
}

// plausibleID reports whether id could be a booking number at all, so that
// anything else is "not found" without a read.
func plausibleID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// unresolved answers a choice without a booking: its question, or its
// answer. Fulfillment cannot ask (the intent is done either way), so there
// the question closes the intent and the user starts again.
func unresolved(t *turn, ch choice) Response {
	switch {
	case ch.slot != "" && t.fulfilling():
		return t.close(Failed, ch.msg+"\nThen ask me again to cancel it.")
	case ch.slot != "":
		return t.elicitSlot(ch.slot, ch.msg)
	}
	return t.close(ch.state, ch.msg)
}

// cancelDialog is CancelBooking's dialog code hook: find the booking, ask
// to confirm it (ConfirmIntent), then let Lex fulfil (Delegate) or close
// when the user says no.
func (b *Bot) cancelDialog(ctx context.Context, t *turn) (Response, error) {
	ch, err := b.chooseBooking(ctx, t)
	if err != nil {
		return Response{}, err
	}
	if ch.target == nil {
		return unresolved(t, ch), nil
	}
	switch t.intent.ConfirmationState {
	case Confirmed:
		return t.delegate(ReadyForFulfillment), nil
	case Denied:
		return t.close(Failed, fmt.Sprintf("All right, booking %s stays as it is.", ch.target.ID)), nil
	}
	return t.confirm(fmt.Sprintf("Shall I cancel booking %s: %s at %s, %s to %s (%s, %s)? This can't be undone.",
		ch.target.ID, carName(ch.target.Car.Make, ch.target.Car.Model), placeName(*ch.target),
		longDate(ch.target.Period.Pickup), longDate(ch.target.Period.Return), days(ch.target.Days()),
		money(ch.target.Total)), "Cancel this booking?"), nil
}

// fulfillCancel is CancelBooking's fulfillment code hook: cancel the
// booking named by the confirmed slots through rental.Service.
func (b *Bot) fulfillCancel(ctx context.Context, t *turn) (Response, error) {
	ch, err := b.chooseBooking(ctx, t)
	if err != nil {
		return Response{}, err
	}
	if ch.target == nil {
		return unresolved(t, ch), nil
	}
	bk, err := b.svc.CancelBooking(ctx, t.user, ch.target.ID, nil)
	switch {
	case err == nil:
	case rental.ErrorCode(err) == rental.CodeBookingStarted:
		return t.close(Failed, fmt.Sprintf("Booking %s has started, so it can no longer be cancelled. "+
			"Please call the station if your plans have changed.", ch.target.ID)), nil
	case rental.ErrorCode(err) == rental.CodeNotFound:
		return t.close(Failed, fmt.Sprintf("I can't find booking %s in your account any more, so nothing was cancelled.", ch.target.ID)), nil
	default:
		return Response{}, err
	}
	return t.close(Fulfilled, fmt.Sprintf("Done: booking %s (%s at %s, %s to %s) is cancelled.",
		bk.ID, carName(bk.Car.Make, bk.Car.Model), placeName(*ch.target), longDate(bk.Period.Pickup),
		longDate(bk.Period.Return))), nil
}
