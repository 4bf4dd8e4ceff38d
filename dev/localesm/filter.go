package localesm

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Filter is one pattern of a mapping's FilterCriteria: a JSON object
// whose leaves are lists of allowed values, matched against the record as
// Lambda's event encodes it. Only equality is supported, which is what
// the template uses; prefix, anything-but, numeric and exists are refused
// by ParseFilter. See "Control which events Lambda sends to your
// function": https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
type Filter struct{ pattern map[string]any }

// ParseFilter reads a pattern. Errors: not JSON, not an object, an
// operator other than equality.
func ParseFilter(pattern string) (Filter, error) {
	var p map[string]any
	if err := json.Unmarshal([]byte(pattern), &p); err != nil {
		return Filter{}, fmt.Errorf("filter pattern %s: %w", pattern, err)
	}
	if err := checkPattern(p); err != nil {
		return Filter{}, fmt.Errorf("filter pattern %s: %w", pattern, err)
	}
	return Filter{pattern: p}, nil
}

func checkPattern(p map[string]any) error {
	for k, v := range p {
		switch v := v.(type) {
		case map[string]any:
			if err := checkPattern(v); err != nil {
				return err
			}
		case []any:
			for _, e := range v {
				if _, isObject := e.(map[string]any); isObject {
					return fmt.Errorf("key %s: only equality is supported locally, not %v", k, e)
				}
			}
		default:
			return fmt.Errorf("key %s: want an object or a list of values, not %v", k, v)
		}
	}
	return nil
}

// Match reports whether the record, as JSON, matches f.
func (f Filter) Match(record []byte) bool {
	var r map[string]any
	if json.Unmarshal(record, &r) != nil {
		return false
	}
	return match(f.pattern, r)
}

func match(p map[string]any, r map[string]any) bool {
	for k, want := range p {
		got, ok := r[k]
		if !ok {
			return false
		}
		switch want := want.(type) {
		case map[string]any:
			sub, isObject := got.(map[string]any)
			if !isObject || !match(want, sub) {
				return false
			}
		case []any:
			if !slices.Contains(want, got) {
				return false
			}
		}
	}
	return true
}
