package apigw

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// The error codes that the transport adds to the domain's.
const (
	codePayloadTooLarge      rental.Code = "payload_too_large"      // 413
	codeUnsupportedMediaType rental.Code = "unsupported_media_type" // 415
)

// jsonString is a JSON string property that remembers whether the body had
// it: in a change, "carId":"" is an error while no carId keeps the car.
// null is a type error, as no schema of the contract is nullable.
type jsonString struct {
	value string
	set   bool
}

func (s *jsonString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		// encoding/json adds the property's name to this error.
		return &json.UnmarshalTypeError{Value: "null", Type: reflect.TypeFor[string]()}
	}
	if err := json.Unmarshal(b, &s.value); err != nil {
		return err
	}
	s.set = true
	return nil
}

// ptr is the value, nil when absent: what the validator sees (see
// validate.go) and what optional domain fields take.
func (s jsonString) ptr() *string {
	if !s.set {
		return nil
	}
	return &s.value
}

// decodeBody reads the request body into v, a pointer to a struct of this
// package, strictly:
//
//   - larger than maxBytes (after base64 decoding): 413 payload_too_large;
//   - empty: 400, field body;
//   - Content-Type other than application/json (UTF-8): 415;
//   - not one JSON object (invalid JSON, null, an array, data after the
//     object): 400, field body;
//   - a property v does not have: 400 naming the property;
//   - a property of the wrong type (null included): 400 naming it.
func (c *call) decodeBody(maxBytes int, v any) error {
	body, err := c.body(maxBytes)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return invalidField("body", "is required")
	}
	contentTypes := c.headerValues("Content-Type")
	if len(contentTypes) > 1 {
		return invalidField("Content-Type", "must be given once")
	}
	if err := checkContentType(strings.Join(contentTypes, "")); err != nil {
		return err
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); trimmed[0] != '{' {
		return invalidField("body", "must be a JSON object")
	}
	if err := checkKeys(body, v); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalidField("body", "must hold one JSON object and nothing after it")
	}
	return nil
}

// body is the raw body, base64-decoded when API Gateway encoded it.
func (c *call) body(maxBytes int) ([]byte, error) {
	tooLarge := &problem{code: codePayloadTooLarge,
		message: fmt.Sprintf("the request body is larger than %d bytes", maxBytes)}
	raw := c.req.Body
	if !c.req.IsBase64Encoded {
		if len(raw) > maxBytes {
			return nil, tooLarge
		}
		return []byte(raw), nil
	}
	// Check before decoding, so that a huge body is never copied.
	if len(raw) > base64.StdEncoding.EncodedLen(maxBytes) {
		return nil, tooLarge
	}
	body, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return nil, invalidField("body", "is not valid base64 (isBase64Encoded is true)")
	}
	if len(body) > maxBytes {
		return nil, tooLarge
	}
	return body, nil
}

// checkContentType accepts application/json, with no charset or UTF-8: JSON
// is UTF-8 (RFC 8259).
func checkContentType(header string) error {
	unsupported := &problem{code: codeUnsupportedMediaType,
		message: "the request body must be application/json",
		fields:  map[string]string{"Content-Type": "must be application/json"}}
	media, params, err := mime.ParseMediaType(header)
	if err != nil || media != "application/json" {
		return unsupported
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupported
	}
	return nil
}

// decodeError names what is wrong with the body, in the contract's words.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return invalidField("body", "must be a JSON object")
		}
		return invalidField(typeErr.Field, "must be "+jsonType(typeErr.Type))
	}
	// encoding/json reports an unknown property only in its message.
	if name, ok := strings.CutPrefix(err.Error(), `json: unknown field "`); ok {
		return invalidField(strings.TrimSuffix(name, `"`), "is not a property of this request")
	}
	return invalidField("body", "is not valid JSON")
}

// jsonType names the JSON type of Go type t.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// jsonInt is an optional JSON integer of a request body: set tells a
// property that was there from one that was left out; null is refused as
// jsonString refuses it, and so is a number with a fraction.
type jsonInt struct {
	value int64
	set   bool
}

func (n *jsonInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return &json.UnmarshalTypeError{Value: "null", Type: reflect.TypeFor[int64]()}
	}
	if err := json.Unmarshal(b, &n.value); err != nil {
		return err
	}
	n.set = true
	return nil
}

// ptr is the value, nil when absent.
func (n jsonInt) ptr() *int64 {
	if !n.set {
		return nil
	}
	return &n.value
}
