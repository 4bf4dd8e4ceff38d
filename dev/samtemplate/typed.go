package samtemplate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

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
	// Newer are the properties that goformation's type of their resource
	// lacks, by logical ID ("UserPool": ["UserPoolTier"]): left out of
	// the typed structs (see Typed).
	Newer map[string][]string
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
//  3. A resource property that goformation's type lacks (newer than its
//     2024 types, e.g. AWS::Cognito::UserPool's UserPoolTier) is left out,
//     and named in Newer, rather than failing the whole decode.
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
	out.Newer = dropNewer(doc)
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

// goformationFields are the property names of goformation's type of each
// resource type, from its structs' JSON tags; built once.
var goformationFields = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for typ, r := range cloudformation.AllResources() {
		fields := map[string]bool{}
		rt := reflect.TypeOf(r).Elem()
		for i := range rt.NumField() {
			if name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
				fields[name] = true
			}
		}
		out[typ] = fields
	}
	return out
})

// dropNewer removes from doc's resources the properties that goformation's
// type of the resource lacks and returns them by logical ID, sorted. A
// type goformation does not know is left as it is (its decode fails).
func dropNewer(doc map[string]any) map[string][]string {
	out := map[string][]string{}
	resources, _ := doc["Resources"].(map[string]any)
	for id, r := range resources {
		fields, ok := goformationFields()[fmt.Sprint(Get(r, "Type"))]
		props, _ := Get(r, "Properties").(map[string]any)
		if !ok {
			continue
		}
		for name := range props {
			if !fields[name] {
				delete(props, name)
				out[id] = append(out[id], name)
			}
		}
		sort.Strings(out[id])
	}
	return out
}
