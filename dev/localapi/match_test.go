package localapi

import (
	"maps"
	"testing"
)

func TestMatchPath(t *testing.T) {
	tests := []struct {
		resource, path string
		ok             bool
		params         map[string]string
	}{
		{"/things", "/things", true, nil},
		{"/things", "/things/", false, nil},
		{"/things", "/thing", false, nil},
		{"/things/{id}", "/things/a1", true, map[string]string{"id": "a1"}},
		{"/things/{id}", "/things/a%20b", true, map[string]string{"id": "a%20b"}}, // kept encoded
		{"/things/{id}", "/things", false, nil},
		{"/things/{id}", "/things/", false, nil},
		{"/things/{id}", "/things/a/b", false, nil},
		{"/files/{key+}", "/files/a/b/c", true, map[string]string{"key": "a/b/c"}},
		{"/files/{key+}", "/files", false, nil},
		{"/", "/", true, nil},
		{"/{proxy+}", "/anything/at/all", true, map[string]string{"proxy": "anything/at/all"}},
	}
	for _, tt := range tests {
		params, _, ok := matchPath(tt.resource, tt.path)
		if ok != tt.ok || !maps.Equal(params, tt.params) {
			t.Errorf("matchPath(%q, %q) = %v, %v; want %v, %v", tt.resource, tt.path, params, ok, tt.params, tt.ok)
		}
	}
}

// TestFindPrefersSpecific: a literal segment beats a parameter, an
// explicit method beats ANY; another method on a known path is no route.
func TestFindPrefersSpecific(t *testing.T) {
	api, err := Read(parse(t, testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		route        string // "" for none
		known        bool
	}{
		{"GET", "/things/special", "GET /things/special", true},
		{"GET", "/things/x", "GET /things/{thingId}", true},
		{"PUT", "/things/x", "PUT /things/{thingId}", true},
		{"DELETE", "/things/x", "", true},
		{"PATCH", "/files/a/b", "ANY /files/{key+}", true},
		{"GET", "/nothing", "", false},
	}
	for _, tt := range tests {
		m, known := api.find(tt.method, tt.path)
		got := ""
		if m.route != nil {
			got = m.route.String()
		}
		if got != tt.route || known != tt.known {
			t.Errorf("find(%s %s) = %q, known %v; want %q, %v", tt.method, tt.path, got, known, tt.route, tt.known)
		}
	}
	for path, want := range map[string]bool{"/things": true, "/things/x/y": true, "/files": true, "/": false, "/thing": false, "/my-bookings": false} {
		if api.owns(path) != want {
			t.Errorf("owns(%q) = %v, want %v", path, !want, want)
		}
	}
}
