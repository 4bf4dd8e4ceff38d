package lexlocal

import (
	"encoding/json"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/carrental/backend/pkg/lexbot"
)

// The runtime API's constraints on what a client sends (the "Length
// Constraints", "Pattern" and "Valid Values" of the API reference); a
// request that breaks one is a 400 ValidationException, as in the cloud.
var (
	botIDPattern     = regexp.MustCompile(`^[0-9a-zA-Z]{10}$`)                  // BotIdentifier
	aliasIDPattern   = regexp.MustCompile(`^(\bTSTALIASID\b|[0-9a-zA-Z]{10})$`) // BotAliasIdentifier
	sessionIDPattern = regexp.MustCompile(`^[0-9a-zA-Z._:-]{2,100}$`)           // SessionId
	contextName      = regexp.MustCompile(`^([A-Za-z]_?)+$`)                    // ActiveContext.name
)

const (
	maxTextLength     = 1024 // RecognizeText text
	maxMessages       = 10   // PutSession messages
	maxActiveContexts = 20
	maxBody           = 1 << 20 // larger requests are refused before they are read
)

// checkPath holds the path's ids to their patterns.
func checkPath(botID, aliasID, localeID, sessionID string) *apiError {
	switch {
	case !botIDPattern.MatchString(botID):
		return validation("1 validation error detected: Value '%s' at 'botId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z]+$ and have length 10", botID)
	case !aliasIDPattern.MatchString(aliasID):
		return validation("1 validation error detected: Value '%s' at 'botAliasId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\\bTSTALIASID\\b|[0-9a-zA-Z]+)$ and have length 10", aliasID)
	case localeID == "":
		return validation("1 validation error detected: Value at 'localeId' failed to satisfy constraint: Member must have length greater than or equal to 1")
	case !sessionIDPattern.MatchString(sessionID):
		return validation("1 validation error detected: Value '%s' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+ and have length between 2 and 100", sessionID)
	}
	return nil
}

// decode reads a JSON body into v; an empty body is an empty object. Bad
// JSON or a member of the wrong type is a ValidationException (the only
// 400 the runtime operations list).
func decode(body []byte, v any) *apiError {
	if len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return validation("the request body is not valid: %v", err)
	}
	return nil
}

// checkText holds RecognizeText's text to its 1 to 1024 characters.
func checkText(text *string) *apiError {
	if text == nil {
		return validation("1 validation error detected: Value null at 'text' failed to satisfy constraint: Member must not be null")
	}
	if n := utf8.RuneCountInString(*text); n < 1 || n > maxTextLength {
		return validation("1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length less than or equal to %d and greater than or equal to 1", maxTextLength)
	}
	return nil
}

// checkAttributes holds request or session attributes to their names of at
// least one character.
func checkAttributes(field string, m map[string]string) *apiError {
	for k := range m {
		if k == "" {
			return validation("1 validation error detected: a key of '%s' failed to satisfy constraint: Member must have length greater than or equal to 1", field)
		}
	}
	return nil
}

// checkSessionState holds a session state that a client sends (with
// RecognizeText or PutSession) to the API's rules and to the bot: its
// intent must be one of the locale's, its slots the intent's.
func checkSessionState(st *lexbot.SessionState, loc *locale) *apiError {
	if st == nil {
		return nil
	}
	if err := checkAttributes("sessionState.sessionAttributes", st.SessionAttributes); err != nil {
		return err
	}
	if err := checkContexts(st.ActiveContexts); err != nil {
		return err
	}
	if err := checkDialogAction(st.DialogAction, st.Intent != nil); err != nil {
		return err
	}
	if st.Intent == nil {
		return nil
	}
	def := loc.intentNamed(st.Intent.Name)
	if def == nil {
		return validation("intent '%s' is not an intent of locale %s", st.Intent.Name, loc.id)
	}
	if da := st.DialogAction; da != nil && da.Type == lexbot.ElicitSlot && def.byName[da.SlotToElicit] == nil {
		return validation("slotToElicit '%s' is not a slot of intent %s", da.SlotToElicit, def.name)
	}
	return checkIntent(*st.Intent, def)
}

// checkDialogAction holds a dialog action to DialogAction's rules.
func checkDialogAction(da *lexbot.DialogAction, hasIntent bool) *apiError {
	switch {
	case da == nil:
		return nil
	case !slices.Contains([]lexbot.DialogActionType{lexbot.Close, lexbot.ConfirmIntent, lexbot.Delegate, lexbot.ElicitIntent, lexbot.ElicitSlot}, da.Type):
		return validation("1 validation error detected: Value '%s' at 'sessionState.dialogAction.type' failed to satisfy constraint: Member must satisfy enum value set: [Close, ConfirmIntent, Delegate, ElicitIntent, ElicitSlot]", da.Type)
	case !slices.Contains([]string{"", "Default", "SpellByLetter", "SpellByWord"}, da.SlotElicitationStyle):
		return validation("1 validation error detected: Value '%s' at 'sessionState.dialogAction.slotElicitationStyle' failed to satisfy constraint: Member must satisfy enum value set: [Default, SpellByLetter, SpellByWord]", da.SlotElicitationStyle)
	case da.Type == lexbot.ElicitSlot && da.SlotToElicit == "":
		return validation("slotToElicit is required when the dialog action is ElicitSlot")
	case da.Type != lexbot.ElicitIntent && !hasIntent:
		return validation("the dialog action %s needs sessionState.intent", da.Type)
	}
	return nil
}

// checkIntent holds an intent to Intent's rules and to its definition def.
func checkIntent(in lexbot.Intent, def *intent) *apiError {
	if !slices.Contains([]lexbot.IntentState{"", lexbot.Failed, lexbot.Fulfilled, lexbot.InProgress, lexbot.ReadyForFulfillment, lexbot.Waiting, lexbot.FulfillmentInProgress}, in.State) {
		return validation("1 validation error detected: Value '%s' at 'sessionState.intent.state' failed to satisfy constraint: Member must satisfy enum value set: [Failed, Fulfilled, InProgress, ReadyForFulfillment, Waiting, FulfillmentInProgress]", in.State)
	}
	if !slices.Contains([]lexbot.ConfirmationState{"", lexbot.Confirmed, lexbot.Denied, lexbot.ConfirmationNone}, in.ConfirmationState) {
		return validation("1 validation error detected: Value '%s' at 'sessionState.intent.confirmationState' failed to satisfy constraint: Member must satisfy enum value set: [Confirmed, Denied, None]", in.ConfirmationState)
	}
	for name, s := range in.Slots {
		if def.byName[name] == nil {
			return validation("slot '%s' is not a slot of intent %s", name, in.Name)
		}
		if s != nil && (s.Value == nil || s.Value.InterpretedValue == "") {
			return validation("slot '%s': value.interpretedValue is required", name)
		}
	}
	return nil
}

// checkContexts holds active contexts to ActiveContext's constraints.
func checkContexts(raw json.RawMessage) *apiError {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var cs []activeContext
	if err := json.Unmarshal(raw, &cs); err != nil {
		return validation("sessionState.activeContexts is not valid: %v", err)
	}
	if len(cs) > maxActiveContexts {
		return validation("sessionState.activeContexts has %d members, at most %d are allowed", len(cs), maxActiveContexts)
	}
	for _, c := range cs {
		if problem := contextProblem(c); problem != "" {
			return validation("active context '%s': %s", c.Name, problem)
		}
	}
	return nil
}

// contextProblem is what breaks ActiveContext's constraints in c, "" for
// nothing.
func contextProblem(c activeContext) string {
	ttl := c.TimeToLive
	switch {
	case len(c.Name) > 100 || !contextName.MatchString(c.Name):
		return "the name must match ^([A-Za-z]_?)+$ and have 1 to 100 characters"
	case ttl == nil || ttl.TimeToLiveInSeconds == nil || ttl.TurnsToLive == nil:
		return "timeToLive needs timeToLiveInSeconds and turnsToLive"
	case *ttl.TimeToLiveInSeconds < 5 || *ttl.TimeToLiveInSeconds > 86400:
		return "timeToLiveInSeconds must be 5 to 86400"
	case *ttl.TurnsToLive < 1 || *ttl.TurnsToLive > 20:
		return "turnsToLive must be 1 to 20"
	}
	return attributesProblem(c.ContextAttributes)
}

// attributesProblem is what breaks ActiveContext.contextAttributes'
// constraints in attrs, "" for nothing.
func attributesProblem(attrs map[string]string) string {
	switch {
	case attrs == nil:
		return "contextAttributes is required"
	case len(attrs) > 10:
		return "more than 10 contextAttributes"
	}
	for k, v := range attrs {
		if len(k) < 1 || len(k) > 100 || len(v) < 1 || len(v) > 1024 {
			return "contextAttributes names have 1 to 100 characters, values 1 to 1024"
		}
	}
	return ""
}

// checkMessages holds PutSession's messages to Message's rules (content
// type, length, cards), at most ten.
func checkMessages(ms []lexbot.Message) *apiError {
	if len(ms) == 0 {
		return nil
	}
	if len(ms) > maxMessages {
		return validation("messages has %d members, at most %d are allowed", len(ms), maxMessages)
	}
	// lexbot.Validate holds messages to the same rules; the dialog action
	// around them is only there to make a whole response of them.
	if err := lexbot.Validate(lexbot.Response{SessionState: lexbot.SessionState{DialogAction: &lexbot.DialogAction{Type: lexbot.ElicitIntent}}, Messages: ms}); err != nil {
		return validation("messages: %v", err)
	}
	return nil
}
