package cognitolocal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// CloudFormation takes a scalar property either as a JSON string or as a
// number or boolean: MinimumLength: 8 and "8", Required: true and "true".
// goformation's structs take each property in one form only and fail on the
// other, so the properties we read use these types. A pointer to one is nil
// when the property is absent or null (an intrinsic that samtemplate could
// not resolve, such as !GetAtt).

// cfnString is a string property; a number or boolean is taken as written.
type cfnString string

// cfnInt is a whole-number property.
type cfnInt int32

// cfnBool is a true-or-false property.
type cfnBool bool

func (s *cfnString) UnmarshalJSON(b []byte) error {
	v, err := scalarText(b)
	*s = cfnString(v)
	return err
}

func (n *cfnInt) UnmarshalJSON(b []byte) error {
	v, err := scalarText(b)
	if err != nil || v == "" {
		return err
	}
	i, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return fmt.Errorf("%s is not a whole number", b)
	}
	*n = cfnInt(i)
	return nil
}

func (f *cfnBool) UnmarshalJSON(b []byte) error {
	v, err := scalarText(b)
	if err != nil || v == "" {
		return err
	}
	t, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("%s is not true or false", b)
	}
	*f = cfnBool(t)
	return nil
}

// cfnList is a list of strings. A Ref to a CommaDelimitedList parameter
// comes out of samtemplate as the parameter's default, one string "a,b",
// which is split at the commas. Empty entries (an !If that chose
// AWS::NoValue, an unresolved intrinsic) are dropped.
type cfnList []string

func (l *cfnList) UnmarshalJSON(b []byte) error {
	var items []*cfnString
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		for _, v := range strings.Split(s, ",") {
			v := cfnString(strings.TrimSpace(v))
			items = append(items, &v)
		}
	} else if err := json.Unmarshal(b, &items); err != nil {
		return err
	}
	*l = nil
	for _, v := range items {
		if v != nil && *v != "" {
			*l = append(*l, string(*v))
		}
	}
	return nil
}

// scalarText is a JSON scalar's text: a string's contents, or a number or
// boolean as written; "" for null (a pointer field is left nil by
// encoding/json, which calls UnmarshalJSON with null only for others).
func scalarText(b []byte) (string, error) {
	if bytes.Equal(b, []byte("null")) {
		return "", nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		err := json.Unmarshal(b, &v)
		return v, err
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return "", fmt.Errorf("want a string, number or boolean, got %.40s", b)
	}
	return string(b), nil
}

// ptr returns the value as the SDK's *string, nil for absent or "".
func (s *cfnString) ptr() *string {
	if s == nil || *s == "" {
		return nil
	}
	v := string(*s)
	return &v
}

// ptr returns the value as the SDK's *int32, nil for absent.
func (n *cfnInt) ptr() *int32 {
	if n == nil {
		return nil
	}
	v := int32(*n)
	return &v
}

// val returns the value, 0 for absent (which the SDK leaves out).
func (n *cfnInt) val() int32 {
	if n == nil {
		return 0
	}
	return int32(*n)
}

// ptr returns the value as the SDK's *bool, nil for absent.
func (f *cfnBool) ptr() *bool {
	if f == nil {
		return nil
	}
	v := bool(*f)
	return &v
}

// val returns the value, false for absent.
func (f *cfnBool) val() bool { return f != nil && bool(*f) }
