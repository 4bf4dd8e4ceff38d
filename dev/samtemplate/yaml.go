package samtemplate

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// fromYAML decodes a CloudFormation template in YAML (JSON is YAML too)
// into plain Go values (map[string]any, []any, string, int64, float64,
// bool, nil) with the short-form intrinsic functions written in their long
// form: !Ref X becomes {"Ref": "X"}, !Sub s {"Fn::Sub": s}, !GetAtt A.B
// {"Fn::GetAtt": ["A", "B"]}, !Condition C {"Condition": "C"}. Both forms
// then look the same to the checks. See "Intrinsic function reference":
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
func fromYAML(data []byte) (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("want one YAML document, got %d", len(doc.Content))
	}
	v, err := convert(doc.Content[0])
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the template is a %T, want a mapping", v)
	}
	return m, nil
}

func convert(n *yaml.Node) (any, error) {
	var v any
	switch n.Kind {
	case yaml.AliasNode:
		return convert(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			val, err := convert(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = val
		}
		v = m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, err := convert(c)
			if err != nil {
				return nil, err
			}
			l = append(l, val)
		}
		v = l
	case yaml.ScalarNode:
		var err error
		if v, err = scalar(n); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
	}
	if !strings.HasPrefix(n.Tag, "!") || strings.HasPrefix(n.Tag, "!!") {
		return v, nil
	}
	name := strings.TrimPrefix(n.Tag, "!")
	switch name {
	case "Ref", "Condition":
		return map[string]any{name: v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok { // "Resource.Attribute"; attributes may hold dots
			res, att, _ := strings.Cut(s, ".")
			v = []any{res, att}
		}
	}
	return map[string]any{"Fn::" + name: v}, nil
}

// scalar is a scalar node's value by its resolved tag; a scalar with a
// custom tag (!Ref Table) is a string.
func scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!int":
		return strconv.ParseInt(n.Value, 0, 64)
	case "!!float":
		return strconv.ParseFloat(n.Value, 64)
	case "!!bool":
		return strconv.ParseBool(n.Value)
	case "!!null":
		return nil, nil
	}
	return n.Value, nil
}
