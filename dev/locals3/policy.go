package locals3

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A POST policy ("POST Policy",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html):
// base64 of a JSON document with an expiration and the conditions that
// every field of the form, and the file's size, must meet.
type postPolicy struct {
	expiration time.Time
	conditions []condition
	// sizeMin and sizeMax are content-length-range's bounds; hasSize is
	// false when the policy has none (then any size up to S3's own limit).
	sizeMin, sizeMax int64
	hasSize          bool
}

// condition is one exact-match or starts-with condition on a form field
// (or on the bucket), the field's name in lower case: S3 takes form field
// names in any case, the SDK writes "X-Amz-Date", a form "x-amz-date".
type condition struct {
	op    string // "eq" or "starts-with"
	field string // without the "$", lower case
	value string
	text  string // as written, for the refusal's message
}

// invalidPolicy is S3's 400 for a policy document it cannot read.
func invalidPolicy(why string) *s3Error {
	return &s3Error{Status: http.StatusBadRequest, Code: "InvalidPolicyDocument", Message: "Invalid Policy: " + why}
}

// parsePolicy decodes the policy field.
func parsePolicy(b64 string) (postPolicy, *s3Error) {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return postPolicy{}, invalidPolicy("Invalid Base64 Encoding.")
	}
	var doc struct {
		Expiration *string           `json:"expiration"`
		Conditions []json.RawMessage `json:"conditions"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return postPolicy{}, invalidPolicy("Invalid JSON.")
	}
	if doc.Expiration == nil {
		return postPolicy{}, invalidPolicy("Policy missing expiration.")
	}
	var p postPolicy
	if p.expiration, err = time.Parse(time.RFC3339, *doc.Expiration); err != nil {
		return postPolicy{}, invalidPolicy("Invalid 'expiration' value: '" + *doc.Expiration + "'")
	}
	if doc.Conditions == nil {
		return postPolicy{}, invalidPolicy("Policy missing conditions.")
	}
	for _, c := range doc.Conditions {
		if err := p.add(c); err != nil {
			return postPolicy{}, err
		}
	}
	return p, nil
}

// add reads one condition: {"field": "value"}, ["eq" | "starts-with",
// "$field", "value"] or ["content-length-range", min, max].
func (p *postPolicy) add(raw json.RawMessage) *s3Error {
	text := string(raw)
	var exact map[string]string
	if json.Unmarshal(raw, &exact) == nil {
		if len(exact) != 1 {
			return invalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")
		}
		for k, v := range exact {
			p.conditions = append(p.conditions, condition{op: "eq", field: strings.ToLower(k), value: v, text: text})
		}
		return nil
	}
	var list []any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&list) != nil || len(list) != 3 {
		return invalidPolicy("Invalid Condition: " + text)
	}
	op, _ := list[0].(string)
	switch strings.ToLower(op) {
	case "content-length-range":
		lo, okLo := integer(list[1])
		hi, okHi := integer(list[2])
		if !okLo || !okHi || lo < 0 || hi < lo {
			return invalidPolicy("Invalid content-length-range: " + text)
		}
		p.sizeMin, p.sizeMax, p.hasSize = lo, hi, true
		return nil
	case "eq", "starts-with":
		field, okField := list[1].(string)
		value, okValue := list[2].(string)
		if !okField || !okValue || !strings.HasPrefix(field, "$") {
			return invalidPolicy("Invalid Condition: " + text)
		}
		p.conditions = append(p.conditions, condition{op: strings.ToLower(op), field: strings.ToLower(field[1:]), value: value, text: text})
		return nil
	}
	return invalidPolicy("Invalid Condition: unknown operation " + strconv.Quote(op))
}

// integer reads a JSON number or numeric string as a whole number.
func integer(v any) (int64, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = x
	default:
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// fieldsExempt are the form fields that need no condition in the policy:
// "Each form field that you specify in a form (except x-amz-signature,
// file, policy, and field names that have an x-ignore- prefix) must
// appear in the list of conditions."
var fieldsExempt = map[string]bool{"x-amz-signature": true, "file": true, "policy": true}

// check holds the form (fields by lower-case name, the bucket of the URL)
// to the policy at now: not expired, every condition met, no field
// without a condition. The file's size is checked by checkSize once it
// has been read.
func (p postPolicy) check(fields map[string]string, bucket string, now time.Time) *s3Error {
	if now.After(p.expiration) {
		return policyDenied("Policy expired.")
	}
	covered := map[string]bool{}
	for _, c := range p.conditions {
		covered[c.field] = true
		got := fields[c.field] // a missing field is empty
		if c.field == "bucket" {
			got = bucket
		}
		if c.op == "eq" && got != c.value || c.op == "starts-with" && !strings.HasPrefix(got, c.value) {
			return policyDenied("Policy Condition failed: " + c.text)
		}
	}
	var extra []string
	for name := range fields {
		if !fieldsExempt[name] && !strings.HasPrefix(name, "x-ignore-") && !covered[name] {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return policyDenied("Extra input fields: " + strings.Join(extra, ", "))
	}
	return nil
}

// checkMinSize holds the file's size to the lower bound of the policy's
// content-length-range (readFile stops at the upper one).
func (p postPolicy) checkMinSize(size int64) *s3Error {
	if p.hasSize && size < p.sizeMin {
		return entityTooSmall(size, p.sizeMin)
	}
	return nil
}
