package samtemplate

import (
	"fmt"

	"github.com/awslabs/goformation/v7/intrinsics"
)

// ParseOptions changes how ParseWith resolves intrinsic functions.
type ParseOptions struct {
	// ResourceRefs resolves a Ref to a resource of the template to that
	// resource's logical ID, a string, where Parse gives null: a caller can
	// then tell which resource a property points at, e.g. an Api event's
	// RestApiId (!Ref Api gives "Api"). Refs to parameters and pseudo
	// parameters resolve as with Parse; Fn::GetAtt still gives null.
	ResourceRefs bool
}

// refOrResource is goformation's Ref, except that a Ref to a resource gives
// the resource's logical ID.
func refOrResource(name string, input, template any) any {
	if v := intrinsics.Ref(name, input, template); v != nil {
		return v
	}
	id, ok := input.(string)
	if !ok {
		return nil
	}
	if doc, ok := template.(map[string]any); ok {
		if resources, ok := doc["Resources"].(map[string]any); ok {
			if _, ok := resources[id]; ok {
				return id
			}
		}
	}
	return nil
}

// LogicalIDs returns the logical IDs of the resources of type typ (e.g.
// "AWS::Serverless::Function"), sorted.
func (t *Template) LogicalIDs(typ string) []string {
	ids := SortedKeys(t.Resources(typ))
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// ParameterDefault returns the Default of parameter name as text (a number
// or a boolean as written); ok is false when the template has no such
// parameter or it has no default.
func (t *Template) ParameterDefault(name string) (value string, ok bool) {
	d := Get(t.doc, "Parameters", name, "Default")
	if d == nil {
		return "", false
	}
	if s, isString := d.(string); isString {
		return s, true
	}
	return fmt.Sprint(d), true
}
