package localapi

import (
	"encoding/base64"
	"net/http"
	"slices"
	"testing"
)

// TestEventFromRequest: the proxy integration's input event, field by
// field, for a public route with a path parameter and a repeated query
// parameter.
func TestEventFromRequest(t *testing.T) {
	b := newBed(t, Options{})
	w := b.do("GET", "/things/t%201?color=red&size=L&color=blue&empty=", "",
		"Accept", "application/json", "X-Multi", "one", "X-Multi", "two", "User-Agent", "curl/8.5.0")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	ev := b.recs["GetThingFunction"].last(t)
	if ev.Resource != "/things/{thingId}" || ev.Path != "/things/t%201" || ev.HTTPMethod != "GET" {
		t.Errorf("resource %q, path %q, method %q", ev.Resource, ev.Path, ev.HTTPMethod)
	}
	if got := ev.PathParameters; len(got) != 1 || got["thingId"] != "t%201" {
		t.Errorf("pathParameters = %v", got)
	}
	if got := ev.QueryStringParameters; len(got) != 3 || got["color"] != "blue" || got["size"] != "L" || got["empty"] != "" {
		t.Errorf("queryStringParameters = %v", got)
	}
	if got := ev.MultiValueQueryStringParameters["color"]; !slices.Equal(got, []string{"red", "blue"}) {
		t.Errorf("multiValueQueryStringParameters[color] = %v", got)
	}
	if got := ev.Headers["X-Multi"]; got != "two" {
		t.Errorf("headers[X-Multi] = %q, want the last value", got)
	}
	if got := ev.MultiValueHeaders["X-Multi"]; !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("multiValueHeaders[X-Multi] = %v", got)
	}
	for name, want := range map[string]string{"Accept": "application/json", "Host": "localhost:3000",
		"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Port": "3000", "X-Forwarded-Proto": "http"} {
		if ev.Headers[name] != want || !slices.Equal(ev.MultiValueHeaders[name], []string{want}) {
			t.Errorf("header %s = %q / %v, want %q in both maps", name, ev.Headers[name], ev.MultiValueHeaders[name], want)
		}
	}
	if ev.Body != "" || ev.IsBase64Encoded || ev.StageVariables != nil {
		t.Errorf("body %q, base64 %v, stageVariables %v", ev.Body, ev.IsBase64Encoded, ev.StageVariables)
	}
	rc := ev.RequestContext
	if rc.Stage != "test" || rc.Path != "/test/things/t%201" || rc.ResourcePath != "/things/{thingId}" || rc.HTTPMethod != "GET" {
		t.Errorf("requestContext stage %q, path %q, resourcePath %q, method %q", rc.Stage, rc.Path, rc.ResourcePath, rc.HTTPMethod)
	}
	if rc.Identity.SourceIP != "198.51.100.7" || rc.Identity.UserAgent != "curl/8.5.0" {
		t.Errorf("identity = %+v", rc.Identity)
	}
	if rc.RequestTimeEpoch != 1796040311123 || rc.RequestTime != "30/Nov/2026:12:05:11 +0000" {
		t.Errorf("requestTime %q, epoch %d", rc.RequestTime, rc.RequestTimeEpoch)
	}
	if len(rc.RequestID) != 36 || headerValue(w.Header(), "x-amzn-RequestId") != rc.RequestID {
		t.Errorf("requestId %q, x-amzn-RequestId %q", rc.RequestID, headerValue(w.Header(), "x-amzn-RequestId"))
	}
	if rc.Authorizer != nil {
		t.Errorf("authorizer on a public route: %v", rc.Authorizer)
	}
	if rc.DomainName != "localhost:3000" || rc.APIID == "" || rc.AccountID == "" || len(rc.ResourceID) != 6 {
		t.Errorf("domainName %q, apiId %q, accountId %q, resourceId %q", rc.DomainName, rc.APIID, rc.AccountID, rc.ResourceID)
	}
}

// TestEventNilMaps: without query or path parameters the maps are nil
// (null in JSON), as API Gateway sends them.
func TestEventNilMaps(t *testing.T) {
	b := newBed(t, Options{})
	b.do("GET", "/things", "")
	ev := b.recs["ListThingsFunction"].last(t)
	if ev.QueryStringParameters != nil || ev.MultiValueQueryStringParameters != nil || ev.PathParameters != nil {
		t.Errorf("query %v, multi %v, path %v: want nil", ev.QueryStringParameters, ev.MultiValueQueryStringParameters, ev.PathParameters)
	}
}

// TestEventBody: text bodies pass as they are; other content types and
// non-UTF-8 bytes are base64-encoded.
func TestEventBody(t *testing.T) {
	b := newBed(t, Options{})
	tests := []struct {
		contentType, body string
		base64            bool
	}{
		{"application/json", `{"a":"ü"}`, false},
		{"application/json; charset=utf-8", `{}`, false},
		{"application/merge-patch+json", `{}`, false},
		{"text/plain", "hello", false},
		{"", "no type", false},
		{"image/png", "\x89PNG\r\n", true},
		{"application/octet-stream", "bytes", true},
		{"text/plain", "\xff\xfe", true},
	}
	for _, tt := range tests {
		b.do("PATCH", "/files/x", tt.body, "Content-Type", tt.contentType)
		ev := b.recs["FilesFunction"].last(t)
		want := tt.body
		if tt.base64 {
			want = base64.StdEncoding.EncodeToString([]byte(tt.body))
		}
		if ev.IsBase64Encoded != tt.base64 || ev.Body != want {
			t.Errorf("%q %q: body %q, base64 %v; want %q, %v", tt.contentType, tt.body, ev.Body, ev.IsBase64Encoded, want, tt.base64)
		}
	}
}

// TestQueryWithSemicolons: API Gateway splits the query at "&" only; a ";"
// is part of a key or value (url.ParseQuery would drop those pairs). A
// value that is not valid percent-encoding is passed as sent.
func TestQueryWithSemicolons(t *testing.T) {
	b := newBed(t, Options{})
	w := b.do("GET", "/things/a?q=a;b&x=1;2&y;z&plus=a+b%2Bc&bad=%zz&&q=c", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	ev := b.recs["GetThingFunction"].last(t)
	want := map[string][]string{"q": {"a;b", "c"}, "x": {"1;2"}, "y;z": {""}, "plus": {"a b+c"}, "bad": {"%zz"}}
	if len(ev.MultiValueQueryStringParameters) != len(want) {
		t.Errorf("multiValueQueryStringParameters = %q, want %q", ev.MultiValueQueryStringParameters, want)
	}
	for k, vs := range want {
		if got := ev.MultiValueQueryStringParameters[k]; !slices.Equal(got, vs) {
			t.Errorf("multiValueQueryStringParameters[%q] = %q, want %q", k, got, vs)
		}
		if got := ev.QueryStringParameters[k]; got != vs[len(vs)-1] {
			t.Errorf("queryStringParameters[%q] = %q, want %q", k, got, vs[len(vs)-1])
		}
	}
}
