package rental_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

func TestMonthOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		day   string
		year  int
		month int
		first string
	}{
		{"2027-03-05", 2027, 3, "2027-03-01"},
		{"2027-01-01", 2027, 1, "2027-01-01"},
		{"2026-12-31", 2026, 12, "2026-12-01"},
		{"2028-02-29", 2028, 2, "2028-02-01"},
	} {
		m := rental.MonthOf(d(tc.day))
		if m.Year() != tc.year || int(m.Number()) != tc.month || m.First() != d(tc.first) {
			t.Errorf("MonthOf(%s) = %d-%d first %s", tc.day, m.Year(), m.Number(), m.First())
		}
	}
	if rental.MonthOf(d("2027-01-01")) != rental.MonthOf(d("2026-12-31"))+1 {
		t.Error("months do not count across a year")
	}
}

// TestPeriodMasks: a period's days, one bit a day (bit d-1 for day d), one
// mask a month, across month and year ends.
func TestPeriodMasks(t *testing.T) {
	t.Parallel()
	dec, jan := rental.MonthOf(d("2026-12-01")), rental.MonthOf(d("2027-01-01"))
	for _, tc := range []struct {
		p    rental.Period
		want map[rental.Month]uint32
	}{
		{per("2026-12-01", "2026-12-02"), map[rental.Month]uint32{dec: 1}},
		{per("2026-12-03", "2026-12-06"), map[rental.Month]uint32{dec: 0b11100}},
		{per("2026-12-31", "2027-01-02"), map[rental.Month]uint32{dec: 1 << 30, jan: 1}},
		{per("2026-12-01", "2026-12-31"), map[rental.Month]uint32{dec: 1<<30 - 1}},
	} {
		if got := rental.PeriodMasks(tc.p); !maps.Equal(got, tc.want) {
			t.Errorf("PeriodMasks(%s) = %b, want %b", tc.p, got, tc.want)
		}
	}
}

// TestAvailability: reserving books a period's days and nothing else,
// releasing frees them, pruning drops the months before today's; the
// receiver never changes.
func TestAvailability(t *testing.T) {
	t.Parallel()
	var a rental.Availability
	a1 := a.Reserve(per("2026-12-30", "2027-01-03")).Reserve(per("2027-01-10", "2027-01-12"))
	if len(a.Months()) != 0 {
		t.Fatalf("Reserve changed its receiver: %v", a.Masks())
	}
	for _, tc := range []struct {
		p    rental.Period
		free bool
	}{
		{per("2026-12-20", "2026-12-30"), true}, // ends on the first booked day
		{per("2026-12-29", "2026-12-31"), false},
		{per("2027-01-03", "2027-01-10"), true}, // the gap
		{per("2027-01-02", "2027-01-04"), false},
		{per("2027-01-11", "2027-01-20"), false},
		{per("2027-01-12", "2027-02-12"), true},
	} {
		if got := a1.Free(tc.p); got != tc.free {
			t.Errorf("Free(%s) = %v, want %v", tc.p, got, tc.free)
		}
	}
	wantDays := []rental.Date{d("2026-12-30"), d("2026-12-31"), d("2027-01-01"), d("2027-01-02"), d("2027-01-10"), d("2027-01-11")}
	if got := a1.Booked(d("2026-12-01"), d("2027-02-01")); !slices.Equal(got, wantDays) {
		t.Errorf("Booked = %v, want %v", got, wantDays)
	}

	a2 := a1.Release(per("2026-12-30", "2027-01-03"))
	if got := a2.Months(); !slices.Equal(got, []rental.Month{rental.MonthOf(d("2027-01-01"))}) {
		t.Errorf("after Release: months %v, want January only (an empty month is dropped)", got)
	}
	if !a2.Free(per("2026-12-30", "2027-01-03")) || a2.Free(per("2027-01-10", "2027-01-11")) {
		t.Errorf("after Release: %b", a2.Masks())
	}
	if a1.Free(per("2026-12-30", "2026-12-31")) {
		t.Error("Release changed its receiver")
	}

	pruned := a1.Pruned(d("2027-01-05"))
	if got := pruned.Months(); !slices.Equal(got, []rental.Month{rental.MonthOf(d("2027-01-05"))}) {
		t.Errorf("Pruned: months %v, want January only", got)
	}
	if same := a1.Pruned(d("2026-12-31")); !maps.Equal(same.Masks(), a1.Masks()) {
		t.Errorf("Pruned in the first month dropped something: %b", same.Masks())
	}
}

// TestAvailabilityOf drops zero masks: a month with nothing booked.
func TestAvailabilityOf(t *testing.T) {
	t.Parallel()
	m := rental.MonthOf(d("2027-03-01"))
	a := rental.AvailabilityOf(map[rental.Month]uint32{m: 0, m + 1: 4})
	if got := a.Months(); !slices.Equal(got, []rental.Month{m + 1}) || a.Mask(m+1) != 4 || a.Mask(m) != 0 {
		t.Errorf("AvailabilityOf: %b", a.Masks())
	}
}
