package templatecheck

import (
	"fmt"
	"strings"
)

// noValue marks a value that Ref AWS::NoValue removes.
type noValue struct{}

// withPlaceholders returns a copy of the template in which every intrinsic
// function is replaced by a value the JSON schema accepts, since the schema
// describes only literal values:
//
//   - Ref to a parameter: its Default (a CommaDelimitedList's as a list), or
//     without one a placeholder of its Type ("placeholder", 1, a list);
//   - Ref to a resource or a pseudo parameter, Fn::GetAtt, Fn::Sub,
//     Fn::Join and the other string-valued functions: "placeholder";
//   - Fn::Split, Fn::GetAZs, Fn::Cidr: ["placeholder"];
//   - Fn::If [condition, a, b]: a, or b when a is Ref AWS::NoValue (the
//     branch that exists), itself resolved;
//   - Ref AWS::NoValue: the property or list element is removed.
//
// The Conditions section is left as it is: its values are condition
// functions, which the schema describes as objects.
func withPlaceholders(doc map[string]any) map[string]any {
	params, _ := doc["Parameters"].(map[string]any)
	out := map[string]any{}
	for k, v := range doc {
		if k == "Conditions" {
			out[k] = v
			continue
		}
		if r := resolve(v, params); r != (noValue{}) {
			out[k] = r
		}
	}
	return out
}

const placeholder = "placeholder"

func resolve(v any, params map[string]any) any {
	switch v := v.(type) {
	case map[string]any:
		if fn, arg, ok := intrinsic(v); ok {
			return intrinsicValue(fn, arg, params)
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			if r := resolve(e, params); r != (noValue{}) {
				out[k] = r
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(v))
		for _, e := range v {
			if r := resolve(e, params); r != (noValue{}) {
				out = append(out, r)
			}
		}
		return out
	}
	return v
}

// intrinsic reports whether m is an intrinsic function: one key, Ref or
// Fn::Something (a Condition key is one only inside condition functions,
// which are kept, see withPlaceholders).
func intrinsic(m map[string]any) (fn string, arg any, ok bool) {
	if len(m) != 1 {
		return "", nil, false
	}
	for k, a := range m {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, a, true
		}
	}
	return "", nil, false
}

func intrinsicValue(fn string, arg any, params map[string]any) any {
	switch fn {
	case "Ref":
		name := fmt.Sprint(arg)
		if name == "AWS::NoValue" {
			return noValue{}
		}
		if p, ok := params[name].(map[string]any); ok {
			return parameterValue(p)
		}
		return placeholder
	case "Fn::If":
		branches, _ := arg.([]any)
		if len(branches) != 3 {
			return placeholder
		}
		if v := resolve(branches[1], params); v != (noValue{}) {
			return v
		}
		return resolve(branches[2], params)
	case "Fn::Split", "Fn::GetAZs", "Fn::Cidr":
		return []any{placeholder}
	}
	return placeholder
}

// parameterValue is a parameter's default, or a placeholder of its type.
func parameterValue(p map[string]any) any {
	typ, _ := p["Type"].(string)
	list := typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<")
	def, ok := p["Default"]
	switch {
	case ok && list:
		var out []any
		for _, e := range strings.Split(fmt.Sprint(def), ",") {
			out = append(out, strings.TrimSpace(e))
		}
		return out
	case ok && typ == "Number":
		return def
	case ok:
		return fmt.Sprint(def)
	case list:
		return []any{placeholder}
	case typ == "Number":
		return int64(1)
	}
	return placeholder
}
