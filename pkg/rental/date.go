package rental

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time zone, as the API writes it
// ("YYYY-MM-DD"). A rental's dates are days in the pick-up location's time
// zone, so Date never carries one: arithmetic on days cannot be bent by DST.
//
// The zero Date is 1970-01-01 and reports IsZero; no booking can use it.
type Date struct {
	days int64 // days since 1970-01-01 in the proleptic Gregorian calendar
}

const dateLayout = "2006-01-02"

// ParseDate reads "YYYY-MM-DD". It rejects other layouts and impossible
// days such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || len(s) != len(dateLayout) {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in tests and seed data; it panics on a
// bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{days: floorDiv(u.Unix(), 86400)}
}

// Today is the calendar day that the instant now falls on in loc.
func Today(now time.Time, loc *time.Location) Date { return DateOf(now.In(loc)) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Time is the day's midnight in UTC.
func (d Date) Time() time.Time { return time.Unix(d.days*86400, 0).UTC() }

// String writes "YYYY-MM-DD".
func (d Date) String() string { return d.Time().Format(dateLayout) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.days == 0 }

// AddDays is the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return Date{days: d.days + int64(n)} }

// DaysUntil is the number of days from d to e: negative when e is before d.
func (d Date) DaysUntil(e Date) int { return int(e.days - d.days) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.days < e.days }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.days > e.days }

// Compare is -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.days < e.days:
		return -1
	case d.days > e.days:
		return 1
	}
	return 0
}

// MarshalText writes "YYYY-MM-DD", so a Date is a JSON string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
