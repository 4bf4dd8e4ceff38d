package lexbot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/rental"
)

// maxBookingAttempts bounds how many cars fulfillment tries when the quoted
// one was taken meanwhile.
const maxBookingAttempts = 5

// fulfillBooking is BookCar's fulfillment code hook: it books the quoted
// car through rental.Service.CreateBooking, or, if that one was taken since
// the quote, the next cheapest free car of the type, and closes with the
// booking.
//
// Lex may invoke fulfillment again for the same confirmation (a retry, a
// client that resends). The idempotency key is derived from the Lex
// session, the user, the confirmed slots and the quote's reference, so a
// repeat returns the booking already made instead of booking again.
func (b *Bot) fulfillBooking(ctx context.Context, t *turn) (Response, error) {
	f, prob, err := b.readBooking(ctx, t)
	if err != nil {
		return Response{}, err
	}
	if prob != nil {
		forgetQuote(t)
		return t.close(Failed, prob.reason+" So I haven't booked anything; ask me again with other details."), nil
	}
	if !f.complete() {
		forgetQuote(t)
		return t.close(Failed, "I'm missing some details of the rental, so I haven't booked anything. "+
			"Please ask me again: where, when, and which type of car."), nil
	}
	quoted, ref := "", ""
	if t.attrs[attrQuoteFor] == f.key() {
		quoted, ref = t.attrs[attrQuoteCar], t.attrs[attrQuoteRef]
	}
	cars, err := b.bookingCandidates(ctx, f, quoted)
	if err != nil {
		return Response{}, err
	}
	key := idempotencyKey(t.ev.SessionID, t.user, f, ref)
	req := rental.BookingRequest{LocationID: f.loc.ID, Period: f.period, Email: t.email}
	for i, id := range cars {
		req.CarID = id
		bk, err := b.svc.CreateBooking(ctx, t.user, req, key)
		switch code := rental.ErrorCode(err); {
		case err == nil:
			return booked(t, bk, f.loc), nil
		case code == rental.CodeCarUnavailable || code == rental.CodeNotFound:
			lambdalog.Add(ctx, slog.Int("carsTaken", i+1)) // since the quote; the next is tried
			continue
		case code == rental.CodeIdempotencyConflict:
			// This confirmation was fulfilled before, with another car
			// than the one tried now (the quoted one had been taken).
			bk, ok, err := b.findBooking(ctx, t.user, f)
			if err != nil {
				return Response{}, err
			}
			if !ok {
				// The booking it made has been changed since (on the
				// website, say): it no longer has these dates or type.
				lambdalog.Add(ctx, slog.String("confirmationUsed", "the booking it made was changed since"))
				forgetQuote(t)
				return t.close(Failed, "You confirmed exactly this earlier in our conversation, and the booking it made "+
					"has been changed since, so I haven't booked it again. Your bookings are under My bookings on our "+
					"website; to book this anew, please start a new conversation."), nil
			}
			return booked(t, bk, f.loc), nil
		case code == rental.CodeValidation:
			forgetQuote(t)
			return t.close(Failed, "Sorry, I couldn't book that: "+refusal(err, f.loc)+
				" Nothing was booked; ask me again with other details."), nil
		case code == rental.CodeBookingLimitReached:
			forgetQuote(t)
			return t.close(Failed, limitReached(rental.AsError(err).Limit)), nil
		default:
			return Response{}, err
		}
	}
	forgetQuote(t)
	return t.close(Failed, fmt.Sprintf("Sorry, the %s at %s were all booked by others for %s to %s "+
		"while we talked, so I couldn't book one. Ask me again and I'll look for other cars or dates.",
		typeNoun(f.typ, true), f.loc.Name, longDate(f.period.Pickup), longDate(f.period.Return))), nil
}

// bookingCandidates lists the cars to try, best first: the quoted car if it
// still fits the slots (session attributes come from the client, so it is
// checked), then the free cars of the type, cheapest first. When neither
// gives a car, the cheapest car of the type even though it looks booked:
// if an earlier fulfillment of this very confirmation booked it, the
// idempotency record returns that booking before any availability check.
func (b *Bot) bookingCandidates(ctx context.Context, f booking, quoted string) ([]string, error) {
	var ids []string
	if quoted != "" {
		o, err := b.svc.GetCar(ctx, quoted, nil)
		switch {
		case err == nil && o.Car.LocationID == f.loc.ID && o.Car.Type == f.typ:
			ids = append(ids, quoted)
		case err != nil && rental.ErrorCode(err) != rental.CodeNotFound:
			return nil, err
		}
	}
	alt, err := b.alternatives(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, o := range alt.Free {
		if !slices.Contains(ids, o.Car.ID) {
			ids = append(ids, o.Car.ID)
		}
	}
	if len(ids) == 0 && len(alt.OfType) > 0 {
		ids = append(ids, alt.OfType[0].ID)
	}
	if len(ids) > maxBookingAttempts {
		ids = ids[:maxBookingAttempts]
	}
	return ids, nil
}

// idempotencyKey is the key of one confirmed booking request in one Lex
// session. rental keeps keys per user; the user is in the hash as well, so
// the key names the same thing wherever it is read.
func idempotencyKey(sessionID, user string, f booking, ref string) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{"lexbot/BookCar/v1", sessionID, user, f.key(), ref}, "\n")))
	return "lex-" + hex.EncodeToString(sum[:16])
}

// findBooking returns the user's newest booking of f's type at f's
// location for f's period: the one an earlier fulfillment made.
func (b *Bot) findBooking(ctx context.Context, user string, f booking) (rental.Booking, bool, error) {
	page, err := b.svc.ListBookings(ctx, user, rental.BookingQuery{Limit: rental.MaxPageSize})
	if err != nil {
		return rental.Booking{}, false, err
	}
	for _, bk := range page.Items { // newest first
		if bk.LocationID == f.loc.ID && bk.Period == f.period && bk.Car.Type == f.typ {
			return bk, true, nil
		}
	}
	return rental.Booking{}, false, nil
}

// booked closes the intent with the booking, made at loc.
func booked(t *turn, bk rental.Booking, loc rental.Location) Response {
	forgetQuote(t)
	if bk.Status == rental.Cancelled {
		// Only a repeat of a confirmation without a quote reference can
		// land here: the booking it made has been cancelled since.
		return t.close(Failed, fmt.Sprintf("You booked exactly this earlier in our conversation (booking %s) and "+
			"cancelled it since, so I haven't booked it again. To book it anew, please start a new conversation.", bk.ID))
	}
	return t.close(Fulfilled, fmt.Sprintf("Done! Your %s %s at %s is booked: pick-up %s, return %s, %s, %s in total. "+
		"Your booking number is %s; you'll also find it under My bookings on our website.",
		typeName(bk.Car.Type), carName(bk.Car.Make, bk.Car.Model), loc.Name, longDate(bk.Period.Pickup),
		longDate(bk.Period.Return), days(bk.Days()), money(bk.Total), bk.ID))
}

// limitReached says booking_limit_reached in words: how many bookings the
// customer holds, the most allowed, and how to free a place.
func limitReached(l *rental.BookingLimit) string {
	if l == nil {
		return "Sorry, you already hold as many bookings as one customer may, so I haven't booked anything. " +
			"Cancel one (say \"cancel a booking\"), or book again once one has ended."
	}
	return fmt.Sprintf("Sorry, you already hold %d active bookings, and one customer may hold at most %d at once, "+
		"so I haven't booked anything. Cancel one (say \"cancel a booking\"), or book again once one has ended.",
		l.Held, l.Max)
}
