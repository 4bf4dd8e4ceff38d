package lexbot

import (
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		m    rental.Money
		want string
	}{
		{rental.Money{Amount: 11700, Currency: "EUR"}, "€117.00"},
		{rental.Money{Amount: 5, Currency: "USD"}, "$0.05"},
		{rental.Money{Amount: 123456789, Currency: "GBP"}, "£1,234,567.89"},
		{rental.Money{Amount: 15000, Currency: "JPY"}, "¥15,000"},
		{rental.Money{Amount: 19500, Currency: "NZD"}, "NZ$195.00"},
		{rental.Money{Amount: 123450, Currency: "SEK"}, "1,234.50 SEK"},
		{rental.Money{Amount: 100000, Currency: "CHF"}, "CHF 1,000.00"},
		{rental.Money{Amount: -250, Currency: "EUR"}, "-€2.50"},
	} {
		if got := money(tc.m); got != tc.want {
			t.Errorf("money(%+v) = %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	if got := longDate(rental.MustDate("2026-12-04")); got != "Friday 4 December 2026" {
		t.Errorf("longDate = %q", got)
	}
	for _, tc := range []struct {
		items    []string
		and, or_ string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", "a"},
		{[]string{"a", "b"}, "a and b", "a or b"},
		{[]string{"a", "b", "c"}, "a, b and c", "a, b or c"},
	} {
		if got := andList(tc.items); got != tc.and {
			t.Errorf("andList(%q) = %q", tc.items, got)
		}
		if got := orList(tc.items); got != tc.or_ {
			t.Errorf("orList(%q) = %q", tc.items, got)
		}
	}
	if days(1) != "1 day" || days(3) != "3 days" {
		t.Error("days")
	}
	for word, want := range map[string]string{"economy": "n", "SUV": "n", "compact": "", "Audi": "n", "Toyota": "", "": ""} {
		if got := article(word); got != want {
			t.Errorf("article(%q) = %q, want %q", word, got, want)
		}
	}
	for _, tc := range []struct {
		typ            rental.CarType
		one, withA, so string
	}{
		{rental.SUV, "SUV", "an SUV", "SUVs"}, {rental.Van, "van", "a van", "vans"},
		{rental.Economy, "economy car", "an economy car", "economy cars"}, {rental.Luxury, "luxury car", "a luxury car", "luxury cars"},
	} {
		one := typeNoun(tc.typ, false)
		if withA := "a" + article(one) + " " + one; one != tc.one || withA != tc.withA || typeNoun(tc.typ, true) != tc.so {
			t.Errorf("typeNoun(%s) = %q (%q), %q; want %q (%q), %q", tc.typ, one, withA, typeNoun(tc.typ, true), tc.one, tc.withA, tc.so)
		}
	}
	long := strings.Repeat("é", MaxMessageLength+10)
	if got := []rune(clip(long)); len(got) != MaxMessageLength || got[len(got)-1] != '…' {
		t.Errorf("clip: %d runes", len(got))
	}
	if clip("short") != "short" {
		t.Error("clip changed a short message")
	}
}

func TestParseCarType(t *testing.T) {
	for in, want := range map[string]rental.CarType{
		"economy": rental.Economy, "Economy": rental.Economy, "cheap": rental.Economy, "small car": rental.Economy,
		"SUV": rental.SUV, "4x4": rental.SUV, "4X4": rental.SUV, "mid-size": rental.Midsize, "midsize": rental.Midsize,
		"7 seater": rental.Van, "seven-seater": rental.Van, "family car": rental.Van, "premium": rental.Luxury,
		"luxury cars": rental.Luxury, "van": rental.Van, "compact one": rental.Compact,
	} {
		if got, ok := parseCarType(in); !ok || got != want {
			t.Errorf("parseCarType(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "tractor", "car", "economy class flight"} {
		if got, ok := parseCarType(in); ok {
			t.Errorf("parseCarType(%q) = %q, want none", in, got)
		}
	}
	for _, typ := range rental.CarTypes {
		if got, ok := parseCarType(string(typ)); !ok || got != typ {
			t.Errorf("parseCarType(%q) = %q, %v", typ, got, ok)
		}
	}
}
