package rental_test

import (
	"reflect"
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
		fields []rental.Field // nil: valid
	}{
		{"pick-up today", at(0, 1), nil},
		{"pick-up tomorrow", at(1, 3), nil},
		{"pick-up yesterday", at(-1, 3), []rental.Field{rental.FieldPickup}},
		{"pick-up long ago", per("2020-01-01", "2020-01-05"), []rental.Field{rental.FieldPickup}},
		{"return on pick-up day", at(2, 0), []rental.Field{rental.FieldReturn}},
		{"return before pick-up", at(5, -2), []rental.Field{rental.FieldReturn}},
		{"1 day", at(3, 1), nil},
		{"30 days", at(3, 30), nil},
		{"31 days", at(3, 31), []rental.Field{rental.FieldReturn}},
		{"60 days", at(3, 60), []rental.Field{rental.FieldReturn}},
		{"pick-up 365 days ahead", at(365, 1), nil},
		{"pick-up 365 days ahead, 30 days", at(365, 30), nil},
		{"pick-up 366 days ahead", at(366, 1), []rental.Field{rental.FieldPickup}},
		{"pick-up yesterday, return on pick-up day", at(-1, 0), []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{"pick-up yesterday, 31 days", at(-1, 31), []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{"366 ahead, 31 days", at(366, 31), []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{"366 ahead, return before", at(366, -1), []rental.Field{rental.FieldPickup, rental.FieldReturn}},
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

// TestCheckPeriodValues: each violation carries the values its rule
// documents, so that every adapter can say what the limit is.
func TestCheckPeriodValues(t *testing.T) {
	t.Parallel()
	today := d("2026-11-30")
	for _, tc := range []struct {
		p    rental.Period
		want rental.Violation
	}{
		{per("2026-11-29", "2026-12-01"), rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupPast,
			Value: "2026-11-29", Today: today}},
		{per("2027-12-01", "2027-12-02"), rental.Violation{Field: rental.FieldPickup, Rule: rental.RulePickupTooFar,
			Value: "2027-12-01", Today: today, Max: 365, Latest: d("2027-11-30")}}, // the last pick-up day
		{per("2026-12-01", "2026-12-01"), rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleReturnNotAfterPickup,
			Value: "2026-12-01", Pickup: d("2026-12-01")}},
		{per("2026-12-01", "2027-01-01"), rental.Violation{Field: rental.FieldReturn, Rule: rental.RuleRentalTooLong,
			Value: "2027-01-01", Pickup: d("2026-12-01"), Days: 31, Max: 30, Latest: d("2026-12-31")}},
	} {
		vs := rental.Violations(rental.CheckPeriod(tc.p, today))
		if len(vs) != 1 || !reflect.DeepEqual(vs[0], tc.want) {
			t.Errorf("%s: violations %+v, want %+v", tc.p, vs, tc.want)
		}
	}
}

// TestCheckReturn: the return rules need no calendar, only the pick-up.
func TestCheckReturn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		p      rental.Period
		fields []rental.Field
	}{
		{"1 day, in the past: no calendar rule here", per("2020-01-01", "2020-01-02"), nil},
		{"far ahead: no calendar rule here", per("2035-01-01", "2035-01-31"), nil},
		{"30 days", per("2026-12-01", "2026-12-31"), nil},
		{"31 days", per("2026-12-01", "2027-01-01"), []rental.Field{rental.FieldReturn}},
		{"return on pick-up day", per("2026-12-01", "2026-12-01"), []rental.Field{rental.FieldReturn}},
		{"return before pick-up", per("2026-12-05", "2026-12-01"), []rental.Field{rental.FieldReturn}},
		{"zero period", rental.Period{}, []rental.Field{rental.FieldReturn}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := rental.CheckReturn(tc.p.Pickup, tc.p.Return)
			if tc.fields == nil {
				if v != nil {
					t.Fatalf("CheckReturn = %v, want none", v)
				}
				return
			}
			wantErr(t, rental.Invalid(*v), rental.CodeValidation, tc.fields...)
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
