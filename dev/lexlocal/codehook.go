package lexlocal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/pkg/lexbot"
)

// invoke calls the code hook as Lex calls the alias's Lambda function: the
// event of "AWS Lambda input event format for Lex V2" as JSON, the
// response read back from JSON and held to "AWS Lambda response format for
// Lex V2" (lexbot.Validate) and to the bot (the intent and the slot to
// elicit must be the locale's). An error, a timeout or a response Lex
// would refuse is a DependencyFailedException, as Lex answers them.
func (t *turn) invoke(ctx context.Context, source string, in *intent) (lexbot.Response, *apiError) {
	ev := lexbot.Event{
		MessageVersion: "1.0", InvocationSource: source, InputMode: "Text",
		ResponseContentType: "text/plain; charset=utf-8", SessionID: t.session, InputTranscript: t.text,
		Bot: lexbot.BotInfo{ID: t.bot.ID, Name: t.bot.Name, AliasID: t.alias.ID, AliasName: t.alias.Name,
			LocaleID: t.locale.id, Version: t.alias.Version},
		RequestAttributes: t.reqAttrs,
		SessionState:      clone(t.state),
	}
	for _, i := range t.interps {
		ev.Interpretations = append(ev.Interpretations, eventInterpretation(i))
	}
	if source == lexbot.DialogCodeHook {
		ev.ProposedNextState = t.proposed(in)
	}
	var sent lexbot.Event // what the function receives: the event as JSON
	if err := roundTrip(ev, &sent); err != nil {
		return lexbot.Response{}, dependencyFailed("the code-hook event does not encode: %v", err)
	}

	ctx, cancel := context.WithTimeout(ctx, codeHookTimeout)
	defer cancel()
	ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: newID(),
		InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:lex-code-hook"})
	resp, err := t.hook(ctx, sent)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return lexbot.Response{}, dependencyFailed("Lambda function timed out after %s", codeHookTimeout)
	}
	if err != nil {
		return lexbot.Response{}, dependencyFailed("Received error response from Lambda: %v", err)
	}
	var got lexbot.Response // what Lex receives: the response as JSON
	if err := roundTrip(resp, &got); err != nil {
		return lexbot.Response{}, dependencyFailed("Invalid Lambda Response: %v", err)
	}
	if err := t.checkResponse(got); err != nil {
		return lexbot.Response{}, dependencyFailed("Invalid Lambda Response: %v", err)
	}
	return got, nil
}

// checkResponse holds a code hook's response to the response rules and to
// the bot.
func (t *turn) checkResponse(r lexbot.Response) error {
	if err := lexbot.Validate(r); err != nil {
		return err
	}
	if r.SessionState.DialogAction.Type == lexbot.ElicitIntent {
		return nil
	}
	in := t.locale.intentNamed(r.SessionState.Intent.Name)
	if in == nil {
		return fmt.Errorf("intent %q is not an intent of locale %s", r.SessionState.Intent.Name, t.locale.id)
	}
	for name := range r.SessionState.Intent.Slots {
		if in.byName[name] == nil {
			return fmt.Errorf("slot %q is not a slot of intent %s", name, in.name)
		}
	}
	if da := r.SessionState.DialogAction; da.Type == lexbot.ElicitSlot && in.byName[da.SlotToElicit] == nil {
		return fmt.Errorf("slotToElicit %q is not a slot of intent %s", da.SlotToElicit, in.name)
	}
	return nil
}

// proposed is what Lex would do next if the dialog code hook delegates:
// elicit the first empty required slot, or ask the confirmation prompt.
// Nil when the next step is fulfillment.
func (t *turn) proposed(in *intent) *lexbot.ProposedNextState {
	cur := t.state.Intent
	var da lexbot.DialogAction
	switch s := in.nextSlot(cur.Slots); {
	case s != nil:
		da = lexbot.DialogAction{Type: lexbot.ElicitSlot, SlotToElicit: s.name}
	case in.confirmation != nil && (cur.ConfirmationState == "" || cur.ConfirmationState == lexbot.ConfirmationNone):
		da = lexbot.DialogAction{Type: lexbot.ConfirmIntent}
	default:
		return nil
	}
	attempt := "Initial"
	if t.sess.retries > 0 {
		attempt = fmt.Sprintf("Retry%d", t.sess.retries)
	}
	p, _ := json.Marshal(map[string]string{"attempt": attempt})
	return &lexbot.ProposedNextState{DialogAction: da, Intent: cloneIntent(*cur), Prompt: p}
}

// prompted is a configured prompt's messages with {Slot} replaced by the
// slot's interpreted value, as Lex fills prompts ("Shall I book a
// {CarType} car in {PickupCity}?"); a slot that is empty leaves its
// reference as it is.
func (t *turn) prompted(ms []lexbot.Message) []lexbot.Message {
	out := make([]lexbot.Message, 0, len(ms))
	for _, m := range ms {
		if t.state.Intent != nil && m.Content != "" {
			m.Content = slotRef.ReplaceAllStringFunc(m.Content, func(ref string) string {
				if s := t.state.Intent.Slots[strings.Trim(ref, "{}")]; s != nil && s.Value != nil {
					return s.Value.InterpretedValue
				}
				return ref
			})
		}
		out = append(out, m)
	}
	return out
}

// roundTrip copies v into out through JSON.
func roundTrip(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// cloneIntent is a deep copy of in.
func cloneIntent(in lexbot.Intent) lexbot.Intent {
	var out lexbot.Intent
	if err := roundTrip(in, &out); err != nil {
		panic("lexlocal: an intent does not round-trip through JSON: " + err.Error())
	}
	return out
}
