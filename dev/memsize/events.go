package memsize

import (
	"encoding/json"
	"fmt"
	"time"
)

// Varied is base (a REST proxy event as JSON) for invocation i of a
// create: a customer of its own (so that the booking limit never answers)
// with an idempotency key of its own, booking days 120+3i to 122+3i from
// today, i up to 79 (so that no two invocations want the same days, nor
// those of the stack's booking, days 102 to 105). Other events are base
// as it is: reads may repeat.
func Varied(function string, base []byte, today time.Time) (func(int) []byte, error) {
	if function != "create-booking" {
		return func(int) []byte { return base }, nil
	}
	var ev map[string]any
	if err := json.Unmarshal(base, &ev); err != nil {
		return nil, err
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(ev["body"].(string)), &body); err != nil {
		return nil, err
	}
	return func(i int) []byte {
		day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
		body["pickupDate"], body["returnDate"] = day(120+3*(i%80)), day(122+3*(i%80))
		b, _ := json.Marshal(body)
		ev["body"] = string(b)
		key := fmt.Sprintf("memsize-%06d", i)
		setPath(ev, key, "headers", "Idempotency-Key")
		setPath(ev, []any{key}, "multiValueHeaders", "Idempotency-Key")
		setPath(ev, fmt.Sprintf("memsize-user-%06d", i), "requestContext", "authorizer", "claims", "sub")
		out, _ := json.Marshal(ev)
		return out
	}, nil
}

// setPath sets the value at keys in nested maps, when they are there.
func setPath(m map[string]any, v any, keys ...string) {
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
