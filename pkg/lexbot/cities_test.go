package lexbot

import (
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// TestMatchLocations: cities as people type them, against a fleet with two
// stations in Berlin and cities written in English and in their own
// language.
func TestMatchLocations(t *testing.T) {
	locs := []rental.Location{
		{ID: "ber", Name: "Berlin Hauptbahnhof", City: "Berlin"},
		{ID: "txl", Name: "Berlin Airport", City: "Berlin"},
		{ID: "muc", Name: "Munich Airport", City: "Munich"},
		{ID: "cgn", Name: "Köln Hbf", City: "Köln"},
		{ID: "nyc", Name: "New York Midtown", City: "New York"},
		{ID: "lax", Name: "Los Angeles Airport", City: "Los Angeles"},
		{ID: "akl", Name: "Auckland Airport", City: "Auckland"},
		{ID: "sao", Name: "Congonhas", City: "São Paulo"},
	}
	tests := []struct {
		text string
		want string // ids, space-separated; "" for none
	}{
		{"Berlin", "ber txl"},
		{"  bErLiN ", "ber txl"},
		{"Berlin, Germany", "ber txl"},
		{"Berlin Hauptbahnhof", "ber"},
		{"berlin-hauptbahnhof", "ber"},
		{"Berlin Airport", "txl"},
		{"TXL", "txl"},
		{"Munich", "muc"},
		{"München", "muc"},
		{"Muenchen", "muc"},
		{"MUNCHEN", "muc"},
		{"Cologne", "cgn"},
		{"Koeln", "cgn"},
		{"köln", "cgn"},
		{"NYC", "nyc"},
		{"New York City", "nyc"},
		{"new york, ny", "nyc"},
		{"Manhattan", "nyc"},
		{"LA", "lax"},
		{"L.A.", "lax"},
		{"Los Angelos", "lax"},
		{"Aukland", "akl"},
		{"Sao Paulo", "sao"},
		{"SÃO PAULO", "sao"},
		{"Paris", ""},
		{"La Paz", ""},
		{"York", ""},
		{"Bern", ""}, // two edits from "Berlin", and a city of its own
		{"", ""},
	}
	for _, tc := range tests {
		var ids []string
		for _, l := range matchLocations(tc.text, locs) {
			ids = append(ids, l.ID)
		}
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("matchLocations(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestNarrowByTranscript(t *testing.T) {
	locs := []rental.Location{
		{ID: "ber", Name: "Berlin Hauptbahnhof", City: "Berlin"},
		{ID: "txl", Name: "Berlin Airport", City: "Berlin"},
	}
	for transcript, want := range map[string]string{
		"the berlin airport please":  "txl",
		"Berlin Hauptbahnhof!":       "ber",
		"berlin":                     "ber txl", // says neither: both stay
		"Munich Airport, not Berlin": "ber txl", // cannot add a station the slot did not name
	} {
		var ids []string
		for _, l := range narrowByTranscript(locs, transcript) {
			ids = append(ids, l.ID)
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("narrowByTranscript(%q) = %q, want %q", transcript, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  São-Paulo, SP ": "sao paulo sp",
		"Straße":           "strasse",
		"Øresund":          "oresund",
		"L.A.":             "la",
		"O'Hare":           "ohare",
		"Zürich":           "zurich",
		"Kraków":           "krakow",
		"Łódź":             "lodz",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
