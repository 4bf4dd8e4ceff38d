package templatecheck

import (
	"fmt"
	"strings"

	"github.com/carrental/backend/dev/samtemplate"
)

// resources returns the template's resources of type typ by logical ID.
func (t *Template) resources(typ string) map[string]map[string]any {
	return samtemplate.ResourcesIn(t.doc, typ)
}

// sortedIDs and get are samtemplate's, under short names for the checks.
func sortedIDs[V any](m map[string]V) []string { return samtemplate.SortedKeys(m) }

func get(v any, keys ...string) any { return samtemplate.Get(v, keys...) }

// functionProperty is a function's property, or the Globals' when the
// function has none (SAM's Globals: a function's own value wins).
func (t *Template) functionProperty(fn map[string]any, name string) any {
	if v := get(fn, "Properties", name); v != nil {
		return v
	}
	return get(t.doc, "Globals", "Function", name)
}

// text is a value written as a string or as Fn::Sub of one: comparable
// text, e.g. "car-rental-${Stage}-get-car". "" for anything else.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if s, ok := v["Fn::Sub"].(string); ok {
			return s
		}
	}
	return ""
}

// refersTo reports whether v is {"Ref": id}.
func refersTo(v any, id string) bool { return get(v, "Ref") == id }

// strs is a string or list of strings as a list.
func strs(v any) []string { return samtemplate.Strs(v) }

// describe renders a value for messages and docs/operations.md: a Ref as
// its target, Fn::GetAtt as Res.Att, Fn::Sub as its text.
func describe(v any) string {
	if id, ok := get(v, "Ref").(string); ok {
		return id
	}
	if att := strs(get(v, "Fn::GetAtt")); att != nil {
		return strings.Join(att, ".")
	}
	if s := text(v); s != "" {
		return s
	}
	return fmt.Sprint(v)
}
