package lexlocal

import (
	"testing"
	"time"
)

// monday30Nov is the tests' today: Monday 30 November 2026.
var monday30Nov = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// TestResolveDate: the phrases of AMAZON.Date that the stand-in
// understands, as the developer guide resolves them, counted from Monday
// 30 November 2026.
func TestResolveDate(t *testing.T) {
	cases := []struct {
		said   string
		locale string
		want   string // "" means not a date
	}{
		{"today", "en_US", "2026-11-30"},
		{"now", "en_US", "2026-11-30"},
		{"tomorrow", "en_US", "2026-12-01"},
		{"the day after tomorrow", "en_US", "2026-12-02"},
		{"yesterday", "en_US", "2026-11-29"},
		{"Friday", "en_US", "2026-12-04"},
		{"this friday", "en_US", "2026-12-04"},
		{"on Friday", "en_US", "2026-12-04"},
		{"monday", "en_US", "2026-11-30"}, // today is Monday: on or after today
		{"next Monday", "en_US", "2026-12-07"},
		{"next Friday", "en_US", "2026-12-04"},
		{"last friday", "en_US", "2026-11-27"},
		{"in 3 days", "en_US", "2026-12-03"},
		{"in three days", "en_US", "2026-12-03"},
		{"in a week", "en_US", "2026-12-07"},
		{"in two weeks time", "en_US", "2026-12-14"},
		{"in 95 days", "en_US", "2027-03-05"},
		{"in twenty one days", "en_US", "2026-12-21"},
		{"3 days from now", "en_US", "2026-12-03"},
		{"in a month", "en_US", "2026-12-30"},
		{"March 5", "en_US", "2027-03-05"},
		{"march 5th", "en_US", "2027-03-05"},
		{"5 March", "en_US", "2027-03-05"},
		{"the 5th of March", "en_US", "2027-03-05"},
		{"March the fifth", "en_US", "2027-03-05"},
		{"December 24", "en_US", "2026-12-24"},
		{"November 30", "en_US", "2026-11-30"}, // today
		{"November 29", "en_US", "2027-11-29"}, // past this year: next year's
		{"March 5, 2028", "en_US", "2028-03-05"},
		{"the twenty-fifth of december", "en_US", "2026-12-25"},
		{"the 5th", "en_US", "2026-12-05"},
		{"the 30th", "en_US", "2026-11-30"},
		{"5/3", "en_US", "2027-05-03"}, // month first
		{"5/3", "en_GB", "2027-03-05"}, // day first
		{"12/24/2026", "en_US", "2026-12-24"},
		{"24/12/26", "en_GB", "2026-12-24"},
		{"2027-03-05", "en_US", "2027-03-05"},
		{"next week", "en_US", "2026-12-06"}, // the last day of the current week, as the guide says
		{"this week", "en_US", "2026-11-30"},
		{"last week", "en_US", "2026-11-23"},
		{"next month", "en_US", "2026-12-31"},
		{"this month", "en_US", "2026-11-01"},
		{"next year", "en_US", "2027-12-31"},
		{"February 30", "en_US", ""},
		{"2027-02-30", "en_US", ""},
		{"13/13", "en_US", ""},
		{"5", "en_US", ""},
		{"march", "en_US", ""},
		{"berlin", "en_US", ""},
		{"in days", "en_US", ""},
	}
	for _, c := range cases {
		got, ok := resolveDate(words(tokenize(c.said)), monday30Nov, c.locale)
		switch {
		case c.want == "" && ok:
			t.Errorf("%q (%s) = %s, want not a date", c.said, c.locale, isoDay(got))
		case c.want != "" && (!ok || isoDay(got) != c.want):
			t.Errorf("%q (%s) = %s %v, want %s", c.said, c.locale, isoDay(got), ok, c.want)
		}
	}
}

// TestLeapDay: 29 February without a year is the next one there is.
func TestLeapDay(t *testing.T) {
	got, ok := resolveDate([]string{"february", "29"}, monday30Nov, "en_US")
	if !ok || isoDay(got) != "2028-02-29" {
		t.Errorf("february 29 = %s %v, want 2028-02-29", isoDay(got), ok)
	}
}
