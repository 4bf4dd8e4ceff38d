package lexbot

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// chat plays Lex's part of a conversation: it keeps the session state that
// the bot's responses set, turns each user utterance into the event Lex
// would send (the slot Lex filled from it, or the yes/no answer to a
// confirmation), calls the fulfillment code hook when the dialog hook
// delegates with ReadyForFulfillment, and writes down the transcript.
type chat struct {
	e       *env
	session string
	intent  Intent
	attrs   map[string]string
	lines   []string
	last    Response
}

func newChat(e *env, session, intentName, token string, slotNames ...string) *chat {
	c := &chat{e: e, session: session, attrs: map[string]string{AttrIDToken: token},
		intent: Intent{Name: intentName, Slots: map[string]*Slot{}, State: InProgress, ConfirmationState: ConfirmationNone}}
	for _, n := range slotNames {
		c.intent.Slots[n] = nil
	}
	return c
}

// fill is what Lex recognised in an utterance: slot values (original,
// interpreted) and, after ConfirmIntent, the answer.
type fill struct {
	slots   map[string][2]string
	confirm ConfirmationState
}

// say sends one user turn and returns the bot's answer, following a
// ReadyForFulfillment delegation with the fulfillment call as Lex does.
func (c *chat) say(utterance string, f fill) Response {
	c.e.t.Helper()
	c.lines = append(c.lines, "user: "+utterance)
	in := c.intent
	in.Slots = maps.Clone(c.intent.Slots)
	for name, v := range f.slots {
		resolved := []string{v[1]}
		if name == SlotPickupCity {
			resolved = nil // AMAZON.City does not resolve
		}
		in.Slots[name] = &Slot{Shape: "Scalar", Value: &Value{OriginalValue: v[0], InterpretedValue: v[1], ResolvedValues: resolved}}
	}
	if f.confirm != "" {
		in.ConfirmationState = f.confirm
	}
	resp := c.send(DialogCodeHook, utterance, in)
	if resp.SessionState.DialogAction.Type == Delegate && state(resp) == ReadyForFulfillment {
		ready := *resp.SessionState.Intent
		resp = c.send(FulfillmentCodeHook, utterance, ready)
	}
	return resp
}

func (c *chat) send(source, utterance string, in Intent) Response {
	c.e.t.Helper()
	ev := Event{MessageVersion: "1.0", InvocationSource: source, InputMode: "Text",
		ResponseContentType: "text/plain; charset=utf-8", SessionID: c.session, InputTranscript: utterance,
		Bot:          BotInfo{ID: "QX7Z4NP2VB", Name: "CarRentalBot-test", AliasID: "TSTALIASID", LocaleID: "en_US", Version: "1"},
		SessionState: SessionState{SessionAttributes: maps.Clone(c.attrs), Intent: &in}}
	resp := c.e.handle(ev)
	if resp.SessionState.Intent != nil {
		c.intent = *resp.SessionState.Intent
	}
	c.attrs = resp.SessionState.SessionAttributes
	da := resp.SessionState.DialogAction
	switch {
	case len(resp.Messages) > 0:
		c.lines = append(c.lines, fmt.Sprintf("bot [%s]: %s", action(resp), content(resp)))
	case da.Type == Delegate && state(resp) == ReadyForFulfillment:
		c.lines = append(c.lines, "bot [Delegate, ReadyForFulfillment]: (Lex calls the fulfillment code hook)")
	case da.Type == Delegate:
		next := ""
		for _, n := range []string{SlotPickupCity, SlotPickupDate, SlotReturnDate, SlotCarType} {
			if s, ok := c.intent.Slots[n]; ok && s == nil {
				next = n
				break
			}
		}
		c.lines = append(c.lines, fmt.Sprintf("bot [Delegate, %s]: (Lex asks for %s with the bot's prompt)", source, next))
	}
	c.last = resp
	return resp
}

func (c *chat) transcript() string { return strings.Join(c.lines, "\n") }

// TestBookCarConversation plays a whole booking as Lex would send it, turn
// by turn: slots one by one, an unknown city corrected, a return before the
// pick-up corrected, the quote, "yes", fulfillment. It ends with exactly one
// booking in DynamoDB Local, for the token's user, of the quoted car.
func TestBookCarConversation(t *testing.T) {
	e := newEnv(t, fixture)
	c := newChat(e, "conversation-1", IntentBookCar, e.token(alice), SlotPickupCity, SlotPickupDate, SlotReturnDate, SlotCarType)
	one := func(slot, original, interpreted string) fill {
		return fill{slots: map[string][2]string{slot: {original, interpreted}}}
	}

	steps := []struct {
		say    string
		fill   fill
		action string
		says   string
	}{
		{"I'd like to rent a car", fill{}, "Delegate", ""},
		{"Munich", one(SlotPickupCity, "Munich", "Munich"), "ElicitSlot PickupCity",
			"Sorry, we have no rental station in Munich. We serve Auckland, Berlin and Los Angeles."},
		{"berlin then", one(SlotPickupCity, "berlin", "berlin"), "Delegate", ""},
		{"next friday", one(SlotPickupDate, "next friday", "2026-12-04"), "Delegate", ""},
		{"December 1st", one(SlotReturnDate, "December 1st", "2026-12-01"), "ElicitSlot ReturnDate",
			"The return has to be after the pick-up on Friday 4 December 2026"},
		{"the monday after", one(SlotReturnDate, "the monday after", "2026-12-07"), "Delegate", ""},
		{"something cheap", one(SlotCarType, "something cheap", "cheap"), "ConfirmIntent",
			"The best price for an economy car at Berlin Hauptbahnhof is a Toyota Corolla ber-eco-1 (5 seats, automatic). " +
				"Pick-up Friday 4 December 2026, return Monday 7 December 2026: 3 days, €117.00 in total. Shall I book it?"},
		{"yes", fill{confirm: Confirmed}, "Close", "Done! Your economy Toyota Corolla ber-eco-1 at Berlin Hauptbahnhof is booked"},
	}
	for i, s := range steps {
		resp := c.say(s.say, s.fill)
		if got := action(resp); got != s.action {
			t.Fatalf("turn %d (%q): action %s, want %s\n%s", i+1, s.say, got, s.action, c.transcript())
		}
		if !strings.Contains(content(resp), s.says) {
			t.Fatalf("turn %d (%q): says %q, want %q\n%s", i+1, s.say, content(resp), s.says, c.transcript())
		}
	}
	if state(c.last) != Fulfilled {
		t.Fatalf("ended %s\n%s", state(c.last), c.transcript())
	}
	t.Logf("transcript:\n%s", c.transcript())

	got := e.bookings(alice)
	if len(got) != 1 {
		t.Fatalf("alice has %d bookings, want 1", len(got))
	}
	bk := got[0]
	want := rental.Period{Pickup: rental.MustDate("2026-12-04"), Return: rental.MustDate("2026-12-07")}
	if bk.CarID != "ber-eco-1" || bk.Period != want || bk.Total != (rental.Money{Amount: 11700, Currency: "EUR"}) ||
		bk.Status != rental.Confirmed {
		t.Errorf("booking = %+v", bk)
	}
	if !strings.Contains(content(c.last), bk.ID) {
		t.Errorf("the closing message does not name booking %s: %q", bk.ID, content(c.last))
	}
	if n := e.bookingItems(); n != 1 {
		t.Fatalf("the table holds %d bookings, want 1", n)
	}
	if _, ok := c.attrs[attrQuoteCar]; ok {
		t.Error("the quote is still in the session after fulfillment")
	}
	if strings.Contains(e.logBuf.String(), c.attrs[AttrIDToken]) {
		t.Error("the log contains the ID token")
	}
}
