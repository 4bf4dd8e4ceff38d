package deployweb

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

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
	data, err := os.ReadFile(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := samtemplate.ProcessYAML(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		Outputs   map[string]json.RawMessage
		Resources map[string]struct {
			Type       string
			Properties json.RawMessage
		}
	}
	if err := json.Unmarshal(resolved, &tpl); err != nil {
		t.Fatal(err)
	}
	for _, k := range neededOutputs {
		if _, ok := tpl.Outputs[k]; !ok {
			t.Errorf("template.yaml has no output %s", k)
		}
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
	if err := json.Unmarshal(tpl.Resources["Distribution"].Properties, &dist); err != nil {
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
	if err := json.Unmarshal(tpl.Resources["UserPool"].Properties, &pool); err != nil {
		t.Fatal(err)
	}
	if pool.VerificationMessageTemplate.DefaultEmailOption != "CONFIRM_WITH_LINK" {
		t.Errorf("the pool verifies by %q; config.json says link", pool.VerificationMessageTemplate.DefaultEmailOption)
	}
	// Every value SocialProviders can take (the leaves of its Fn::If tree,
	// read from the YAML: goformation does not resolve Fn::If) is one that
	// Config accepts.
	var doc struct {
		Outputs struct {
			SocialProviders struct {
				Value yaml.Node `yaml:"Value"`
			} `yaml:"SocialProviders"`
		} `yaml:"Outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var leaves []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && !strings.HasPrefix(n.Value, "Has") {
			leaves = append(leaves, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc.Outputs.SocialProviders.Value)
	if !slices.Contains(leaves, "None") || !slices.Contains(leaves, "Google,Facebook") {
		t.Errorf("SocialProviders takes %q, want None and Google,Facebook among them", leaves)
	}
	for _, v := range leaves {
		if _, err := Config(Outputs{"UserPoolId": "eu-central-1_A", "SiteUrl": "https://d1.cloudfront.net", "SocialProviders": v}); err != nil {
			t.Errorf("SocialProviders %q: %v", v, err)
		}
	}
}
