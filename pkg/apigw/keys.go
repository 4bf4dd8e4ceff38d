package apigw

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// checkKeys holds a JSON object's member names to the exact names of the
// struct that v points to, once each. encoding/json matches names without
// regard to case and lets a repeated name win silently, so {"CarId": ...}
// or {"carId": "a", "carId": "b"} would pass; the contract
// (additionalProperties: false) and any other reader of the body would not
// agree. The error names the offending member.
func checkKeys(body []byte, v any) error {
	allowed := jsonNames(reflect.TypeOf(v))
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil // not an object: the decoder reports it
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		name, _ := tok.(string)
		switch {
		case !allowed[name]:
			return invalidField(name, "is not a property of this request")
		case seen[name]:
			return invalidField(name, "is given more than once")
		}
		seen[name] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
	}
	return nil
}

// jsonNames are the JSON member names of struct type t (or *t).
func jsonNames(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || !f.IsExported():
		case name == "":
			names[f.Name] = true
		default:
			names[name] = true
		}
	}
	return names
}
