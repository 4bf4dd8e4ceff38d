package localsite

import (
	"encoding/json"
	"net/http"
)

// AppConfig is the web app's runtime configuration, /config.json: the
// AppConfig type of web/src/config.ts (see web/README.md).
type AppConfig struct {
	// APIBaseURL is "/api": the API on the site's own origin, under the
	// path where the site's CloudFront distribution serves it too ("" would
	// be the origin's root, where the local stack serves it as well).
	APIBaseURL       string `json:"apiBaseUrl"`
	Region           string `json:"region"`
	UserPoolID       string `json:"userPoolId"`
	UserPoolClientID string `json:"userPoolClientId"`
	// UserPoolEndpoint is the user-pool API's endpoint when it is not
	// AWS's: "/_cognito", on the site's own origin.
	UserPoolEndpoint string `json:"userPoolEndpoint,omitempty"`
	// AuthFlowType is USER_PASSWORD_AUTH locally: cognito-local has no SRP.
	AuthFlowType string `json:"authFlowType"`
	// EmailVerification is "code": cognito-local sends codes, not links.
	EmailVerification string `json:"emailVerification"`
	// Chatbot is the bot that the chat panel talks to; nil: no chat panel.
	Chatbot *ChatbotConfig `json:"chatbot,omitempty"`
}

// ChatbotConfig is config.json's chatbot: the Lex V2 bot, alias and locale
// of RecognizeText, and where to reach the runtime. Locally Endpoint is
// "/", the local runtime on the site's own origin, which takes any
// credentials; in the cloud IdentityPoolID names the identity pool whose
// credentials may call the live alias, and the endpoint is Lex's own.
type ChatbotConfig struct {
	BotID          string `json:"botId"`
	BotAliasID     string `json:"botAliasId"`
	LocaleID       string `json:"localeId"`
	Endpoint       string `json:"endpoint,omitempty"`
	IdentityPoolID string `json:"identityPoolId,omitempty"`
}

// JSON is c as config.json holds it.
func (c AppConfig) JSON() []byte {
	body, err := json.Marshal(c)
	if err != nil {
		panic(err) // a struct of strings always encodes
	}
	return body
}

// configHandler serves body, the config's JSON, never cached: it changes
// with every run of the stack (the pool is new each time). The app reads
// the copy written into index.html; /config.json is for older builds,
// `make web-dev` (Vite serves web/index.html as it is) and scripts.
func configHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(body)
	})
}
