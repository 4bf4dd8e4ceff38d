package lexbot

import "encoding/json"

// The types below follow the Lex V2 developer guide's "AWS Lambda input
// event format for Lex V2", "AWS Lambda response format for Lex V2" and
// "Common structures" pages (links in the package comment). The guide warns
// that the input may gain fields without a new messageVersion, so decoding
// ignores unknown fields (encoding/json's default), and parts whose shape
// this package does not read (active contexts, runtime hints, sentiment,
// transcriptions, Kendra responses) are kept as raw JSON: a shape we never
// read cannot fail the decoding of a whole event, and what Lex sent can be
// handed back unchanged.

// Invocation sources: what made Lex call the function.
const (
	// DialogCodeHook: after a user turn, while the intent is in progress.
	DialogCodeHook = "DialogCodeHook"
	// FulfillmentCodeHook: all required slots are filled (and confirmed,
	// when the intent asks for confirmation); the intent should be done now.
	FulfillmentCodeHook = "FulfillmentCodeHook"
)

// DialogActionType is the next step Lex takes after the response.
type DialogActionType string

// The dialog actions of a Lambda response.
const (
	// Close ends the intent; the user is not expected to answer. The
	// intent's state says how it ended (Fulfilled or Failed).
	Close DialogActionType = "Close"
	// ConfirmIntent asks a yes/no question; the next event carries
	// intent.confirmationState Confirmed or Denied.
	ConfirmIntent DialogActionType = "ConfirmIntent"
	// Delegate lets Lex choose the next step from the bot's configuration
	// (elicit the next empty slot by priority, confirm, fulfill).
	Delegate DialogActionType = "Delegate"
	// ElicitIntent waits for an utterance that names a new intent.
	ElicitIntent DialogActionType = "ElicitIntent"
	// ElicitSlot asks for one slot, named by slotToElicit.
	ElicitSlot DialogActionType = "ElicitSlot"
)

// IntentState is the fulfillment state of an intent.
type IntentState string

// The states of an intent.
const (
	Failed                IntentState = "Failed"
	Fulfilled             IntentState = "Fulfilled"
	FulfillmentInProgress IntentState = "FulfillmentInProgress"
	InProgress            IntentState = "InProgress"
	ReadyForFulfillment   IntentState = "ReadyForFulfillment"
	Waiting               IntentState = "Waiting"
)

// ConfirmationState is the user's answer to a confirmation prompt.
type ConfirmationState string

// The confirmation states of an intent.
const (
	Confirmed        ConfirmationState = "Confirmed"
	Denied           ConfirmationState = "Denied"
	ConfirmationNone ConfirmationState = "None" // not asked yet, or no answer
)

// Event is the input event Lex V2 sends to the code hook:
//
//	{"messageVersion":"1.0","invocationSource":"DialogCodeHook",
//	 "inputMode":"Text","responseContentType":"text/plain; charset=utf-8",
//	 "sessionId":"...","inputTranscript":"book a car in Berlin",
//	 "bot":{...},"interpretations":[...],"proposedNextState":{...},
//	 "requestAttributes":{...},"sessionState":{...},"transcriptions":[...]}
type Event struct {
	MessageVersion      string `json:"messageVersion"`
	InvocationSource    string `json:"invocationSource"`
	InputMode           string `json:"inputMode,omitempty"`
	ResponseContentType string `json:"responseContentType,omitempty"`
	SessionID           string `json:"sessionId"`
	InputTranscript     string `json:"inputTranscript,omitempty"`
	// InvocationLabel is the label of the dialog code hook that called,
	// when the bot's conversation flow sets one.
	InvocationLabel   string             `json:"invocationLabel,omitempty"`
	Bot               BotInfo            `json:"bot"`
	Interpretations   []Interpretation   `json:"interpretations,omitempty"`
	ProposedNextState *ProposedNextState `json:"proposedNextState,omitempty"`
	// RequestAttributes hold what the client sent with this request only
	// (for example x-amz-lex:time-zone).
	RequestAttributes map[string]string `json:"requestAttributes,omitempty"`
	SessionState      SessionState      `json:"sessionState"`
	Transcriptions    json.RawMessage   `json:"transcriptions,omitempty"`
}

// BotInfo identifies the bot, alias, locale and version that called.
type BotInfo struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	AliasID   string `json:"aliasId,omitempty"`
	AliasName string `json:"aliasName,omitempty"`
	LocaleID  string `json:"localeId"`
	Version   string `json:"version"`
}

// Interpretation is one intent that Lex considers a match for the
// utterance. The active intent is sessionState.intent; the interpretations
// are alternatives, kept for logs and tests.
type Interpretation struct {
	InterpretationSource string          `json:"interpretationSource,omitempty"`
	Intent               Intent          `json:"intent"`
	NLUConfidence        json.RawMessage `json:"nluConfidence,omitempty"`
	SentimentResponse    json.RawMessage `json:"sentimentResponse,omitempty"`
}

// ProposedNextState is what Lex will do if the response lets it
// (Delegate).
type ProposedNextState struct {
	DialogAction DialogAction    `json:"dialogAction"`
	Intent       Intent          `json:"intent"`
	Prompt       json.RawMessage `json:"prompt,omitempty"`
}

// SessionState is the state of the conversation, in the event and in the
// response:
//
//	{"activeContexts":[...],"sessionAttributes":{"idToken":"eyJ..."},
//	 "runtimeHints":{...},"dialogAction":{"type":"ElicitSlot",
//	 "slotToElicit":"PickupDate"},"intent":{...},"originatingRequestId":"..."}
//
// A response's sessionState replaces the session's: an attribute or an
// active context left out of it is gone, so responses hand back what came in.
type SessionState struct {
	ActiveContexts    json.RawMessage   `json:"activeContexts,omitempty"`
	SessionAttributes map[string]string `json:"sessionAttributes,omitempty"`
	RuntimeHints      json.RawMessage   `json:"runtimeHints,omitempty"`
	DialogAction      *DialogAction     `json:"dialogAction,omitempty"`
	Intent            *Intent           `json:"intent,omitempty"`
	// OriginatingRequestID identifies the request; only in events.
	OriginatingRequestID string `json:"originatingRequestId,omitempty"`
}

// DialogAction is the next step of the conversation:
//
//	{"type":"ElicitSlot","slotToElicit":"PickupCity","slotElicitationStyle":"Default"}
type DialogAction struct {
	Type         DialogActionType `json:"type"`
	SlotToElicit string           `json:"slotToElicit,omitempty"`
	// SlotElicitationStyle is Default, SpellByLetter or SpellByWord.
	SlotElicitationStyle string          `json:"slotElicitationStyle,omitempty"`
	SubSlotToElicit      json.RawMessage `json:"subSlotToElicit,omitempty"`
}

// Intent is the intent being worked on, with its slots:
//
//	{"name":"BookCar","slots":{"PickupCity":{...},"CarType":null},
//	 "state":"InProgress","confirmationState":"None"}
//
// An unfilled slot is present with a null value, so Slots maps it to nil.
type Intent struct {
	Name              string            `json:"name"`
	Slots             map[string]*Slot  `json:"slots,omitempty"`
	State             IntentState       `json:"state,omitempty"`
	ConfirmationState ConfirmationState `json:"confirmationState,omitempty"`
	KendraResponse    json.RawMessage   `json:"kendraResponse,omitempty"`
}

// Slot is a filled slot:
//
//	{"shape":"Scalar","value":{"originalValue":"next friday",
//	 "interpretedValue":"2027-03-05","resolvedValues":["2027-03-05"]}}
//
// A slot that takes several values has shape List and the values in Values.
type Slot struct {
	Shape    string           `json:"shape,omitempty"`
	Value    *Value           `json:"value,omitempty"`
	Values   []*Slot          `json:"values,omitempty"`
	SubSlots map[string]*Slot `json:"subSlots,omitempty"`
}

// Value is what the user said for a slot (OriginalValue), what Lex made of
// it (InterpretedValue: for AMAZON.Date a day "YYYY-MM-DD"; for a custom
// type with top resolution, the value a synonym stands for), and the other
// resolutions Lex considered.
type Value struct {
	OriginalValue    string   `json:"originalValue,omitempty"`
	InterpretedValue string   `json:"interpretedValue"`
	ResolvedValues   []string `json:"resolvedValues,omitempty"`
}

// Response is what the code hook returns:
//
//	{"sessionState":{...},"messages":[{"contentType":"PlainText",
//	 "content":"Where would you like to pick up the car?"}],
//	 "requestAttributes":{...}}
//
// Without messages, Lex uses the prompts configured in the bot.
type Response struct {
	SessionState      SessionState      `json:"sessionState"`
	Messages          []Message         `json:"messages,omitempty"`
	RequestAttributes map[string]string `json:"requestAttributes,omitempty"`
}

// Message content types.
const (
	PlainText         = "PlainText"
	SSML              = "SSML"
	CustomPayload     = "CustomPayload"
	ImageResponseCard = "ImageResponseCard"
)

// Message is one message for the user: PlainText with its content, or an
// ImageResponseCard with its card. This bot sends PlainText, and a card of
// buttons after a question whose answers can be listed (yes or no, the car
// types that are free).
type Message struct {
	ContentType       string        `json:"contentType"`
	Content           string        `json:"content,omitempty"`
	ImageResponseCard *ResponseCard `json:"imageResponseCard,omitempty"`
}

// ResponseCard is the runtime API's ImageResponseCard: a title, an
// optional subtitle and image, and up to five buttons, each a text to show
// and the value that the client sends as the user's next utterance when it
// is chosen:
//
//	{"title":"Shall I book it?","buttons":[{"text":"Yes","value":"yes"},
//	 {"text":"No","value":"no"}]}
//
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_ImageResponseCard.html
type ResponseCard struct {
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle,omitempty"`
	ImageURL string   `json:"imageUrl,omitempty"`
	Buttons  []Button `json:"buttons,omitempty"`
}

// Button is one choice of a ResponseCard.
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Button.html
type Button struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}
