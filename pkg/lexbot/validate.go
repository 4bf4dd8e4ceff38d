package lexbot

import (
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"
)

// MaxMessageLength is the longest message content Lex V2 accepts: the
// runtime API's Message.content has "Length Constraints: Minimum length of
// 1. Maximum length of 1024."
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Message.html
const MaxMessageLength = 1024

// MaxButtons is the most buttons a response card may carry: the runtime
// API's ImageResponseCard.buttons has "Maximum number of 5 items."
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_ImageResponseCard.html
const MaxButtons = 5

// Validate checks r against the rules of "AWS Lambda response format for Lex
// V2" and "Common structures" in the Lex V2 developer guide. Lex rejects a
// response that breaks them at run time, and the user sees only a generic
// failure; the tests pass every response through Validate so that this
// happens in CI instead. The rules:
//
//   - sessionState.dialogAction is present and its type is one of Close,
//     ConfirmIntent, Delegate, ElicitIntent, ElicitSlot;
//   - ElicitSlot names slotToElicit, and when the intent carries its slots,
//     that is one of them; slotElicitationStyle, when set, is Default,
//     SpellByLetter or SpellByWord;
//   - Close, ConfirmIntent, Delegate and ElicitSlot carry the intent, as an
//     object with a name (ElicitIntent may leave it out);
//   - Close sets intent.state Fulfilled or Failed (how the intent ended:
//     Lex's own closing or failure responses follow from it);
//   - ConfirmIntent and ElicitIntent carry at least one message (required
//     by the guide for these two);
//   - intent.state and intent.confirmationState, when set, are values the
//     guide lists;
//   - every filled slot has a value with an interpretedValue (required by
//     the runtime API's Value), or for shape List, values that do;
//   - session attribute names are not empty;
//   - every message has a known contentType; PlainText, SSML and
//     CustomPayload content is 1 to MaxMessageLength characters, and an
//     ImageResponseCard message carries its card: a title of 1 to 250
//     characters, a subtitle and image URL of at most 250, at most
//     MaxButtons buttons, each with a text and a value of 1 to 50
//     characters (the runtime API's ImageResponseCard and Button).
//
// The error joins one error per broken rule.
func Validate(r Response) error {
	var errs []error
	in := r.SessionState.Intent
	if da := r.SessionState.DialogAction; da == nil {
		errs = append(errs, invalid("sessionState.dialogAction is required"))
	} else {
		errs = append(errs, validateDialogAction(*da, in, len(r.Messages))...)
	}
	if in != nil {
		errs = append(errs, validateIntent(*in)...)
	}
	for k := range r.SessionState.SessionAttributes {
		if k == "" {
			errs = append(errs, invalid("a session attribute has an empty name"))
		}
	}
	for i, m := range r.Messages {
		if err := validateMessage(m); err != nil {
			errs = append(errs, invalid("messages[%d]: %v", i, err))
		}
	}
	return errors.Join(errs...)
}

// invalid is the error for one broken rule.
func invalid(format string, args ...any) error {
	return fmt.Errorf("lexbot: "+format, args...)
}

// validateDialogAction checks da's own rules and those it sets for the
// intent in (nil when the response carries none) and for the number of
// messages.
func validateDialogAction(da DialogAction, in *Intent, messages int) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, invalid(format, args...)) }
	if err := validateActionType(da.Type, in); err != nil {
		errs = append(errs, err)
	}
	if da.Type == ElicitSlot {
		if err := validateSlotToElicit(da.SlotToElicit, in); err != nil {
			errs = append(errs, err)
		}
	}
	switch da.SlotElicitationStyle {
	case "", "Default", "SpellByLetter", "SpellByWord":
	default:
		bad("dialogAction.slotElicitationStyle %q is not Default, SpellByLetter or SpellByWord", da.SlotElicitationStyle)
	}
	if da.Type == Close && in != nil && in.State != Fulfilled && in.State != Failed {
		bad("Close needs intent.state Fulfilled or Failed, not %q", in.State)
	}
	if (da.Type == ConfirmIntent || da.Type == ElicitIntent) && messages == 0 {
		bad("dialogAction %s needs messages", da.Type)
	}
	return errs
}

// validateActionType: the type is one of Lex's, and all but ElicitIntent
// carry a named intent.
func validateActionType(t DialogActionType, in *Intent) error {
	switch t {
	case Close, ConfirmIntent, Delegate, ElicitSlot:
		if in == nil || in.Name == "" {
			return invalid("dialogAction %s needs sessionState.intent with a name", t)
		}
	case ElicitIntent:
	default:
		return invalid("dialogAction.type %q is not Close, ConfirmIntent, Delegate, ElicitIntent or ElicitSlot", t)
	}
	return nil
}

// validateSlotToElicit: ElicitSlot names a slot, one of the intent's when
// the intent carries its slots.
func validateSlotToElicit(slot string, in *Intent) error {
	if slot == "" {
		return invalid("ElicitSlot needs dialogAction.slotToElicit")
	}
	if in != nil && in.Slots != nil {
		if _, ok := in.Slots[slot]; !ok {
			return invalid("slotToElicit %q is not a slot of intent %s", slot, in.Name)
		}
	}
	return nil
}

func validateIntent(in Intent) []error {
	var errs []error
	switch in.State {
	case "", Failed, Fulfilled, FulfillmentInProgress, InProgress, ReadyForFulfillment, Waiting:
	default:
		errs = append(errs, invalid("intent.state %q is not a Lex V2 intent state", in.State))
	}
	switch in.ConfirmationState {
	case "", Confirmed, Denied, ConfirmationNone:
	default:
		errs = append(errs, invalid("intent.confirmationState %q is not Confirmed, Denied or None", in.ConfirmationState))
	}
	names := make([]string, 0, len(in.Slots))
	for name := range in.Slots {
		names = append(names, name)
	}
	sort.Strings(names) // stable error order
	for _, name := range names {
		if err := validateSlot(in.Slots[name]); err != nil {
			errs = append(errs, invalid("slot %s: %w", name, err))
		}
	}
	return errs
}

func validateSlot(s *Slot) error {
	if s == nil {
		return nil // unfilled
	}
	if s.Shape == "List" {
		if len(s.Values) == 0 {
			return errors.New("shape List without values")
		}
		for _, v := range s.Values {
			if err := validateSlot(v); err != nil {
				return err
			}
		}
		return nil
	}
	if s.Value == nil || s.Value.InterpretedValue == "" {
		return errors.New("a filled slot needs value.interpretedValue")
	}
	return nil
}

func validateMessage(m Message) error {
	switch m.ContentType {
	case PlainText, SSML, CustomPayload:
		n := utf8.RuneCountInString(m.Content)
		if n == 0 {
			return fmt.Errorf("%s content is empty", m.ContentType)
		}
		if n > MaxMessageLength {
			return fmt.Errorf("content has %d characters, more than %d", n, MaxMessageLength)
		}
	case ImageResponseCard:
		if m.ImageResponseCard == nil {
			return errors.New("ImageResponseCard message without imageResponseCard")
		}
		return validateCard(*m.ImageResponseCard)
	default:
		return fmt.Errorf("contentType %q is not PlainText, SSML, CustomPayload or ImageResponseCard", m.ContentType)
	}
	return nil
}

// validateCard holds a response card to the runtime API's ImageResponseCard
// and Button constraints.
func validateCard(c ResponseCard) error {
	between := func(what, s string, lo, hi int) error {
		if n := utf8.RuneCountInString(s); n < lo || n > hi {
			return fmt.Errorf("card %s has %d characters, want %d to %d", what, n, lo, hi)
		}
		return nil
	}
	errs := []error{between("title", c.Title, 1, 250), between("subtitle", c.Subtitle, 0, 250), between("imageUrl", c.ImageURL, 0, 250)}
	if len(c.Buttons) > MaxButtons {
		errs = append(errs, fmt.Errorf("card has %d buttons, more than %d", len(c.Buttons), MaxButtons))
	}
	for i, b := range c.Buttons {
		errs = append(errs, between(fmt.Sprintf("buttons[%d].text", i), b.Text, 1, 50), between(fmt.Sprintf("buttons[%d].value", i), b.Value, 1, 50))
	}
	return errors.Join(errs...)
}
