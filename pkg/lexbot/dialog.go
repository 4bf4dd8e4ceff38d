package lexbot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// bookingDialog is BookCar's dialog code hook, called after every user
// turn:
//
//   - a slot that is wrong: ElicitSlot it again (emptied), saying why;
//   - a slot still empty: Delegate, and Lex asks for it with the bot's prompt;
//   - all filled, not yet confirmed: find the cheapest free car and
//     ConfirmIntent with the quote, or offer what else is free (ElicitSlot);
//   - confirmed: Delegate with ReadyForFulfillment (Lex calls the
//     fulfillment code hook next), unless the slots changed since the
//     quote; denied: Close.
func (b *Bot) bookingDialog(ctx context.Context, t *turn) (Response, error) {
	f, prob, err := b.readBooking(ctx, t)
	if err != nil {
		return Response{}, err
	}
	if prob != nil {
		forgetQuote(t)
		clearSlot(&t.intent, prob.slot)
		return t.elicitSlot(prob.slot, prob.elicitMessage()), nil
	}
	if !f.complete() {
		if t.attrs[attrQuoteFor] != "" {
			forgetQuote(t)
		}
		return t.delegate(InProgress), nil
	}
	switch t.intent.ConfirmationState {
	case Confirmed:
		// The user said yes to the quote of these slots, or to Lex's own
		// confirmation prompt, or the client dropped the session attributes
		// (no quote at all: quoting again would ask the same question for
		// ever). Fulfillment books the quoted car or the cheapest one and
		// says which. A quote of other slots means the slots changed since:
		// quote again.
		if q := t.attrs[attrQuoteFor]; q == "" || q == f.key() {
			return t.delegate(ReadyForFulfillment), nil
		}
	case Denied:
		forgetQuote(t)
		return t.close(Failed, msgDeclined), nil
	}
	return b.quote(ctx, t, f)
}

// quote finds the cheapest car of the type that is free at the location
// for the period, remembers it in the session and asks the user to confirm
// the car, both dates spelled out, the number of days and the total. When
// none is free, it offers the alternatives instead.
func (b *Bot) quote(ctx context.Context, t *turn, f booking) (Response, error) {
	alt, err := b.alternatives(ctx, f)
	if err != nil {
		return Response{}, err
	}
	if len(alt.Free) == 0 {
		return b.nothingFree(t, f, alt), nil
	}
	o := alt.Free[0]
	t.attrs[attrQuoteCar] = o.Car.ID
	t.attrs[attrQuoteFor] = f.key()
	t.attrs[attrQuoteRef] = newRef()
	return t.confirm(fmt.Sprintf("The best price for a%s %s at %s is a%s %s (%d seats, %s). "+
		"Pick-up %s, return %s: %s, %s in total. Shall I book it?",
		article(typeNoun(f.typ, false)), typeNoun(f.typ, false), f.loc.Name, article(o.Car.Make), carName(o.Car.Make, o.Car.Model), o.Car.Seats,
		o.Car.Transmission, longDate(f.period.Pickup), longDate(f.period.Return), days(o.Quote.Days),
		money(o.Quote.Total)), "Shall I book it?"), nil
}

// alternatives asks the Service what is free for f (one reading of the
// location's fleet: rental.Service.Alternatives).
func (b *Bot) alternatives(ctx context.Context, f booking) (rental.Alternatives, error) {
	return b.svc.Alternatives(ctx, rental.AlternativesQuery{LocationID: f.loc.ID, Type: f.typ, Period: f.period,
		LookAhead: b.lookAhead})
}

// nothingFree answers when no car of the type is free: it names the other
// types that are free for those dates, with their prices (ElicitSlot
// CarType), or else the nearest later dates for which the type is free
// (ElicitSlot PickupDate, both dates emptied).
func (b *Bot) nothingFree(t *turn, f booking, alt rental.Alternatives) Response {
	var msg strings.Builder
	if len(alt.OfType) == 0 {
		fmt.Fprintf(&msg, "Sorry, we have no %s at %s.", typeNoun(f.typ, true), f.loc.Name)
	} else {
		fmt.Fprintf(&msg, "Sorry, no %s is free at %s from %s to %s.", typeNoun(f.typ, false), f.loc.Name,
			longDate(f.period.Pickup), longDate(f.period.Return))
	}
	if len(alt.OtherTypes) > 0 {
		prices := make([]string, len(alt.OtherTypes))
		for i, o := range alt.OtherTypes {
			prices[i] = fmt.Sprintf("%s from %s", typeName(o.Car.Type), money(o.Quote.Total))
		}
		fmt.Fprintf(&msg, " Free for your dates (%s): %s.", days(f.period.Days()), andList(prices))
	}
	if l := alt.Later; l != nil {
		fmt.Fprintf(&msg, " The nearest dates with a free %s: pick-up %s, return %s (%s for %s).",
			typeNoun(f.typ, false), longDate(l.Period.Pickup), longDate(l.Period.Return), days(l.Offer.Quote.Days), money(l.Offer.Quote.Total))
	}
	forgetQuote(t)
	if len(alt.OtherTypes) > 0 {
		clearSlot(&t.intent, SlotCarType)
		// A button per free type: its value is the type, which the slot
		// type CarTypes knows.
		card := ResponseCard{Title: "Free for your dates"}
		for _, o := range alt.OtherTypes {
			card.Buttons = append(card.Buttons, Button{Text: fmt.Sprintf("%s from %s", capitalized(typeName(o.Car.Type)), money(o.Quote.Total)),
				Value: string(o.Car.Type)})
		}
		return withCard(t.elicitSlot(SlotCarType, msg.String()+" Which type would you like?"), card)
	}
	clearSlot(&t.intent, SlotPickupDate)
	clearSlot(&t.intent, SlotReturnDate)
	switch {
	case alt.Later != nil:
	case len(alt.OfType) == 0:
		msg.WriteString(" Nothing else is free there for your dates either. Would other dates suit you?")
	default:
		fmt.Fprintf(&msg, " Nor in the %d days after, I'm afraid. Would other dates suit you?", b.lookAhead)
	}
	return t.elicitSlot(SlotPickupDate, msg.String()+" "+askPickup)
}

// forgetQuote drops the quote from the session: the slots changed, or the
// intent ended.
func forgetQuote(t *turn) {
	delete(t.attrs, attrQuoteCar)
	delete(t.attrs, attrQuoteFor)
	delete(t.attrs, attrQuoteRef)
}

// newRef is a random reference for a quote. It is part of the idempotency
// key, so that the same booking asked for again later in the same session
// (after a cancellation, say) is a new booking, while a repeated
// fulfillment of one confirmation is not.
func newRef() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// capitalized is s with its first letter upper-case: "Compact", "SUV".
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// article completes "a" to "an" before a vowel sound: "an economy car",
// "an SUV", "an Audi"; it returns "" otherwise.
func article(word string) string {
	if word == "SUV" || (word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0]))) {
		return "n"
	}
	return ""
}
