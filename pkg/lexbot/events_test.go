package lexbot

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
)

// eventCases says what the bot answers to each events/lex-*.json, run on
// the sample fleet (seed/fleet.json, as `make run` loads it) at
// storetest.Start (2026-11-30), rendered for that day (${DATE+95} is
// Friday 5 March 2027, ${DATE+98} Monday 8 March) with a valid token of
// alice in place of "${ID_TOKEN}". setup runs first, on the same env.
var eventCases = map[string]struct {
	setup  func(e *env)
	action string      // the dialog action, "ElicitSlot Slot" for ElicitSlot
	state  IntentState // the intent's state; "" for ElicitIntent (no intent)
	says   []string    // substrings of the message; none means Lex's own prompt
	slots  map[string]string
}{
	"lex-book-start.json": {action: "Delegate", state: InProgress},
	"lex-book-city.json": {action: "Delegate", state: InProgress,
		slots: map[string]string{SlotPickupCity: "Berlin Hauptbahnhof"}},
	"lex-book-city-alias.json": {action: "Delegate", state: InProgress,
		slots: map[string]string{SlotPickupCity: "New York Midtown"}},
	"lex-book-city-accents.json": {action: "Delegate", state: InProgress,
		slots: map[string]string{SlotPickupCity: "Munich Airport"}},
	"lex-book-unknown-city.json": {action: "ElicitSlot PickupCity", state: InProgress,
		says: []string{"no rental station in Reykjavik", "We serve Auckland, Berlin, London, Munich, New York, Paris, San Francisco and Sydney.", askCity}},
	"lex-book-past-date.json": {action: "ElicitSlot PickupDate", state: InProgress,
		says: []string{"Sunday 29 November 2026 is in the past", "in Berlin it is Monday 30 November 2026 today"}},
	"lex-book-return-before-pickup.json": {action: "ElicitSlot ReturnDate", state: InProgress,
		says: []string{"after the pick-up on Friday 5 March 2027", "Wednesday 3 March 2027 is not"}},
	"lex-book-too-long.json": {action: "ElicitSlot ReturnDate", state: InProgress,
		says: []string{"up to 30 days", "is 46", "back by Sunday 4 April 2027"}},
	"lex-book-too-far.json": {action: "ElicitSlot PickupDate", state: InProgress,
		says: []string{"Monday 10 January 2028 is too far ahead", "until Tuesday 30 November 2027"}},
	"lex-book-relative-dates.json": {action: "Delegate", state: InProgress,
		slots: map[string]string{SlotPickupDate: "2027-03-05", SlotReturnDate: "2027-03-08"}},
	"lex-book-confirm.json": {action: "ConfirmIntent", state: InProgress,
		says: []string{"economy car at Berlin Hauptbahnhof is a Volkswagen Polo", "Pick-up Friday 5 March 2027",
			"return Monday 8 March 2027", "3 days, €117.00 in total", "Shall I book it?"},
		slots: map[string]string{SlotCarType: "economy", SlotPickupCity: "Berlin Hauptbahnhof"}},
	"lex-book-denied.json":    {action: "Close", state: Failed, says: []string{"haven't booked anything"}},
	"lex-book-confirmed.json": {action: "Delegate", state: ReadyForFulfillment},
	"lex-book-fulfill.json": {action: "Close", state: Fulfilled,
		says: []string{"Volkswagen Polo at Berlin Hauptbahnhof is booked", "€117.00"}},
	"lex-no-token.json": {action: "Close", state: Failed, says: []string{"Please sign in"}},
	"lex-my-bookings.json": {setup: func(e *env) { e.book(alice, "ber-001", "2027-03-05", "2027-03-08") },
		action: "Close", state: Fulfilled,
		says: []string{"one upcoming booking", "Friday 5 March 2027 to Monday 8 March 2027: Volkswagen Polo at Berlin Hauptbahnhof, €117.00"}},
	"lex-cancel-booking.json": {setup: func(e *env) { e.book(alice, "ber-001", "2027-03-05", "2027-03-08") },
		action: "ConfirmIntent", state: InProgress,
		says: []string{"Shall I cancel booking", "Volkswagen Polo at Berlin Hauptbahnhof, Friday 5 March 2027"}},
	"lex-cancel-fulfill.json": {setup: func(e *env) { e.book(alice, "ber-001", "2027-03-05", "2027-03-08") },
		action: "Close", state: Fulfilled, says: []string{"is cancelled"}},
	"lex-fallback.json": {action: "ElicitIntent", says: []string{"I can book a rental car"}},
}

// TestEvents runs the bot on every events/lex-*.json: each must have an
// expectation here, and each answer must follow the Lex V2 response rules
// (env.handle validates).
func TestEvents(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "events", "lex-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events/lex-*.json: %v", err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		seen[name] = true
		tc, ok := eventCases[name]
		if !ok {
			t.Errorf("%s has no expectation in eventCases", name)
			continue
		}
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, sampleFleet)
			if tc.setup != nil {
				tc.setup(e)
			}
			tok := e.token(alice)
			resp := e.handle(readEvent(t, name, tok))
			if got := action(resp); got != tc.action {
				t.Errorf("action = %s, want %s; says %q", got, tc.action, content(resp))
			}
			if got := state(resp); got != tc.state {
				t.Errorf("intent state = %q, want %q", got, tc.state)
			}
			for _, s := range tc.says {
				if !strings.Contains(content(resp), s) {
					t.Errorf("message %q does not say %q", content(resp), s)
				}
			}
			if len(tc.says) == 0 && len(resp.Messages) > 0 && tc.action == "Delegate" {
				t.Errorf("Delegate with a message %q: Lex would not use the bot's prompt", content(resp))
			}
			for slot, want := range tc.slots {
				if got := slotText(*resp.SessionState.Intent, slot); got != want {
					t.Errorf("slot %s = %q, want %q", slot, got, want)
				}
			}
			if name != "lex-no-token.json" && resp.SessionState.SessionAttributes[AttrIDToken] != tok {
				// Dropping it would sign the user out of the conversation.
				t.Error("the response does not hand the idToken session attribute back")
			}
		})
	}
	for name := range eventCases {
		if !seen[name] {
			t.Errorf("eventCases has %s, but events/ does not", name)
		}
	}
}

// TestFulfillmentEventTwice sends events/lex-book-fulfill.json twice, as
// Lex does when it retries: one booking, the same one both times.
func TestFulfillmentEventTwice(t *testing.T) {
	e := newEnv(t, sampleFleet)
	ev := readEvent(t, "lex-book-fulfill.json", e.token(alice))
	first := e.handle(ev)
	second := e.handle(ev)
	if state(first) != Fulfilled || state(second) != Fulfilled {
		t.Fatalf("states %s, %s; says %q / %q", state(first), state(second), content(first), content(second))
	}
	if content(first) != content(second) {
		t.Errorf("the repeat answers another booking:\n%s\n%s", content(first), content(second))
	}
	if got := e.bookings(alice); len(got) != 1 {
		t.Fatalf("alice has %d bookings, want 1", len(got))
	}
	if n := e.bookingItems(); n != 1 {
		t.Fatalf("the table holds %d bookings, want 1", n)
	}
}
