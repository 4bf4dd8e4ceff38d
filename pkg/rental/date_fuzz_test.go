package rental_test

import (
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// FuzzParseDate guards ParseDate, which reads every date of the API and
// the chatbot: it never panics, and what it accepts is exactly the string
// that the Date writes back (so no second spelling of a day, such as a
// signed year, gets past validation). Its seeds are in
// testdata/fuzz/FuzzParseDate; `make fuzz` explores further.
func FuzzParseDate(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		d, err := rental.ParseDate(s)
		if err != nil {
			if d != (rental.Date{}) {
				t.Fatalf("ParseDate(%q) failed but returned %v", s, d)
			}
			return
		}
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q) = %s: accepted a string that does not round-trip", s, got)
		}
		var back rental.Date
		if err := back.UnmarshalText([]byte(s)); err != nil || back != d {
			t.Fatalf("UnmarshalText(%q) = %v, %v; ParseDate gave %v", s, back, err, d)
		}
		if text, _ := d.MarshalText(); string(text) != s {
			t.Fatalf("MarshalText of ParseDate(%q) = %q", s, text)
		}
	})
}
