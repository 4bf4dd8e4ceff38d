package lexbot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/rental"
)

// bookCar is a BookCar event with the four slots filled (as Lex interprets
// them), confirmation state conf, from source.
func bookCar(e *env, session, source string, conf ConfirmationState, city, typ, pickup, ret string, attrs map[string]string) Event {
	slots := map[string]*Slot{}
	for name, v := range map[string]string{SlotPickupCity: city, SlotCarType: typ, SlotPickupDate: pickup, SlotReturnDate: ret} {
		if v == "" {
			slots[name] = nil
			continue
		}
		slots[name] = &Slot{Shape: "Scalar", Value: &Value{OriginalValue: v, InterpretedValue: v}}
	}
	a := map[string]string{AttrIDToken: e.token(alice)}
	for k, v := range attrs {
		a[k] = v
	}
	return Event{MessageVersion: "1.0", InvocationSource: source, InputMode: "Text", SessionID: session,
		SessionState: SessionState{SessionAttributes: a,
			Intent: &Intent{Name: IntentBookCar, Slots: slots, State: InProgress, ConfirmationState: conf}}}
}

// TestSlotValidation: each filled slot is checked in the dialog code hook
// and, when wrong, elicited again (emptied) with a message that says why;
// right values come back normalised. Fixture at 2026-11-30 12:00 UTC, when
// it is already 1 December in Auckland.
func TestSlotValidation(t *testing.T) {
	e := newEnv(t, fixture)
	tests := []struct {
		name                      string
		city, typ, pickup, ret    string
		action                    string
		says                      string
		normalised, wantNormalize string // a slot and its value after the turn
	}{
		{"nothing yet", "", "", "", "", "Delegate", "", "", ""},
		{"city any case", "BERLIN", "", "", "", "Delegate", "", SlotPickupCity, "Berlin Hauptbahnhof"},
		{"city with country", "Berlin, Germany", "", "", "", "Delegate", "", SlotPickupCity, "Berlin Hauptbahnhof"},
		{"city alias", "LA", "", "", "", "Delegate", "", SlotPickupCity, "Los Angeles Airport"},
		{"city typo", "Aukland", "", "", "", "Delegate", "", SlotPickupCity, "Auckland Airport"},
		{"station id", "lax", "", "", "", "Delegate", "", SlotPickupCity, "Los Angeles Airport"},
		{"unknown city", "Springfield", "", "", "", "ElicitSlot PickupCity",
			"no rental station in Springfield. We serve Auckland, Berlin and Los Angeles.", SlotPickupCity, ""},
		{"date without city", "", "", "2027-03-05", "", "Delegate", "", SlotPickupDate, "2027-03-05"},
		{"a week is not a day", "Berlin", "", "2027-W10", "", "ElicitSlot PickupDate", "I need one day for the pick-up", SlotPickupDate, ""},
		{"pick-up yesterday", "Berlin", "", "2026-11-29", "", "ElicitSlot PickupDate",
			"Sunday 29 November 2026 is in the past: in Berlin it is Monday 30 November 2026 today.", SlotPickupDate, ""},
		{"pick-up today", "Berlin", "", "2026-11-30", "", "Delegate", "", SlotPickupDate, "2026-11-30"},
		{"today in Berlin is yesterday in Auckland", "Auckland", "", "2026-11-30", "", "ElicitSlot PickupDate",
			"in Auckland it is Tuesday 1 December 2026 today", SlotPickupDate, ""},
		{"365 days ahead", "Berlin", "", "2027-11-30", "", "Delegate", "", SlotPickupDate, "2027-11-30"},
		{"366 days ahead", "Berlin", "", "2027-12-01", "", "ElicitSlot PickupDate", "up to 365 days ahead, until Tuesday 30 November 2027", SlotPickupDate, ""},
		{"return on pick-up day", "Berlin", "", "2027-03-05", "2027-03-05", "ElicitSlot ReturnDate",
			"The return has to be after the pick-up on Friday 5 March 2027", SlotReturnDate, ""},
		{"return before pick-up", "Berlin", "", "2027-03-05", "2027-03-01", "ElicitSlot ReturnDate", "after the pick-up", SlotReturnDate, ""},
		{"30 days", "Berlin", "", "2027-03-05", "2027-04-04", "Delegate", "", SlotReturnDate, "2027-04-04"},
		{"31 days", "Berlin", "", "2027-03-05", "2027-04-05", "ElicitSlot ReturnDate",
			"A rental can last up to 30 days, and Friday 5 March 2027 to Monday 5 April 2027 is 31. The car would have to be back by Sunday 4 April 2027.",
			SlotReturnDate, ""},
		{"type synonym", "", "7 seater", "", "", "Delegate", "", SlotCarType, "van"},
		{"type in capitals", "", "SUV", "", "", "Delegate", "", SlotCarType, "suv"},
		{"unknown type", "", "tractor", "", "", "ElicitSlot CarType", "we don't rent \"tractor\" cars", SlotCarType, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.handle(bookCar(e, "validation", DialogCodeHook, ConfirmationNone, tc.city, tc.typ, tc.pickup, tc.ret, nil))
			if got := action(resp); got != tc.action {
				t.Fatalf("action %s, want %s (%q)", got, tc.action, content(resp))
			}
			if !strings.Contains(content(resp), tc.says) {
				t.Errorf("says %q, want %q", content(resp), tc.says)
			}
			if tc.normalised != "" {
				if got := slotText(*resp.SessionState.Intent, tc.normalised); got != tc.wantNormalize {
					t.Errorf("slot %s = %q, want %q", tc.normalised, got, tc.wantNormalize)
				}
			}
		})
	}
}

// TestNothingFree: when no car of the type is free, the bot offers the
// types that are, with prices (ElicitSlot CarType), or the nearest later
// dates for the type (ElicitSlot PickupDate) where no other type is free.
func TestNothingFree(t *testing.T) {
	e := newEnv(t, fixture)
	e.book(bob, "ber-suv-1", "2027-03-01", "2027-03-10") // Berlin's only SUV
	e.book(bob, "lax-van-1", "2027-03-01", "2027-03-10") // Los Angeles' only car

	resp := e.handle(bookCar(e, "s1", DialogCodeHook, ConfirmationNone, "Berlin", "suv", "2027-03-05", "2027-03-08", nil))
	if action(resp) != "ElicitSlot CarType" {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	for _, want := range []string{
		"Sorry, no SUV is free at Berlin Hauptbahnhof from Friday 5 March 2027 to Monday 8 March 2027.",
		"Free for your dates (3 days): economy from €117.00 and luxury from €597.00.",
		"The nearest dates with a free SUV: pick-up Wednesday 10 March 2027, return Saturday 13 March 2027 (3 days for €267.00).",
		"Which type would you like?",
	} {
		if !strings.Contains(content(resp), want) {
			t.Errorf("says %q, want %q", content(resp), want)
		}
	}
	if resp.SessionState.Intent.Slots[SlotCarType] != nil {
		t.Error("CarType is not emptied")
	}
	// The free types are buttons too; their values are CarTypes values.
	if got, want := cards(resp), []string{"Free for your dates: Economy from €117.00=economy, Luxury from €597.00=luxury"}; !slices.Equal(got, want) {
		t.Errorf("cards %q, want %q", got, want)
	}

	resp = e.handle(bookCar(e, "s2", DialogCodeHook, ConfirmationNone, "Los Angeles", "van", "2027-03-05", "2027-03-08", nil))
	if action(resp) != "ElicitSlot PickupDate" ||
		!strings.Contains(content(resp), "pick-up Wednesday 10 March 2027, return Saturday 13 March 2027 (3 days for $360.00). When would you like to pick up the car?") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	in := resp.SessionState.Intent
	if in.Slots[SlotPickupDate] != nil || in.Slots[SlotReturnDate] != nil {
		t.Error("the dates are not emptied")
	}

	// No car of the type at all at the location.
	resp = e.handle(bookCar(e, "s3", DialogCodeHook, ConfirmationNone, "Auckland", "luxury", "2027-03-05", "2027-03-08", nil))
	if action(resp) != "ElicitSlot CarType" || !strings.Contains(content(resp),
		"Sorry, we have no luxury cars at Auckland Airport. Free for your dates (3 days): compact from NZ$195.00.") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}

	// Nothing at all, and not for weeks.
	e.book(bob, "lax-van-1", "2027-03-10", "2027-04-09")
	e.book(bob, "lax-van-1", "2027-04-09", "2027-05-09")
	resp = e.handle(bookCar(e, "s4", DialogCodeHook, ConfirmationNone, "Los Angeles", "van", "2027-03-05", "2027-03-08", nil))
	if action(resp) != "ElicitSlot PickupDate" || !strings.Contains(content(resp), "Nor in the 28 days after") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
}

// TestQuotedCarTakenMeanwhile: someone books the quoted car between the
// quote and the fulfillment; the bot books the next cheapest free car of
// the type, and when none is left, says so and books nothing.
func TestQuotedCarTakenMeanwhile(t *testing.T) {
	e := newEnv(t, fixture)
	quote := e.handle(bookCar(e, "taken", DialogCodeHook, ConfirmationNone, "Berlin", "economy", "2027-03-05", "2027-03-08", nil))
	if action(quote) != "ConfirmIntent" || quote.SessionState.SessionAttributes[attrQuoteCar] != "ber-eco-1" {
		t.Fatalf("%s %q %v", action(quote), content(quote), quote.SessionState.SessionAttributes)
	}
	e.book(bob, "ber-eco-1", "2027-03-06", "2027-03-07")

	attrs := quote.SessionState.SessionAttributes
	resp := e.handle(bookCar(e, "taken", FulfillmentCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", attrs))
	if state(resp) != Fulfilled || !strings.Contains(content(resp), "Corolla ber-eco-2") || !strings.Contains(content(resp), "€123.00") {
		t.Fatalf("%s %q", state(resp), content(resp))
	}
	if got := e.bookings(alice); len(got) != 1 || got[0].CarID != "ber-eco-2" || got[0].Email != alice+"@example.com" {
		t.Fatalf("alice's bookings (with her token's address for the notices): %+v", got)
	}
	// Lex retries the fulfillment: the quoted car is still taken, the
	// fallback car is now alice's; the same booking comes back.
	again := e.handle(bookCar(e, "taken", FulfillmentCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", attrs))
	if content(again) != content(resp) || len(e.bookings(alice)) != 1 {
		t.Fatalf("repeat: %q; alice has %d bookings", content(again), len(e.bookings(alice)))
	}
	// Alice changes that booking on the website, then the same
	// confirmation comes again: nothing new is booked, and she is told why
	// (not a function error).
	mine := e.bookings(alice)[0]
	later := rental.MustDate("2027-03-09")
	if _, err := e.svc.UpdateBooking(context.Background(), alice, mine.ID, rental.BookingChange{Return: &later}, nil); err != nil {
		t.Fatal(err)
	}
	changed := e.handle(bookCar(e, "taken", FulfillmentCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", attrs))
	if state(changed) != Failed || !strings.Contains(content(changed), "has been changed since") || len(e.bookings(alice)) != 1 {
		t.Fatalf("after a change: %s %q; alice has %d bookings", state(changed), content(changed), len(e.bookings(alice)))
	}

	// Another session, both economy cars gone by fulfillment time.
	quote = e.handle(bookCar(e, "gone", DialogCodeHook, ConfirmationNone, "Berlin", "economy", "2027-04-05", "2027-04-08", nil))
	e.book(bob, "ber-eco-1", "2027-04-05", "2027-04-06")
	e.book(bob, "ber-eco-2", "2027-04-07", "2027-04-08")
	resp = e.handle(bookCar(e, "gone", FulfillmentCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-04-05", "2027-04-08",
		quote.SessionState.SessionAttributes))
	if action(resp) != "Close" || state(resp) != Failed || !strings.Contains(content(resp), "were all booked by others") {
		t.Fatalf("%s %s %q", action(resp), state(resp), content(resp))
	}
	if n := len(e.bookings(alice)); n != 1 {
		t.Fatalf("alice has %d bookings, want 1", n)
	}
}

// TestQuoteFromTheClientIsChecked: the quote lives in session attributes,
// which the client can write; a quote for a car of another type or place
// is ignored and the bot books what the slots say.
func TestQuoteFromTheClientIsChecked(t *testing.T) {
	e := newEnv(t, fixture)
	attrs := map[string]string{attrQuoteCar: "ber-lux-1", attrQuoteFor: "BER|economy|2027-03-05/2027-03-08", attrQuoteRef: "x"}
	resp := e.handle(bookCar(e, "forged-quote", FulfillmentCodeHook, Confirmed, "Berlin", "economy", "2027-03-05", "2027-03-08", attrs))
	if state(resp) != Fulfilled {
		t.Fatalf("%s %q", state(resp), content(resp))
	}
	if got := e.bookings(alice); len(got) != 1 || got[0].CarID != "ber-eco-1" {
		t.Fatalf("alice's bookings: %+v", got)
	}
}

// TestConfirmationFlow: a "yes" delegates to fulfillment, unless the slots
// are not what was quoted; a "no" closes and forgets the quote.
func TestConfirmationFlow(t *testing.T) {
	e := newEnv(t, fixture)
	quote := e.handle(bookCar(e, "c", DialogCodeHook, ConfirmationNone, "Berlin", "economy", "2027-03-05", "2027-03-08", nil))
	attrs := quote.SessionState.SessionAttributes

	// The question comes with a card whose buttons answer it.
	if got, want := cards(quote), []string{"Shall I book it?: Yes=yes, No=no"}; !slices.Equal(got, want) {
		t.Errorf("quote's cards %q, want %q", got, want)
	}

	yes := e.handle(bookCar(e, "c", DialogCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", attrs))
	if action(yes) != "Delegate" || state(yes) != ReadyForFulfillment {
		t.Fatalf("yes: %s %s", action(yes), state(yes))
	}
	// Confirmed, but the slots are not what was quoted: quote again.
	other := e.handle(bookCar(e, "c", DialogCodeHook, Confirmed, "Berlin Hauptbahnhof", "luxury", "2027-03-05", "2027-03-08", attrs))
	if action(other) != "ConfirmIntent" || !strings.Contains(content(other), "luxury") {
		t.Fatalf("changed slots: %s %q", action(other), content(other))
	}
	// Confirmed without a quote (the client dropped the session
	// attributes, or Lex asked its own confirmation prompt): on to
	// fulfillment, rather than the same question again.
	lost := e.handle(bookCar(e, "c", DialogCodeHook, Confirmed, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", nil))
	if action(lost) != "Delegate" || state(lost) != ReadyForFulfillment {
		t.Fatalf("no quote: %s %s", action(lost), state(lost))
	}
	no := e.handle(bookCar(e, "c", DialogCodeHook, Denied, "Berlin Hauptbahnhof", "economy", "2027-03-05", "2027-03-08", attrs))
	if action(no) != "Close" || state(no) != Failed || no.SessionState.SessionAttributes[attrQuoteCar] != "" {
		t.Fatalf("no: %s %s %v", action(no), state(no), no.SessionState.SessionAttributes)
	}
	if n := e.bookingItems(); n != 0 {
		t.Fatalf("%d bookings after the dialog alone", n)
	}
}

// myBookings and cancelBooking are the events of the other two intents.
func myBookingsEvent(e *env, user string) Event {
	return Event{MessageVersion: "1.0", InvocationSource: FulfillmentCodeHook, SessionID: "mb",
		SessionState: SessionState{SessionAttributes: map[string]string{AttrIDToken: e.token(user)},
			Intent: &Intent{Name: IntentMyBookings, Slots: map[string]*Slot{}, State: ReadyForFulfillment, ConfirmationState: ConfirmationNone}}}
}

func cancelEvent(e *env, source string, conf ConfirmationState, ref, pickup string) Event {
	slots := map[string]*Slot{SlotBookingRef: nil, SlotPickupDate: nil}
	if ref != "" {
		slots[SlotBookingRef] = &Slot{Shape: "Scalar", Value: &Value{OriginalValue: ref, InterpretedValue: ref}}
	}
	if pickup != "" {
		slots[SlotPickupDate] = &Slot{Shape: "Scalar", Value: &Value{OriginalValue: pickup, InterpretedValue: pickup}}
	}
	return Event{MessageVersion: "1.0", InvocationSource: source, SessionID: "cb",
		SessionState: SessionState{SessionAttributes: map[string]string{AttrIDToken: e.token(alice)},
			Intent: &Intent{Name: IntentCancelBooking, Slots: slots, State: InProgress, ConfirmationState: conf}}}
}

func TestMyBookings(t *testing.T) {
	e := newEnv(t, fixture)
	resp := e.handle(myBookingsEvent(e, alice))
	if action(resp) != "Close" || state(resp) != Fulfilled || !strings.Contains(content(resp), "You have no upcoming bookings") {
		t.Fatalf("%s %s %q", action(resp), state(resp), content(resp))
	}

	later := e.book(alice, "akl-cmp-1", "2027-05-01", "2027-05-03")
	sooner := e.book(alice, "ber-lux-1", "2026-12-20", "2026-12-22")
	started := e.book(alice, "ber-eco-1", "2026-11-30", "2026-12-02") // picked up today
	e.book(alice, "ber-eco-2", "2026-12-01", "2026-12-02")
	e.clock.Set(storetest.Start.Add(24 * time.Hour)) // the last one starts today, the one before runs on
	ended := e.book(alice, "lax-van-1", "2026-12-05", "2026-12-06")
	if _, err := e.svc.CancelBooking(t.Context(), alice, ended.ID, nil); err != nil { // cancelled: not listed
		t.Fatal(err)
	}
	e.book(bob, "ber-suv-1", "2027-01-01", "2027-01-02") // bob's: not listed

	resp = e.handle(myBookingsEvent(e, alice))
	got := content(resp)
	want := []string{
		"You have 4 upcoming bookings:",
		"Monday 30 November 2026 to Wednesday 2 December 2026: Toyota Corolla ber-eco-1 at Berlin Hauptbahnhof, €78.00 (booking " + started.ID + "), under way",
		"Tuesday 1 December 2026 to Wednesday 2 December 2026: Toyota Corolla ber-eco-2 at Berlin Hauptbahnhof, €41.00",
		"Sunday 20 December 2026 to Tuesday 22 December 2026: Toyota Corolla ber-lux-1 at Berlin Hauptbahnhof, €398.00 (booking " + sooner.ID + ")",
		"Saturday 1 May 2027 to Monday 3 May 2027: Toyota Corolla akl-cmp-1 at Auckland Airport, NZ$130.00 (booking " + later.ID + ")",
	}
	last := -1
	for _, w := range want {
		i := strings.Index(got, w)
		if i < 0 {
			t.Fatalf("says %q\nwant %q", got, w)
		}
		if i < last {
			t.Errorf("%q is out of order", w)
		}
		last = i
	}
	if strings.Contains(got, ended.ID) {
		t.Error("a cancelled booking is listed")
	}
}

func TestCancelBooking(t *testing.T) {
	e := newEnv(t, fixture)

	// None.
	resp := e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", ""))
	if action(resp) != "Close" || !strings.Contains(content(resp), "You have no upcoming bookings to cancel.") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}

	// One: no need to ask which.
	first := e.book(alice, "ber-eco-1", "2027-03-05", "2027-03-08")
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", ""))
	if action(resp) != "ConfirmIntent" || !strings.Contains(content(resp), "Shall I cancel booking "+first.ID+
		": Toyota Corolla ber-eco-1 at Berlin Hauptbahnhof, Friday 5 March 2027 to Monday 8 March 2027 (3 days, €117.00)?") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	if got := slotText(*resp.SessionState.Intent, SlotBookingRef); got != first.ID {
		t.Errorf("BookingRef = %q, want the chosen booking %s", got, first.ID)
	}

	// Two on different days: ask for the day; one day named: that one.
	second := e.book(alice, "ber-lux-1", "2027-04-01", "2027-04-02")
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", ""))
	if action(resp) != "ElicitSlot PickupDate" || !strings.Contains(content(resp), "Tell me the day it starts.") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", "2027-04-01"))
	if action(resp) != "ConfirmIntent" || !strings.Contains(content(resp), second.ID) {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", "2027-04-02"))
	if action(resp) != "ElicitSlot PickupDate" || !strings.Contains(content(resp), "You have no booking that starts on Friday 2 April 2027.") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}

	// Two on the same day: ask for the number.
	third := e.book(alice, "ber-eco-2", "2027-04-01", "2027-04-03")
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "", "2027-04-01"))
	if action(resp) != "ElicitSlot BookingRef" || !strings.Contains(content(resp), "Tell me its booking number.") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	// By number, as typed: lower case, with spaces.
	typed := strings.ToLower(third.ID[:10] + " " + third.ID[10:])
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, typed, ""))
	if action(resp) != "ConfirmIntent" || !strings.Contains(content(resp), third.ID) {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	resp = e.handle(cancelEvent(e, DialogCodeHook, ConfirmationNone, "01NOSUCHBOOKING0000000000", ""))
	if action(resp) != "ElicitSlot BookingRef" || !strings.Contains(content(resp), "I can't find a booking 01NOSUCHBOOKING0000000000") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}

	// No: nothing changes. Yes: delegate, then fulfillment cancels.
	resp = e.handle(cancelEvent(e, DialogCodeHook, Denied, third.ID, ""))
	if action(resp) != "Close" || !strings.Contains(content(resp), "stays as it is") {
		t.Fatalf("%s %q", action(resp), content(resp))
	}
	resp = e.handle(cancelEvent(e, DialogCodeHook, Confirmed, third.ID, ""))
	if action(resp) != "Delegate" || state(resp) != ReadyForFulfillment {
		t.Fatalf("%s %s", action(resp), state(resp))
	}
	resp = e.handle(cancelEvent(e, FulfillmentCodeHook, Confirmed, third.ID, ""))
	if state(resp) != Fulfilled || !strings.Contains(content(resp), "Done: booking "+third.ID) {
		t.Fatalf("%s %q", state(resp), content(resp))
	}
	if bk, _ := e.svc.GetBooking(t.Context(), alice, third.ID); bk.Status != rental.Cancelled {
		t.Fatalf("status %s", bk.Status)
	}
	resp = e.handle(cancelEvent(e, FulfillmentCodeHook, Confirmed, third.ID, ""))
	if state(resp) != Fulfilled || !strings.Contains(content(resp), "cancelled already") {
		t.Fatalf("second cancel: %s %q", state(resp), content(resp))
	}

	// Another user's booking cannot even be named.
	bobs := e.book(bob, "ber-suv-1", "2027-03-05", "2027-03-06")
	resp = e.handle(cancelEvent(e, FulfillmentCodeHook, Confirmed, bobs.ID, ""))
	if state(resp) != Failed || !strings.Contains(content(resp), "I can't find a booking") {
		t.Fatalf("bob's booking: %s %q", state(resp), content(resp))
	}
	if bk, _ := e.svc.GetBooking(t.Context(), bob, bobs.ID); bk.Status != rental.Confirmed {
		t.Fatal("bob's booking was cancelled")
	}

	// Started: booking_started, in words.
	e.clock.Set(time.Date(2027, 3, 5, 12, 0, 0, 0, time.UTC))
	resp = e.handle(cancelEvent(e, FulfillmentCodeHook, Confirmed, first.ID, ""))
	if state(resp) != Failed || !strings.Contains(content(resp), "started on Friday 5 March 2027, so it can no longer be cancelled") {
		t.Fatalf("started: %s %q", state(resp), content(resp))
	}
}

// TestBookingLimitInWords: a customer who holds the most active bookings
// allowed hears so, with the numbers and how to free a place, and nothing
// is booked.
func TestBookingLimitInWords(t *testing.T) {
	e := newEnv(t, fixture)
	for i := range rental.DefaultBookingLimit {
		p := storetest.Period(3*i+1, 3*i+3)
		e.book(alice, "ber-eco-1", p.Pickup.String(), p.Return.String())
	}
	resp := e.handle(bookCar(e, "hoard", FulfillmentCodeHook, Confirmed, "Berlin", "economy", "2027-03-05", "2027-03-08", nil))
	want := "you already hold 5 active bookings, and one customer may hold at most 5 at once"
	if action(resp) != "Close" || state(resp) != Failed || !strings.Contains(content(resp), want) ||
		!strings.Contains(content(resp), "cancel a booking") {
		t.Fatalf("%s %s %q, want it to say %q", action(resp), state(resp), content(resp), want)
	}
	if n := len(e.bookings(alice)); n != rental.DefaultBookingLimit {
		t.Fatalf("alice has %d bookings, want %d", n, rental.DefaultBookingLimit)
	}
}
