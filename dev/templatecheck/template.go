package templatecheck

import (
	"fmt"
	"sort"
	"strings"
)

// resources returns the template's resources of type typ by logical ID.
func (t *Template) resources(typ string) map[string]map[string]any {
	all, _ := t.doc["Resources"].(map[string]any)
	out := map[string]map[string]any{}
	for id, r := range all {
		if m, ok := r.(map[string]any); ok && m["Type"] == typ {
			out[id] = m
		}
	}
	return out
}

// sortedIDs are the keys of m, sorted.
func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// get walks nested maps by keys; nil when a key is missing.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

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
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

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
