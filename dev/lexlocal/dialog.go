package lexlocal

import (
	"context"
	"time"

	"github.com/carrental/backend/pkg/lexbot"
)

// A turn of the conversation, as Lex V2 runs one ("Understanding Amazon
// Lex V2 bot sessions", "Enabling custom logic with AWS Lambda
// functions" in the developer guide):
//
//  1. What the user answers depends on what the last turn asked
//     (sessionState.dialogAction): the value of the slot it elicited, yes
//     or no to a confirmation, or a new request. A sample utterance of
//     another intent switches to that intent at any point. An answer that
//     is not understood repeats the prompt; after the prompt's MaxRetries
//     repeats, AMAZON.FallbackIntent takes over.
//  2. The intent then runs: its dialog code hook, when it enables one,
//     decides the next step (its response's dialog action), else Lex does
//     (Delegate): elicit the first empty required slot in priority order
//     with the slot's prompt, ask the intent's confirmation prompt, say its
//     declination response after a no, or fulfil: the fulfillment code
//     hook, when enabled, then Close.

// turn is one RecognizeText on a session.
type turn struct {
	target
	sess      *session
	text      string
	tokens    []token // the utterance, folded for matching
	rc        resolveContext
	reqAttrs  map[string]string
	requestID string
	// state is the session state being worked on; messages what the bot
	// says this turn.
	state    lexbot.SessionState
	messages []lexbot.Message
	interps  []interpretation
}

// codeHookTimeout is how long Lex waits for the code hook.
const codeHookTimeout = 30 * time.Second

func newTurn(t target, sess *session, text string, reqAttrs map[string]string, requestID string, now time.Time) *turn {
	loc := time.UTC
	if tz := reqAttrs["x-amz-lex:time-zone"]; tz != "" {
		if l, err := time.LoadLocation(tz); err == nil {
			loc = l
		}
	}
	st := clone(sess.state)
	if st.SessionAttributes == nil {
		st.SessionAttributes = map[string]string{}
	}
	return &turn{target: t, sess: sess, text: text, tokens: forMatching(tokenize(text)),
		rc: resolveContext{today: dayOf(now.In(loc)), localeID: t.locale.id}, reqAttrs: reqAttrs, requestID: requestID, state: st}
}

// override applies the session state that the client sent with the
// request: each part it carries replaces the session's (the session
// attributes as a whole, as Lex does: attributes left out are gone), and
// the parts it leaves out stay as they are.
func (t *turn) override(st lexbot.SessionState) {
	st = clone(st)
	if st.SessionAttributes != nil {
		t.state.SessionAttributes = st.SessionAttributes
	}
	if st.ActiveContexts != nil {
		t.state.ActiveContexts = st.ActiveContexts
	}
	if st.RuntimeHints != nil {
		t.state.RuntimeHints = st.RuntimeHints
	}
	if st.Intent != nil {
		if st.Intent.Slots == nil {
			st.Intent.Slots = map[string]*lexbot.Slot{}
		}
		for name := range t.locale.intentNamed(st.Intent.Name).emptySlots() {
			if _, ok := st.Intent.Slots[name]; !ok {
				st.Intent.Slots[name] = nil
			}
		}
		t.state.Intent = st.Intent
	}
	if st.DialogAction != nil {
		t.state.DialogAction = st.DialogAction
	}
}

// run plays the turn and stores its outcome in the session.
func (t *turn) run(ctx context.Context) *apiError {
	if err := t.understand(ctx); err != nil {
		return err
	}
	t.sess.state, t.sess.messages, t.sess.interpretations = t.state, t.messages, t.interps
	return nil
}

// active is the intent in progress that the user is answering, or nil.
func (t *turn) active() *intent {
	in := t.state.Intent
	da := t.state.DialogAction
	if in == nil || da == nil {
		return nil
	}
	switch in.State {
	case "", lexbot.InProgress, lexbot.Waiting:
	default:
		return nil
	}
	switch da.Type {
	case lexbot.ElicitSlot, lexbot.ConfirmIntent, lexbot.Delegate:
		return t.locale.intentNamed(in.Name)
	}
	return nil
}

// understand reads the utterance in the light of what was asked, then
// runs the intent it leads to.
func (t *turn) understand(ctx context.Context) *apiError {
	said, recognized := t.locale.recognize(t.tokens, t.rc)
	in := t.active()
	if in == nil || in.fallback {
		if !recognized {
			return t.start(ctx, understanding{intent: t.locale.fallback})
		}
		return t.start(ctx, said)
	}
	if recognized && said.intent != in {
		return t.start(ctx, said) // a new request in the middle of another
	}
	current := t.state.Intent
	if t.state.DialogAction.Type == lexbot.ConfirmIntent {
		if a := answer(t.tokens); a != "" {
			current.ConfirmationState = a
			return t.proceed(ctx, in)
		}
		if recognized { // the same intent, said again with other values
			t.merge(said.slots)
			current.ConfirmationState = lexbot.ConfirmationNone
			return t.proceed(ctx, in)
		}
		return t.retry(ctx, in, nil)
	}
	if recognized {
		t.merge(said.slots)
		return t.proceed(ctx, in)
	}
	s := in.byName[t.state.DialogAction.SlotToElicit]
	if s == nil { // Delegate (set by PutSession): the next empty slot
		s = in.nextSlot(current.Slots)
	}
	if s != nil {
		if slots, ok := s.fill(t.tokens, t.rc); ok {
			t.merge(slots)
			return t.proceed(ctx, in)
		}
	}
	return t.retry(ctx, in, s)
}

// start begins intent u.intent with the slots the utterance filled.
func (t *turn) start(ctx context.Context, u understanding) *apiError {
	slots := u.intent.emptySlots()
	for name, s := range u.slots {
		slots[name] = s
	}
	t.state.Intent = &lexbot.Intent{Name: u.intent.name, Slots: slots, State: lexbot.InProgress, ConfirmationState: lexbot.ConfirmationNone}
	t.state.DialogAction = nil
	t.state.OriginatingRequestID = t.requestID
	t.sess.retries = 0
	t.interpret(u.intent)
	return t.runIntent(ctx, u.intent)
}

// proceed goes on with the intent in progress after an answer it
// understood.
func (t *turn) proceed(ctx context.Context, in *intent) *apiError {
	t.sess.retries = 0
	t.interpret(in)
	return t.runIntent(ctx, in)
}

// merge fills the current intent's slots with what the utterance gave.
func (t *turn) merge(slots map[string]*lexbot.Slot) {
	for name, s := range slots {
		t.state.Intent.Slots[name] = s
	}
}

// retry repeats the prompt that was not answered (the slot's, or the
// confirmation's), without calling the code hook; after the prompt's
// MaxRetries repeats, the fallback intent takes over.
func (t *turn) retry(ctx context.Context, in *intent, s *slot) *apiError {
	p := in.confirmation
	if s != nil {
		p = &s.prompt
	}
	t.sess.retries++
	if p == nil || t.sess.retries > p.maxRetries {
		return t.start(ctx, understanding{intent: t.locale.fallback})
	}
	t.interpret(in)
	if s != nil {
		return t.elicit(in, s, nil)
	}
	t.say(t.prompted(in.confirmation.messages))
	if len(t.messages) == 0 {
		t.say(t.sess.messages) // no prompt of its own: the question again
	}
	t.state.DialogAction = &lexbot.DialogAction{Type: lexbot.ConfirmIntent}
	return nil
}

// runIntent runs the current intent: its dialog code hook, or Lex's own
// next step.
func (t *turn) runIntent(ctx context.Context, in *intent) *apiError {
	if in.dialogHook && t.hook != nil && t.state.Intent.State != lexbot.ReadyForFulfillment {
		t.state.Intent.State = lexbot.InProgress
		resp, err := t.invoke(ctx, lexbot.DialogCodeHook, in)
		if err != nil {
			return err
		}
		return t.apply(ctx, resp, false)
	}
	return t.delegate(ctx, in)
}

// delegate is Lex's own next step for the intent: elicit the first empty
// required slot, confirm, decline, or fulfil.
func (t *turn) delegate(ctx context.Context, in *intent) *apiError {
	cur := t.state.Intent
	if cur.State == lexbot.ReadyForFulfillment {
		return t.fulfill(ctx, in)
	}
	if s := in.nextSlot(cur.Slots); s != nil {
		return t.elicit(in, s, nil)
	}
	if in.confirmation != nil {
		switch cur.ConfirmationState {
		case lexbot.Confirmed:
		case lexbot.Denied:
			t.say(t.prompted(in.declination))
			return t.close(lexbot.Failed)
		default:
			cur.State = lexbot.InProgress
			t.say(t.prompted(in.confirmation.messages))
			t.state.DialogAction = &lexbot.DialogAction{Type: lexbot.ConfirmIntent}
			return nil
		}
	}
	return t.fulfill(ctx, in)
}

// fulfill calls the fulfillment code hook when the intent enables one;
// without one, the intent is fulfilled with its closing response.
func (t *turn) fulfill(ctx context.Context, in *intent) *apiError {
	t.state.Intent.State = lexbot.ReadyForFulfillment
	if in.fulfillmentHook && t.hook != nil {
		resp, err := t.invoke(ctx, lexbot.FulfillmentCodeHook, in)
		if err != nil {
			return err
		}
		return t.apply(ctx, resp, true)
	}
	t.say(t.prompted(in.closing))
	return t.close(lexbot.Fulfilled)
}

// elicit asks for slot s with msgs, or with its prompt when there are
// none.
func (t *turn) elicit(in *intent, s *slot, msgs []lexbot.Message) *apiError {
	if len(msgs) == 0 {
		msgs = t.prompted(s.prompt.messages)
	}
	t.say(msgs)
	t.state.Intent.State = lexbot.InProgress
	t.state.DialogAction = &lexbot.DialogAction{Type: lexbot.ElicitSlot, SlotToElicit: s.name}
	return nil
}

// close ends the intent in state.
func (t *turn) close(state lexbot.IntentState) *apiError {
	t.state.Intent.State = state
	t.state.DialogAction = &lexbot.DialogAction{Type: lexbot.Close}
	return nil
}

// apply takes a code hook's response (already checked): its session state
// becomes the session's, its messages are said, and its dialog action is
// the next step; Delegate hands it back to Lex.
func (t *turn) apply(ctx context.Context, resp lexbot.Response, fulfilled bool) *apiError {
	origin := t.state.OriginatingRequestID
	t.state = resp.SessionState
	t.state.OriginatingRequestID = origin
	if t.state.SessionAttributes == nil {
		t.state.SessionAttributes = map[string]string{}
	}
	t.say(resp.Messages)
	da := t.state.DialogAction
	if da.Type == lexbot.ElicitIntent {
		return nil
	}
	in := t.locale.intentNamed(t.state.Intent.Name)
	for name := range in.emptySlots() { // a slot the response left out is empty
		if _, ok := t.state.Intent.Slots[name]; !ok {
			if t.state.Intent.Slots == nil {
				t.state.Intent.Slots = map[string]*lexbot.Slot{}
			}
			t.state.Intent.Slots[name] = nil
		}
	}
	switch da.Type {
	case lexbot.Close:
		if len(resp.Messages) == 0 && t.state.Intent.State == lexbot.Fulfilled {
			t.say(t.prompted(in.closing))
		}
	case lexbot.ElicitSlot:
		if len(resp.Messages) == 0 {
			t.say(t.prompted(in.byName[da.SlotToElicit].prompt.messages))
		}
		t.state.Intent.State = lexbot.InProgress
	case lexbot.ConfirmIntent:
		t.state.Intent.State = lexbot.InProgress
	case lexbot.Delegate:
		if fulfilled { // nothing comes after fulfillment: Lex closes
			if t.state.Intent.State != lexbot.Failed {
				t.state.Intent.State = lexbot.Fulfilled
			}
			t.state.DialogAction = &lexbot.DialogAction{Type: lexbot.Close}
			return nil
		}
		return t.delegate(ctx, in)
	}
	return nil
}

// say adds messages to what the bot says this turn.
func (t *turn) say(ms []lexbot.Message) { t.messages = append(t.messages, ms...) }

// interpret records how the utterance was read: the intent, with the
// confidence of an exact match, and the fallback intent, which Lex always
// lists.
func (t *turn) interpret(in *intent) {
	t.interps = nil
	if !in.fallback {
		t.interps = append(t.interps, interpretation{Intent: cloneIntent(*t.state.Intent), NLUConfidence: &confidence{Score: 1},
			InterpretationSource: "Lex"})
	}
	fallback := lexbot.Intent{Name: t.locale.fallback.name, Slots: map[string]*lexbot.Slot{}, State: lexbot.InProgress,
		ConfirmationState: lexbot.ConfirmationNone}
	if in.fallback {
		fallback = cloneIntent(*t.state.Intent)
	}
	t.interps = append(t.interps, interpretation{Intent: fallback, InterpretationSource: "Lex"})
}
