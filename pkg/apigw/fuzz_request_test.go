package apigw_test

import (
	"context"
	"encoding/base64"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// FuzzProxyRequest builds well-formed proxy events, as API Gateway makes
// them, from fuzzed parts: the route (by index), the path id, the raw query
// string, one header, the body (base64-encoded when b64, as for a binary
// media type) and whether the caller is signed in. Where FuzzProxyEvent
// mostly breaks the JSON of an event, this target reaches the handlers'
// validation and the Service with values of every shape. The invariants
// are checkAnyResponse's. Seeds: testdata/fuzz/FuzzProxyRequest.
func FuzzProxyRequest(f *testing.F) {
	all := slices.Sorted(maps.Keys(routes))
	f.Fuzz(func(t *testing.T, route uint8, id, query, headerName, headerValue, body string, b64, signedIn bool) {
		r := all[int(route)%len(all)]
		ev := newEvent(r)
		if param, ok := pathParam(r); ok {
			ev.id(param, id)
		}
		values, _ := url.ParseQuery(query) // what parses, as API Gateway would split it
		for name, vs := range values {
			ev.query(name, vs...)
		}
		if strings.HasPrefix(r, "POST") || strings.HasPrefix(r, "PATCH") {
			ev.json(body)
			if b64 {
				ev.ev.Body = base64.StdEncoding.EncodeToString([]byte(body))
				ev.base64Flag()
			}
		}
		if signedIn {
			ev.as(alice)
		}
		if headerName != "" {
			ev.header(headerName, headerValue)
		}
		e := newMemEnv(t)
		name := routes[r]
		resp, err := handlersOf(e.api)[name](context.Background(), ev.get())
		checkAnyResponse(t, name, ev.get(), resp, err)
	})
}

// pathParam is the name of route's path parameter, if it has one.
func pathParam(route string) (string, bool) {
	_, after, ok := strings.Cut(route, "{")
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(after, "}")
	return name, true
}
