package rental

import "testing"

// TestCheckText: the names staff give cars and locations show in the
// staff pages and in customers' emails as they are, so what would show
// as something else is refused, and what real names use is not.
func TestCheckText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, s string
		ok      bool
	}{
		{"plain", "Volkswagen Golf", true},
		{"accents", "Škoda Octavia Zürich", true},
		{"Persian with ZWNJ", "می\u200cخواهم", true},
		{"emoji with ZWJ", "Van 👨\u200d👩\u200d👧", true},
		{"right-to-left override", "Golf\u202Egpj.exe", false},
		{"left-to-right isolate", "Golf\u2066x\u2069", false},
		{"right-to-left mark", "Golf\u200F", false},
		{"zero-width space", "Go\u200Blf", false},
		{"byte order mark", "\uFEFFGolf", false},
		{"replacement character (a lone surrogate in the JSON)", "Golf\uFFFD", false},
		{"control character", "Golf\u0007", false},
	} {
		if v := checkText(FieldMake, tc.s, 40); (v == nil) != tc.ok {
			t.Errorf("%s: %q gives %+v, want ok %v", tc.name, tc.s, v, tc.ok)
		}
	}
}
