package deployweb

import (
	"fmt"
	"regexp"
	"strings"
)

// APIPath is where the site's distribution serves the API (template.yaml:
// Distribution's /api/* behaviour, which strips it): the web app's
// apiBaseUrl, on its own origin.
const APIPath = "/api"

// AppConfig is the web app's config.json as deployed: the fields of
// web/src/config.ts's AppConfig that the cloud uses.
type AppConfig struct {
	APIBaseURL       string `json:"apiBaseUrl"`
	Region           string `json:"region"`
	UserPoolID       string `json:"userPoolId"`
	UserPoolClientID string `json:"userPoolClientId"`
	// AuthFlowType is USER_SRP_AUTH: the password never leaves the browser.
	AuthFlowType string `json:"authFlowType"`
	// EmailVerification is "link": the pool's VerificationMessageTemplate
	// is CONFIRM_WITH_LINK.
	EmailVerification string   `json:"emailVerification"`
	OAuth             *OAuth   `json:"oauth,omitempty"`
	Chatbot           *Chatbot `json:"chatbot"`
}

// Chatbot is the bot that the web app's chat panel talks to: Lex V2's
// RecognizeText on the live alias, with AWS credentials from the identity
// pool (its role may call that and nothing else).
type Chatbot struct {
	BotID          string `json:"botId"`
	BotAliasID     string `json:"botAliasId"`
	LocaleID       string `json:"localeId"`
	IdentityPoolID string `json:"identityPoolId"`
}

// OAuth is the hosted sign-in for the social providers.
type OAuth struct {
	Domain          string   `json:"domain"`
	RedirectSignIn  []string `json:"redirectSignIn"`
	RedirectSignOut []string `json:"redirectSignOut"`
	Providers       []string `json:"providers"`
}

// poolID is a user pool id: its region, "_", an id.
var poolID = regexp.MustCompile(`^([a-z]{2}(-[a-z]+)+-\d+)_[0-9A-Za-z]+$`)

// Config makes config.json from the stack's outputs. The region is the
// pool's own (its id starts with it). The redirects are the site's root,
// which the template adds to the client's callback and sign-out URLs.
func Config(o Outputs) (AppConfig, error) {
	m := poolID.FindStringSubmatch(o["UserPoolId"])
	if m == nil {
		return AppConfig{}, fmt.Errorf("UserPoolId %q is not a user pool id (region_id)", o["UserPoolId"])
	}
	site := strings.TrimRight(o["SiteUrl"], "/")
	if !strings.HasPrefix(site, "https://") {
		return AppConfig{}, fmt.Errorf("SiteUrl %q is not an https URL", o["SiteUrl"])
	}
	c := AppConfig{APIBaseURL: APIPath, Region: m[1], UserPoolID: o["UserPoolId"], UserPoolClientID: o["UserPoolClientId"],
		AuthFlowType: "USER_SRP_AUTH", EmailVerification: "link",
		Chatbot: &Chatbot{BotID: o["LexBotId"], BotAliasID: o["LexBotAliasId"], LocaleID: o["LexBotLocaleId"], IdentityPoolID: o["IdentityPoolId"]}}
	if !strings.HasPrefix(o["IdentityPoolId"], m[1]+":") {
		return AppConfig{}, fmt.Errorf("IdentityPoolId %q is not an identity pool of %s (region:id)", o["IdentityPoolId"], m[1])
	}
	var providers []string
	for _, p := range strings.Split(o["SocialProviders"], ",") {
		switch p = strings.TrimSpace(p); p {
		case "Google", "Facebook":
			providers = append(providers, p)
		case "None", "":
		default:
			return AppConfig{}, fmt.Errorf("SocialProviders names %q: the web app knows Google and Facebook", p)
		}
	}
	if len(providers) > 0 {
		c.OAuth = &OAuth{Domain: o["UserPoolDomain"], RedirectSignIn: []string{site + "/"}, RedirectSignOut: []string{site + "/"},
			Providers: providers}
	}
	return c, nil
}
