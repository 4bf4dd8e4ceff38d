package lexbot

import (
	"maps"
	"strings"
)

// turn is one invocation of the code hook: the event, the intent and the
// session attributes that the response will carry (copies, so the handler
// may change them), and the verified caller.
type turn struct {
	ev     Event
	intent Intent
	attrs  map[string]string
	user   string // the verified token's sub; "" until identify succeeds
	email  string // its email claim, where a booking's notices go
}

func newTurn(ev Event) *turn {
	t := &turn{ev: ev, attrs: maps.Clone(ev.SessionState.SessionAttributes)}
	if t.attrs == nil {
		t.attrs = map[string]string{}
	}
	delete(t.attrs, "") // Lex refuses it back
	switch {
	case ev.SessionState.Intent != nil:
		t.intent = *ev.SessionState.Intent
	case len(ev.Interpretations) > 0:
		t.intent = ev.Interpretations[0].Intent
	}
	t.intent.Slots = maps.Clone(t.intent.Slots)
	if t.intent.Slots == nil {
		t.intent.Slots = map[string]*Slot{}
	}
	t.intent.KendraResponse = nil // Lex's to send, not ours to return
	return t
}

// fulfilling reports whether Lex called the fulfillment code hook.
func (t *turn) fulfilling() bool { return t.ev.InvocationSource == FulfillmentCodeHook }

// respond builds the response: the session state as it came in (active
// contexts and runtime hints too: a response's session state replaces the
// session's), with our session attributes, the dialog action and, unless
// the action is ElicitIntent, the intent with all its slots (slots left out
// of a response would be emptied).
func (t *turn) respond(action DialogAction, state IntentState, messages ...string) Response {
	r := Response{SessionState: SessionState{
		ActiveContexts:    t.ev.SessionState.ActiveContexts,
		SessionAttributes: t.attrs,
		RuntimeHints:      t.ev.SessionState.RuntimeHints,
		DialogAction:      &action,
	}}
	if action.Type != ElicitIntent {
		in := t.intent
		in.State = state
		in.Slots = wellFormed(in.Slots)
		switch in.ConfirmationState {
		case Confirmed, Denied, ConfirmationNone:
		default: // "", or what Lex would refuse back
			in.ConfirmationState = ConfirmationNone
		}
		r.SessionState.Intent = &in
	}
	for _, m := range messages {
		if m = strings.TrimSpace(m); m != "" {
			r.Messages = append(r.Messages, Message{ContentType: PlainText, Content: clip(m)})
		}
	}
	return r
}

// close ends the intent as Fulfilled or Failed, saying msg.
func (t *turn) close(state IntentState, msg string) Response {
	return t.respond(DialogAction{Type: Close}, state, msg)
}

// elicitSlot asks for slot again, saying why in msg. The intent is no
// longer confirmed: whatever the user confirmed has changed.
func (t *turn) elicitSlot(slot, msg string) Response {
	t.intent.ConfirmationState = ConfirmationNone
	return t.respond(DialogAction{Type: ElicitSlot, SlotToElicit: slot}, InProgress, msg)
}

// confirm asks the yes/no question msg, followed by a card titled title
// whose buttons answer it: a client shows them, and a click sends "yes" or
// "no", which Lex reads as the confirmation.
func (t *turn) confirm(msg, title string) Response {
	t.intent.ConfirmationState = ConfirmationNone
	r := t.respond(DialogAction{Type: ConfirmIntent}, InProgress, msg)
	return withCard(r, ResponseCard{Title: title, Buttons: []Button{{Text: "Yes", Value: "yes"}, {Text: "No", Value: "no"}}})
}

// withCard adds card to r's messages, after the text that asks the
// question; a card without buttons is left out.
func withCard(r Response, card ResponseCard) Response {
	if len(card.Buttons) == 0 {
		return r
	}
	if len(card.Buttons) > MaxButtons {
		card.Buttons = card.Buttons[:MaxButtons]
	}
	r.Messages = append(r.Messages, Message{ContentType: ImageResponseCard, ImageResponseCard: &card})
	return r
}

// delegate lets Lex take the next step: elicit the next empty slot with its
// prompt, or move on to fulfillment when state is ReadyForFulfillment.
func (t *turn) delegate(state IntentState) Response {
	return t.respond(DialogAction{Type: Delegate}, state)
}

// elicitIntent waits for a new request, saying msg.
func (t *turn) elicitIntent(msg string) Response {
	return t.respond(DialogAction{Type: ElicitIntent}, "", msg)
}

// wellFormed is slots with every slot that Lex refuses in a response (a
// value without interpretedValue, say) left unfilled, so that Lex elicits
// it again instead of failing the turn (FuzzLexEvent found the echo).
func wellFormed(slots map[string]*Slot) map[string]*Slot {
	out := make(map[string]*Slot, len(slots))
	for name, s := range slots {
		if validateSlot(s) != nil {
			s = nil
		}
		out[name] = s
	}
	return out
}
