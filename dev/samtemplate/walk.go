package samtemplate

import (
	"fmt"
	"sort"
)

// Get walks nested maps of a Doc by keys and returns what it finds; nil
// when a key is missing or a value on the way is not a map. It is the one
// walker of template trees in this module.
func Get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// Resources returns the Doc's resources of type typ by logical ID, each as
// its whole entry ({"Type", "Properties", "Metadata", ...}).
func (t *Template) Resources(typ string) map[string]map[string]any { return ResourcesIn(t.doc, typ) }

// ResourcesIn is Resources of a Doc (or of a changed copy of one, as the
// template checks' tests make).
func ResourcesIn(doc map[string]any, typ string) map[string]map[string]any {
	all, _ := doc["Resources"].(map[string]any)
	out := map[string]map[string]any{}
	for id, r := range all {
		if m, ok := r.(map[string]any); ok && m["Type"] == typ {
			out[id] = m
		}
	}
	return out
}

// SortedKeys are the keys of m, sorted.
func SortedKeys[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Strs is a string or a list of strings (or of other scalars) as a list of
// strings; nil for anything else.
func Strs(v any) []string {
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
