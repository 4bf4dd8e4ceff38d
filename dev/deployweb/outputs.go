package deployweb

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Outputs are a stack's outputs by key.
type Outputs map[string]string

// The outputs of template.yaml that a deployment of the site needs.
var neededOutputs = []string{"SiteUrl", "DistributionId", "SiteBucket", "ImageBucket",
	"UserPoolId", "UserPoolClientId", "UserPoolDomain", "SocialProviders",
	"LexBotId", "LexBotAliasId", "LexBotLocaleId", "IdentityPoolId"}

// ParseOutputs reads the JSON of `aws cloudformation describe-stacks
// --stack-name NAME`: one stack, whose outputs must include every one of
// neededOutputs (a stack deployed before the site's resources existed
// lacks them: deploy it again).
func ParseOutputs(data []byte) (Outputs, error) {
	var doc struct {
		Stacks []struct {
			StackName   string
			StackStatus string
			Outputs     []struct{ OutputKey, OutputValue string }
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("describe-stacks: %w", err)
	}
	if len(doc.Stacks) != 1 {
		return nil, fmt.Errorf("describe-stacks: %d stacks, want one", len(doc.Stacks))
	}
	st := doc.Stacks[0]
	if strings.HasSuffix(st.StackStatus, "_IN_PROGRESS") || strings.Contains(st.StackStatus, "FAILED") {
		return nil, fmt.Errorf("stack %s is %s: wait for a finished deployment", st.StackName, st.StackStatus)
	}
	out := Outputs{}
	for _, o := range st.Outputs {
		out[o.OutputKey] = o.OutputValue
	}
	var missing []string
	for _, k := range neededOutputs {
		if out[k] == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, errors.New("stack " + st.StackName + " has no output " + strings.Join(missing, ", ") +
			": deploy the current template.yaml first (sam build && sam deploy)")
	}
	return out, nil
}
