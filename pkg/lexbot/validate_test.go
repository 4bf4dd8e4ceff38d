package lexbot

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	intent := func(state IntentState) *Intent {
		return &Intent{Name: IntentBookCar, State: state, ConfirmationState: ConfirmationNone,
			Slots: map[string]*Slot{SlotPickupCity: nil, SlotCarType: {Shape: "Scalar", Value: &Value{InterpretedValue: "economy"}}}}
	}
	msg := []Message{{ContentType: PlainText, Content: "Hello"}}
	ok := []Response{
		{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Fulfilled)}, Messages: msg},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)}},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitSlot, SlotToElicit: SlotPickupCity}, Intent: intent(InProgress)}},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: ConfirmIntent}, Intent: intent(InProgress)}, Messages: msg},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: Delegate}, Intent: intent(ReadyForFulfillment)}},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitIntent}}, Messages: msg},
		{SessionState: SessionState{DialogAction: &DialogAction{Type: ConfirmIntent}, Intent: intent(InProgress)},
			Messages: append(msg, Message{ContentType: ImageResponseCard, ImageResponseCard: &ResponseCard{Title: "Book it?",
				Buttons: []Button{{Text: "Yes", Value: "yes"}, {Text: "No", Value: "no"}}}})},
	}
	for i, r := range ok {
		if err := Validate(r); err != nil {
			t.Errorf("ok[%d]: %v", i, err)
		}
	}

	bad := []struct {
		r    Response
		want string
	}{
		{Response{}, "dialogAction is required"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: "Finish"}, Intent: intent(Fulfilled)}}, `"Finish" is not`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitSlot}, Intent: intent(InProgress)}}, "needs dialogAction.slotToElicit"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitSlot, SlotToElicit: "Colour"}, Intent: intent(InProgress)}}, `"Colour" is not a slot`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}}}, "needs sessionState.intent with a name"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Delegate}, Intent: &Intent{}}}, "needs sessionState.intent with a name"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(InProgress)}}, "Close needs intent.state Fulfilled or Failed"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: ConfirmIntent}, Intent: intent(InProgress)}}, "ConfirmIntent needs messages"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitIntent}}}, "ElicitIntent needs messages"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Delegate}, Intent: intent("Done")}}, `"Done" is not a Lex V2 intent state`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Delegate},
			Intent: &Intent{Name: "X", ConfirmationState: "Yes"}}}, `"Yes" is not Confirmed`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Delegate},
			Intent: &Intent{Name: "X", Slots: map[string]*Slot{"S": {Shape: "Scalar", Value: &Value{OriginalValue: "x"}}}}}}, "slot S: a filled slot needs value.interpretedValue"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: ElicitSlot, SlotToElicit: SlotPickupCity, SlotElicitationStyle: "Loud"},
			Intent: intent(InProgress)}}, `slotElicitationStyle "Loud"`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed),
			SessionAttributes: map[string]string{"": "x"}}}, "empty name"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: PlainText}}}, "PlainText content is empty"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: PlainText, Content: strings.Repeat("x", MaxMessageLength+1)}}}, "more than 1024"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: "Markdown", Content: "x"}}}, `contentType "Markdown"`},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: ImageResponseCard}}}, "without imageResponseCard"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: ImageResponseCard, ImageResponseCard: &ResponseCard{}}}}, "card title has 0 characters"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: ImageResponseCard, ImageResponseCard: &ResponseCard{Title: "t",
				Buttons: make([]Button, 6)}}}}, "6 buttons, more than 5"},
		{Response{SessionState: SessionState{DialogAction: &DialogAction{Type: Close}, Intent: intent(Failed)},
			Messages: []Message{{ContentType: ImageResponseCard, ImageResponseCard: &ResponseCard{Title: "t",
				Buttons: []Button{{Text: strings.Repeat("x", 51), Value: "x"}}}}}}, "buttons[0].text has 51 characters"},
	}
	for i, tc := range bad {
		err := Validate(tc.r)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("bad[%d]: %v, want an error with %q", i, err, tc.want)
		}
	}
}
