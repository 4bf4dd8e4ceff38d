package lexlocal

import (
	"encoding/json"

	"github.com/carrental/backend/pkg/lexbot"
)

// The runtime API's request and response bodies, from the Amazon Lex V2
// API reference (Runtime V2). Its SessionState, Intent, Slot, Value,
// DialogAction and Message have the JSON of the code hook's structures of
// the same names, so pkg/lexbot's types carry them both ways.

// recognizeTextRequest is RecognizeText's body:
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
type recognizeTextRequest struct {
	Text              *string              `json:"text"`
	SessionState      *lexbot.SessionState `json:"sessionState"`
	RequestAttributes map[string]string    `json:"requestAttributes"`
}

// recognizeTextResponse is RecognizeText's answer: the messages for the
// user, the session state after the turn (its dialogAction says what the
// bot waits for), how the utterance was interpreted, and the request's
// attributes.
type recognizeTextResponse struct {
	Messages          []lexbot.Message    `json:"messages,omitempty"`
	SessionState      lexbot.SessionState `json:"sessionState"`
	Interpretations   []interpretation    `json:"interpretations,omitempty"`
	RequestAttributes map[string]string   `json:"requestAttributes,omitempty"`
	SessionID         string              `json:"sessionId"`
}

// interpretation is one intent that may be what the user meant, with the
// confidence of the match (1 for a sample utterance matched here; the
// fallback intent has none):
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Interpretation.html
type interpretation struct {
	Intent               lexbot.Intent `json:"intent"`
	NLUConfidence        *confidence   `json:"nluConfidence,omitempty"`
	InterpretationSource string        `json:"interpretationSource,omitempty"`
}

// confidence is the runtime API's ConfidenceScore.
type confidence struct {
	Score float64 `json:"score"`
}

// putSessionRequest is PutSession's body:
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_PutSession.html
type putSessionRequest struct {
	Messages          []lexbot.Message     `json:"messages"`
	SessionState      *lexbot.SessionState `json:"sessionState"`
	RequestAttributes map[string]string    `json:"requestAttributes"`
}

// getSessionResponse is GetSession's answer:
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_GetSession.html
type getSessionResponse struct {
	SessionID       string              `json:"sessionId"`
	Messages        []lexbot.Message    `json:"messages,omitempty"`
	Interpretations []interpretation    `json:"interpretations,omitempty"`
	SessionState    lexbot.SessionState `json:"sessionState"`
}

// deleteSessionResponse is DeleteSession's answer:
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_DeleteSession.html
type deleteSessionResponse struct {
	BotID      string `json:"botId"`
	BotAliasID string `json:"botAliasId"`
	LocaleID   string `json:"localeId"`
	SessionID  string `json:"sessionId"`
}

// activeContext is the runtime API's ActiveContext, read to check it; the
// session keeps what the client sent.
type activeContext struct {
	Name       string `json:"name"`
	TimeToLive *struct {
		TimeToLiveInSeconds *int `json:"timeToLiveInSeconds"`
		TurnsToLive         *int `json:"turnsToLive"`
	} `json:"timeToLive"`
	ContextAttributes map[string]string `json:"contextAttributes"`
}

// eventInterpretation is an interpretation as the code-hook event has it:
// the confidence is a number there.
func eventInterpretation(in interpretation) lexbot.Interpretation {
	out := lexbot.Interpretation{InterpretationSource: in.InterpretationSource, Intent: in.Intent}
	if in.NLUConfidence != nil {
		out.NLUConfidence, _ = json.Marshal(in.NLUConfidence.Score)
	}
	return out
}
