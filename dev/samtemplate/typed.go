package samtemplate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/awslabs/goformation/v7"
	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/intrinsics"
)

// Typed is the template as goformation v7's typed structs, for tests that
// read many resources at once, plus what goformation cannot type.
type Typed struct {
	*cloudformation.Template
	// GatewayResponses is the Api resource's GatewayResponses by response
	// type ("DEFAULT_4XX").
	GatewayResponses map[string]GatewayResponse
}

// GatewayResponse is one of SAM's Api GatewayResponses.
type GatewayResponse struct {
	StatusCode         string
	ResponseParameters struct {
		Headers map[string]string
	}
}

// Typed decodes the whole template with goformation, with two adjustments:
//
//  1. Intrinsic functions resolve so that references stay visible: Ref to a
//     parameter gives its default (a list for a list parameter), Ref to a
//     resource (or to a parameter without a default) gives its name
//     ("Api"), Fn::GetAtt gives "Resource.Attribute", and Fn::Sub keeps
//     ${Resource} and ${Resource.Attribute} as written. Tests can then check
//     which resource each property points at.
//  2. The Api's GatewayResponses is taken out before goformation decodes
//     the template, and returned separately: goformation v7 types it as
//     map[string]string, while SAM's is a map of objects.
//
// Unlike Properties, it fails when goformation cannot decode any resource
// (see the package comment); newer Function properties (LoggingConfig) sit
// under Globals, whose goformation type ignores unknown properties.
func (t *Template) Typed() (*Typed, error) {
	resolved, err := ProcessYAML(t.data, &intrinsics.ProcessorOptions{
		IntrinsicHandlerOverrides: map[string]intrinsics.IntrinsicHandler{
			"Ref":        keepRef,
			"Fn::GetAtt": keepGetAtt,
			"Fn::Sub":    keepSub,
		}})
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(resolved, &doc); err != nil {
		return nil, err
	}
	out := &Typed{}
	if api, ok := Get(doc, "Resources", "Api", "Properties").(map[string]any); ok {
		if raw, ok := api["GatewayResponses"]; ok {
			b, _ := json.Marshal(raw)
			if err := json.Unmarshal(b, &out.GatewayResponses); err != nil {
				return nil, fmt.Errorf("Api GatewayResponses: %w", err)
			}
			delete(api, "GatewayResponses")
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	if out.Template, err = goformation.ParseJSONWithOptions(b, &intrinsics.ProcessorOptions{NoProcess: true}); err != nil {
		return nil, fmt.Errorf("goformation: %w", err)
	}
	return out, nil
}

// keepRef resolves Ref to a parameter (its default) or a pseudo parameter
// as goformation does, except that a list parameter's default becomes a
// list (goformation leaves CommaDelimitedList defaults a string), and Ref
// to a resource or to a parameter without a default to its name.
func keepRef(name string, input, template any) any {
	if v := intrinsics.Ref(name, input, template); v != nil {
		typ, _ := Get(template, "Parameters", fmt.Sprint(input), "Type").(string)
		if s, ok := v.(string); ok && (typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<")) {
			var list []any
			for _, e := range strings.Split(s, ",") {
				list = append(list, strings.TrimSpace(e))
			}
			return list
		}
		return v
	}
	if s, ok := input.(string); ok && s == "AWS::NoValue" {
		return nil
	}
	return input
}

// keepGetAtt turns Fn::GetAtt [Res, Attr] (or "Res.Attr") into "Res.Attr".
func keepGetAtt(_ string, input, _ any) any {
	switch v := input.(type) {
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, ".")
	}
	return nil
}

var subVar = regexp.MustCompile(`\$\{([^}]+)\}`)

// keepSub substitutes parameters and pseudo parameters and leaves
// references to resources as written.
func keepSub(name string, input, template any) any {
	s, ok := input.(string)
	if !ok {
		return intrinsics.FnSub(name, input, template)
	}
	return subVar.ReplaceAllStringFunc(s, func(m string) string {
		v := subVar.FindStringSubmatch(m)[1]
		if !strings.Contains(v, ".") {
			if r, ok := intrinsics.Ref("Ref", v, template).(string); ok {
				return r
			}
		}
		return m
	})
}
