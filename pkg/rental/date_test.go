package rental_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

func TestParseDateAccepts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in      string
		y, m, d int
	}{
		{"2026-02-03", 2026, 2, 3},
		{"2026-01-01", 2026, 1, 1},
		{"2026-12-31", 2026, 12, 31},
		{"2028-02-29", 2028, 2, 29}, // leap year
		{"2000-02-29", 2000, 2, 29}, // divisible by 400: leap
		{"1970-01-01", 1970, 1, 1},
		{"1969-12-31", 1969, 12, 31}, // before the epoch
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := rental.ParseDate(tc.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if want := time.Date(tc.y, time.Month(tc.m), tc.d, 0, 0, 0, 0, time.UTC); !got.Time().Equal(want) {
				t.Errorf("ParseDate(%q).Time() = %v, want %v", tc.in, got.Time(), want)
			}
			if got.String() != tc.in {
				t.Errorf("ParseDate(%q).String() = %q", tc.in, got.String())
			}
			if rental.MustDate(tc.in) != got {
				t.Errorf("MustDate(%q) != ParseDate", tc.in)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"2026-2-3",
		"2026-02-3",
		"2026-2-03",
		"2026-02-03T00:00:00Z",
		"2026-02-03 ",
		" 2026-02-03",
		"",
		"20260203",
		"2026/02/03",
		"03-02-2026",
		"26-02-03",
		"+2026-02-03",
		"2026-02-30", // impossible days
		"2026-02-29",
		"2025-02-29",
		"2100-02-29", // divisible by 100, not by 400: no leap day
		"2026-04-31",
		"2026-13-01",
		"2026-00-10",
		"2026-01-00",
		"2026-01-32",
		"２０２６-02-03",
	} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got, err := rental.ParseDate(in); err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", in, got)
			}
			var v rental.Date
			if err := v.UnmarshalText([]byte(in)); err == nil {
				t.Fatalf("UnmarshalText(%q) = nil error", in)
			}
		})
	}
}

func TestMustDatePanicsOnBadDate(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Fatal("MustDate(2026-02-30) did not panic")
		}
	}()
	rental.MustDate("2026-02-30")
}

func TestDateAddDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-02-03", 0, "2026-02-03"},
		{"2026-01-31", 1, "2026-02-01"},  // month end
		{"2026-02-28", 1, "2026-03-01"},  // February, common year
		{"2028-02-28", 1, "2028-02-29"},  // February, leap year
		{"2028-02-29", 1, "2028-03-01"},  // leap day
		{"2026-04-30", 1, "2026-05-01"},  // 30-day month
		{"2026-12-31", 1, "2027-01-01"},  // year end
		{"2027-01-01", -1, "2026-12-31"}, // back over a year end
		{"2026-03-01", -1, "2026-02-28"},
		{"2028-03-01", -1, "2028-02-29"},
		{"2026-01-01", 365, "2027-01-01"},
		{"2028-01-01", 366, "2029-01-01"}, // a leap year has 366 days
		{"2028-01-01", 365, "2028-12-31"},
		{"2026-11-30", 30, "2026-12-30"},
		{"2026-12-15", 30, "2027-01-14"},
		{"2026-03-28", 2, "2026-03-30"},  // across Europe's spring-forward
		{"2026-10-24", 2, "2026-10-26"},  // across Europe's fall-back
		{"1969-12-31", 1, "1970-01-01"},  // across the epoch
		{"1970-01-01", -1, "1969-12-31"}, // before the epoch
		{"2026-11-30", 365, "2027-11-30"},
		{"2027-11-30", 365, "2028-11-29"}, // 2028 is a leap year
	} {
		t.Run(fmt.Sprintf("%s%+d", tc.from, tc.n), func(t *testing.T) {
			t.Parallel()
			from, want := rental.MustDate(tc.from), rental.MustDate(tc.want)
			if got := from.AddDays(tc.n); got != want {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tc.from, tc.n, got, want)
			}
			if got := from.DaysUntil(want); got != tc.n {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", tc.from, tc.want, got, tc.n)
			}
			if got := want.DaysUntil(from); got != -tc.n {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", tc.want, tc.from, got, -tc.n)
			}
			if got := want.AddDays(-tc.n); got != from {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tc.want, -tc.n, got, tc.from)
			}
		})
	}
}

func TestDateOrder(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b          string
		cmp           int
		before, after bool
	}{
		{"2026-02-03", "2026-02-04", -1, true, false},
		{"2026-02-04", "2026-02-03", 1, false, true},
		{"2026-02-03", "2026-02-03", 0, false, false},
		{"2026-12-31", "2027-01-01", -1, true, false},
		{"1969-12-31", "1970-01-01", -1, true, false},
	} {
		a, b := d(tc.a), d(tc.b)
		if got := a.Compare(b); got != tc.cmp {
			t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, tc.cmp)
		}
		if got := a.Before(b); got != tc.before {
			t.Errorf("%s.Before(%s) = %v, want %v", a, b, got, tc.before)
		}
		if got := a.After(b); got != tc.after {
			t.Errorf("%s.After(%s) = %v, want %v", a, b, got, tc.after)
		}
	}
}

func TestDateZero(t *testing.T) {
	t.Parallel()
	var z rental.Date
	if !z.IsZero() {
		t.Error("zero Date: IsZero() = false")
	}
	if z.String() != "1970-01-01" {
		t.Errorf("zero Date = %s, want 1970-01-01", z)
	}
	if d("2026-02-03").IsZero() {
		t.Error("2026-02-03 IsZero() = true")
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	type body struct {
		Pickup rental.Date  `json:"pickup"`
		Return *rental.Date `json:"return,omitempty"`
	}
	in := body{Pickup: d("2026-12-31"), Return: ptr(d("2027-01-02"))}
	raw, err := json.Marshal(in)
	noErr(t, err)
	if want := `{"pickup":"2026-12-31","return":"2027-01-02"}`; string(raw) != want {
		t.Fatalf("Marshal = %s, want %s", raw, want)
	}
	var out body
	noErr(t, json.Unmarshal(raw, &out))
	if out.Pickup != in.Pickup || out.Return == nil || *out.Return != *in.Return {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}

	for _, bad := range []string{
		`{"pickup":"2026-02-30"}`,
		`{"pickup":"2026-2-3"}`,
		`{"pickup":20261231}`,
		`{"pickup":"2026-12-31T00:00:00Z"}`,
	} {
		var v body
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want an error", bad, v)
		}
	}
}

// TestTodayAcrossZones: one instant is two calendar days at once.
func TestTodayAcrossZones(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		instant, zone, want string
	}{
		{"2026-11-30T11:30:00Z", "Pacific/Auckland", "2026-12-01"},
		{"2026-11-30T11:30:00Z", "America/Los_Angeles", "2026-11-30"},
		{"2026-11-30T11:30:00Z", "UTC", "2026-11-30"},
		{"2026-11-30T11:30:00Z", "Europe/Berlin", "2026-11-30"},
		{"2026-11-30T10:59:59Z", "Pacific/Auckland", "2026-11-30"}, // 23:59:59 NZDT
		{"2026-11-30T11:00:00Z", "Pacific/Auckland", "2026-12-01"}, // 00:00 NZDT
		{"2026-12-01T07:59:59Z", "America/Los_Angeles", "2026-11-30"},
		{"2026-12-01T08:00:00Z", "America/Los_Angeles", "2026-12-01"},
		{"2026-12-31T23:30:00Z", "Pacific/Auckland", "2027-01-01"}, // a new year there first
		{"2027-01-01T07:30:00Z", "America/Los_Angeles", "2026-12-31"},
		// The instant's own offset does not matter, only loc.
		{"2026-12-01T00:30:00+13:00", "America/Los_Angeles", "2026-11-30"},
	} {
		t.Run(tc.instant+" "+tc.zone, func(t *testing.T) {
			t.Parallel()
			got := rental.Today(mustTime(t, tc.instant), mustZone(t, tc.zone))
			if got != d(tc.want) {
				t.Errorf("Today(%s, %s) = %s, want %s", tc.instant, tc.zone, got, tc.want)
			}
		})
	}
}

// TestTodayDecidesCheckPeriod: at 2026-11-30T11:30Z, a pick-up on
// 2026-11-30 is already in the past in Auckland but fine in Los Angeles.
func TestTodayDecidesCheckPeriod(t *testing.T) {
	t.Parallel()
	now := mustTime(t, "2026-11-30T11:30:00Z")
	akl := rental.Today(now, mustZone(t, "Pacific/Auckland"))
	lax := rental.Today(now, mustZone(t, "America/Los_Angeles"))
	if akl.DaysUntil(lax) != -1 {
		t.Fatalf("Auckland %s, Los Angeles %s: want Auckland one day ahead", akl, lax)
	}
	noErr(t, rental.CheckPeriod(per("2026-12-01", "2026-12-03"), akl))
	wantErr(t, rental.CheckPeriod(per("2026-11-30", "2026-12-03"), akl), rental.CodeValidation, rental.FieldPickup)
	noErr(t, rental.CheckPeriod(per("2026-11-30", "2026-12-03"), lax))
	wantErr(t, rental.CheckPeriod(per("2026-11-29", "2026-12-03"), lax), rental.CodeValidation, rental.FieldPickup)
}

// TestTodayOnDSTDays: midnight and the last second of each DST change day in
// Berlin and New York map to that day; a second earlier or later does not.
func TestTodayOnDSTDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		instant, zone, want string
	}{
		// Europe/Berlin spring-forward 2026-03-29 (CET +1 -> CEST +2 at 01:00Z).
		{"2026-03-28T22:59:59Z", "Europe/Berlin", "2026-03-28"},
		{"2026-03-28T23:00:00Z", "Europe/Berlin", "2026-03-29"}, // 00:00 CET
		{"2026-03-28T23:30:00Z", "Europe/Berlin", "2026-03-29"}, // 00:30, right after midnight
		{"2026-03-29T01:30:00Z", "Europe/Berlin", "2026-03-29"}, // 03:30 CEST
		{"2026-03-29T21:59:59Z", "Europe/Berlin", "2026-03-29"}, // 23:59:59 CEST
		{"2026-03-29T22:00:00Z", "Europe/Berlin", "2026-03-30"},
		// Europe/Berlin fall-back 2026-10-25 (CEST +2 -> CET +1 at 01:00Z).
		{"2026-10-24T21:59:59Z", "Europe/Berlin", "2026-10-24"},
		{"2026-10-24T22:00:00Z", "Europe/Berlin", "2026-10-25"}, // 00:00 CEST
		{"2026-10-24T22:30:00Z", "Europe/Berlin", "2026-10-25"},
		{"2026-10-25T22:59:59Z", "Europe/Berlin", "2026-10-25"}, // 23:59:59 CET
		{"2026-10-25T23:00:00Z", "Europe/Berlin", "2026-10-26"},
		// America/New_York spring-forward 2026-03-08 (EST -5 -> EDT -4 at 07:00Z).
		{"2026-03-08T04:59:59Z", "America/New_York", "2026-03-07"},
		{"2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"}, // 00:00 EST
		{"2026-03-08T05:30:00Z", "America/New_York", "2026-03-08"},
		{"2026-03-09T03:59:59Z", "America/New_York", "2026-03-08"}, // 23:59:59 EDT
		{"2026-03-09T04:00:00Z", "America/New_York", "2026-03-09"},
		// America/New_York fall-back 2026-11-01 (EDT -4 -> EST -5 at 06:00Z).
		{"2026-11-01T03:59:59Z", "America/New_York", "2026-10-31"},
		{"2026-11-01T04:00:00Z", "America/New_York", "2026-11-01"}, // 00:00 EDT
		{"2026-11-01T04:30:00Z", "America/New_York", "2026-11-01"},
		{"2026-11-02T04:59:59Z", "America/New_York", "2026-11-01"}, // 23:59:59 EST
		{"2026-11-02T05:00:00Z", "America/New_York", "2026-11-02"},
	} {
		t.Run(tc.instant+" "+tc.zone, func(t *testing.T) {
			t.Parallel()
			got := rental.Today(mustTime(t, tc.instant), mustZone(t, tc.zone))
			if got != d(tc.want) {
				t.Errorf("Today(%s, %s) = %s, want %s", tc.instant, tc.zone, got, tc.want)
			}
		})
	}
}

// TestDaysAcrossDST: a period over a DST change counts calendar days, not
// 24-hour spans (the local midnights are 23 or 25 hours apart).
func TestDaysAcrossDST(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		zone         string
		pickup, ret  string
		days         int
		elapsedHours float64
	}{
		{"Europe/Berlin", "2026-03-28", "2026-03-30", 2, 47},
		{"Europe/Berlin", "2026-03-29", "2026-03-30", 1, 23},
		{"Europe/Berlin", "2026-10-24", "2026-10-26", 2, 49},
		{"Europe/Berlin", "2026-10-25", "2026-10-26", 1, 25},
		{"America/New_York", "2026-03-07", "2026-03-09", 2, 47},
		{"America/New_York", "2026-03-08", "2026-03-09", 1, 23},
		{"America/New_York", "2026-10-31", "2026-11-02", 2, 49},
		{"America/New_York", "2026-11-01", "2026-11-02", 1, 25},
		{"Europe/Berlin", "2026-03-01", "2026-03-31", 30, 30*24 - 1},
	} {
		t.Run(tc.zone+" "+tc.pickup, func(t *testing.T) {
			t.Parallel()
			loc := mustZone(t, tc.zone)
			p := per(tc.pickup, tc.ret)
			if got := p.Days(); got != tc.days {
				t.Errorf("%s Days() = %d, want %d", p, got, tc.days)
			}
			// The dates as the location's clocks show them at local midnight
			// and at local noon: DateOf must read the wall calendar.
			for _, hour := range []int{0, 12, 23} {
				a := time.Date(p.Pickup.Time().Year(), p.Pickup.Time().Month(), p.Pickup.Time().Day(), hour, 0, 0, 0, loc)
				b := time.Date(p.Return.Time().Year(), p.Return.Time().Month(), p.Return.Time().Day(), hour, 0, 0, 0, loc)
				if hour == 0 {
					if h := b.Sub(a).Hours(); h != tc.elapsedHours {
						t.Fatalf("test setup: %v..%v is %vh, want %vh", a, b, h, tc.elapsedHours)
					}
				}
				if got := rental.DateOf(a); got != p.Pickup {
					t.Errorf("DateOf(%v) = %s, want %s", a, got, p.Pickup)
				}
				if got := rental.DateOf(a).DaysUntil(rental.DateOf(b)); got != tc.days {
					t.Errorf("DateOf(%v).DaysUntil(DateOf(%v)) = %d, want %d", a, b, got, tc.days)
				}
			}
			q, err := rental.QuoteFor(rental.Money{Amount: 4500, Currency: "EUR"}, p)
			noErr(t, err)
			if q.Days != tc.days || q.Total.Amount != int64(tc.days)*4500 {
				t.Errorf("QuoteFor = %+v, want %d days, %d", q, tc.days, tc.days*4500)
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	t.Parallel()
	got := d("2026-03-29").Time()
	if want := time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v", got, want)
	}
}
