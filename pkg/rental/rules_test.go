package rental_test

import (
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

func TestRuleLimits(t *testing.T) {
	t.Parallel()
	if rental.MaxRentalDays != 30 || rental.MaxDaysAhead != 365 {
		t.Fatalf("MaxRentalDays = %d, MaxDaysAhead = %d; the contract says 30 and 365", rental.MaxRentalDays, rental.MaxDaysAhead)
	}
}

func TestCheckPeriod(t *testing.T) {
	t.Parallel()
	today := d("2026-11-30")
	at := func(offset, days int) rental.Period {
		return rental.Period{Pickup: today.AddDays(offset), Return: today.AddDays(offset + days)}
	}
	for _, tc := range []struct {
		name   string
		p      rental.Period
		fields []string // nil: valid
	}{
		{"pick-up today", at(0, 1), nil},
		{"pick-up tomorrow", at(1, 3), nil},
		{"pick-up yesterday", at(-1, 3), []string{"pickupDate"}},
		{"pick-up long ago", per("2020-01-01", "2020-01-05"), []string{"pickupDate"}},
		{"return on pick-up day", at(2, 0), []string{"returnDate"}},
		{"return before pick-up", at(5, -2), []string{"returnDate"}},
		{"1 day", at(3, 1), nil},
		{"30 days", at(3, 30), nil},
		{"31 days", at(3, 31), []string{"returnDate"}},
		{"60 days", at(3, 60), []string{"returnDate"}},
		{"pick-up 365 days ahead", at(365, 1), nil},
		{"pick-up 365 days ahead, 30 days", at(365, 30), nil},
		{"pick-up 366 days ahead", at(366, 1), []string{"pickupDate"}},
		{"pick-up yesterday, return on pick-up day", at(-1, 0), []string{"pickupDate", "returnDate"}},
		{"pick-up yesterday, 31 days", at(-1, 31), []string{"pickupDate", "returnDate"}},
		{"366 ahead, 31 days", at(366, 31), []string{"pickupDate", "returnDate"}},
		{"366 ahead, return before", at(366, -1), []string{"pickupDate", "returnDate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := rental.CheckPeriod(tc.p, today)
			if tc.fields == nil {
				noErr(t, err)
				return
			}
			wantErr(t, err, rental.CodeValidation, tc.fields...)
		})
	}
}

// TestCheckPeriodMessages: the messages say what the limit is.
func TestCheckPeriodMessages(t *testing.T) {
	t.Parallel()
	today := d("2026-11-30")
	for _, tc := range []struct {
		p             rental.Period
		field, substr string
	}{
		{per("2026-11-29", "2026-12-01"), "pickupDate", "2026-11-30"},
		{per("2027-12-01", "2027-12-02"), "pickupDate", "2027-11-30"}, // the last pick-up day
		{per("2026-12-01", "2026-12-01"), "returnDate", "after pickupDate"},
		{per("2026-12-01", "2027-01-01"), "returnDate", "30"},
	} {
		e := rental.AsError(rental.CheckPeriod(tc.p, today))
		if msg := e.Fields[tc.field]; !strings.Contains(msg, tc.substr) {
			t.Errorf("%s: %s = %q, want it to mention %q", tc.p, tc.field, msg, tc.substr)
		}
	}
}

func TestCheckPeriodShape(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		p      rental.Period
		fields []string
	}{
		{"1 day, in the past: no calendar rule here", per("2020-01-01", "2020-01-02"), nil},
		{"far ahead: no calendar rule here", per("2035-01-01", "2035-01-31"), nil},
		{"30 days", per("2026-12-01", "2026-12-31"), nil},
		{"31 days", per("2026-12-01", "2027-01-01"), []string{"returnDate"}},
		{"return on pick-up day", per("2026-12-01", "2026-12-01"), []string{"returnDate"}},
		{"return before pick-up", per("2026-12-05", "2026-12-01"), []string{"returnDate"}},
		{"zero period", rental.Period{}, []string{"returnDate"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := rental.CheckPeriodShape(tc.p)
			if tc.fields == nil {
				noErr(t, err)
				return
			}
			wantErr(t, err, rental.CodeValidation, tc.fields...)
		})
	}
}

func TestStarted(t *testing.T) {
	t.Parallel()
	pickup := d("2026-12-05")
	for _, tc := range []struct {
		today string
		want  bool
	}{
		{"2026-11-30", false},
		{"2026-12-04", false}, // the day before
		{"2026-12-05", true},  // the pick-up day
		{"2026-12-06", true},
		{"2027-01-05", true},
	} {
		if got := rental.Started(pickup, d(tc.today)); got != tc.want {
			t.Errorf("Started(%s, today %s) = %v, want %v", pickup, tc.today, got, tc.want)
		}
	}
}
