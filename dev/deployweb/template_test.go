package deployweb

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
)

// TestTemplateAgrees: what Config assumes of the stack is what
// template.yaml deploys: the outputs it reads, the API under APIPath on the
// site's distribution, email verification by link, and SocialProviders
// naming only providers the web app knows.
func TestTemplateAgrees(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.Load(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range neededOutputs {
		if samtemplate.Get(tpl.Doc(), "Outputs", k) == nil {
			t.Errorf("template.yaml has no output %s", k)
		}
	}
	// LexBotLocaleId is a literal: it must be the locale the live alias
	// enables, which the chat panel names in RecognizeText.
	var alias struct{ BotAliasLocaleSettings []struct{ LocaleId string } }
	if err := tpl.Properties("LexBotAlias", "AWS::Lex::BotAlias", &alias); err != nil {
		t.Fatal(err)
	}
	locale := samtemplate.Get(tpl.Doc(), "Outputs", "LexBotLocaleId", "Value")
	if len(alias.BotAliasLocaleSettings) != 1 || alias.BotAliasLocaleSettings[0].LocaleId != locale {
		t.Errorf("output LexBotLocaleId is %v; LexBotAlias enables %+v", locale, alias.BotAliasLocaleSettings)
	}
	var dist struct {
		DistributionConfig struct {
			CacheBehaviors []struct {
				PathPattern    string
				TargetOriginId string
			}
			Origins []struct {
				Id, DomainName, OriginPath string
			}
		}
	}
	if err := tpl.Properties("Distribution", "AWS::CloudFront::Distribution", &dist); err != nil {
		t.Fatal(err)
	}
	api := slices.IndexFunc(dist.DistributionConfig.CacheBehaviors, func(b struct{ PathPattern, TargetOriginId string }) bool {
		return b.PathPattern == APIPath+"/*" && b.TargetOriginId == "api"
	})
	if api < 0 {
		t.Errorf("Distribution has no cache behaviour %s/* to the api origin: %+v", APIPath, dist.DistributionConfig.CacheBehaviors)
	}
	var pool struct {
		VerificationMessageTemplate struct{ DefaultEmailOption string }
	}
	if err := tpl.Properties("UserPool", "AWS::Cognito::UserPool", &pool); err != nil {
		t.Fatal(err)
	}
	if pool.VerificationMessageTemplate.DefaultEmailOption != "CONFIRM_WITH_LINK" {
		t.Errorf("the pool verifies by %q; config.json says link", pool.VerificationMessageTemplate.DefaultEmailOption)
	}
	// Every value SocialProviders can take (the leaves of its Fn::If tree,
	// read from the unresolved Doc: goformation does not resolve Fn::If) is
	// one that Config accepts.
	var leaves []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if !strings.HasPrefix(v, "Has") {
				leaves = append(leaves, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(samtemplate.Get(tpl.Doc(), "Outputs", "SocialProviders", "Value"))
	if !slices.Contains(leaves, "None") || !slices.Contains(leaves, "Google,Facebook") {
		t.Errorf("SocialProviders takes %q, want None and Google,Facebook among them", leaves)
	}
	for _, v := range leaves {
		if _, err := Config(Outputs{"UserPoolId": "eu-central-1_A", "SiteUrl": "https://d1.cloudfront.net", "SocialProviders": v,
			"IdentityPoolId": "eu-central-1:1a2b"}); err != nil {
			t.Errorf("SocialProviders %q: %v", v, err)
		}
	}
}
