package rental_test

import (
	"slices"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// twoBookings is A on [Jan 1, Jan 5) and B on [Jan 8, Jan 10).
func twoBookings() rental.Schedule {
	return rental.Schedule{res("A", jan(1, 5)), res("B", jan(8, 10))}
}

func TestScheduleConflict(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		p      rental.Period
		except string
		want   string // "" for no conflict
	}{
		{"the gap between", jan(5, 8), "", ""},
		{"ends on A's pick-up day", jan(-3, 1), "", ""},
		{"after B", jan(10, 20), "", ""},
		{"overlaps A's last day", jan(4, 6), "", "A"},
		{"overlaps B's first day", jan(6, 9), "", "B"},
		{"inside A", jan(2, 3), "", "A"},
		{"covers both: the first", jan(1, 20), "", "A"},
		{"covers both except A: B", jan(1, 20), "A", "B"},
		{"covers both except B: A", jan(1, 20), "B", "A"},
		{"A moves within its own days", jan(2, 6), "A", ""},
		{"A moves onto B", jan(7, 9), "A", "B"},
		{"except an unknown booking", jan(4, 6), "Z", "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := twoBookings()
			r, taken := s.Conflict(tc.p, tc.except)
			if tc.want == "" {
				if taken {
					t.Fatalf("Conflict(%s, %q) = %v, want none", tc.p, tc.except, r)
				}
				if r != (rental.Reservation{}) {
					t.Errorf("no conflict, but reservation %v", r)
				}
			} else if !taken || r.BookingID != tc.want {
				t.Fatalf("Conflict(%s, %q) = %v, %v; want %s", tc.p, tc.except, r, taken, tc.want)
			}
			if free := s.Free(tc.p, tc.except); free != (tc.want == "") {
				t.Errorf("Free(%s, %q) = %v", tc.p, tc.except, free)
			}
			if !slices.Equal(s, twoBookings()) {
				t.Errorf("Conflict modified the schedule: %v", s)
			}
		})
	}
	if _, taken := rental.Schedule(nil).Conflict(jan(1, 30), ""); taken {
		t.Error("an empty schedule conflicts")
	}
}

func TestScheduleWith(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		s    rental.Schedule
		r    rental.Reservation
		want rental.Schedule
	}{
		{"into empty", nil, res("C", jan(5, 8)), rental.Schedule{res("C", jan(5, 8))}},
		{"between", twoBookings(), res("C", jan(5, 8)),
			rental.Schedule{res("A", jan(1, 5)), res("C", jan(5, 8)), res("B", jan(8, 10))}},
		{"first", twoBookings(), res("C", jan(-5, 1)),
			rental.Schedule{res("C", jan(-5, 1)), res("A", jan(1, 5)), res("B", jan(8, 10))}},
		{"last", twoBookings(), res("C", jan(20, 22)),
			rental.Schedule{res("A", jan(1, 5)), res("B", jan(8, 10)), res("C", jan(20, 22))}},
		{"replaces A, moving it after B", twoBookings(), res("A", jan(12, 14)),
			rental.Schedule{res("B", jan(8, 10)), res("A", jan(12, 14))}},
		{"replaces B in place, shifted by a day", twoBookings(), res("B", jan(9, 11)),
			rental.Schedule{res("A", jan(1, 5)), res("B", jan(9, 11))}},
		{"sorts an unsorted schedule", rental.Schedule{res("B", jan(8, 10)), res("A", jan(1, 5))}, res("C", jan(5, 6)),
			rental.Schedule{res("A", jan(1, 5)), res("C", jan(5, 6)), res("B", jan(8, 10))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := slices.Clone(tc.s)
			got := tc.s.With(tc.r)
			if !slices.Equal(got, tc.want) {
				t.Errorf("With(%v) = %v, want %v", tc.r, got, tc.want)
			}
			if !slices.Equal(tc.s, before) {
				t.Errorf("With modified the receiver: %v, was %v", tc.s, before)
			}
		})
	}
}

// TestScheduleWithDoesNotAlias: two schedules made from one with spare
// capacity do not share storage.
func TestScheduleWithDoesNotAlias(t *testing.T) {
	t.Parallel()
	base := make(rental.Schedule, 0, 10)
	base = append(base, res("A", jan(1, 5)))
	x := base.With(res("X", jan(10, 12)))
	y := base.With(res("Y", jan(20, 22)))
	if !slices.Equal(x, rental.Schedule{res("A", jan(1, 5)), res("X", jan(10, 12))}) {
		t.Errorf("x = %v after building y", x)
	}
	if !slices.Equal(y, rental.Schedule{res("A", jan(1, 5)), res("Y", jan(20, 22))}) {
		t.Errorf("y = %v", y)
	}
	for name, out := range map[string]rental.Schedule{
		"With":    base.With(res("V", jan(30, 31))),
		"Without": base.Without("Z"),
		"Pruned":  base.Pruned(d("2026-01-01")),
	} {
		out[0].BookingID = "changed"
		if base[0].BookingID != "A" {
			t.Fatalf("%s returned a slice that shares the receiver's storage", name)
		}
	}
}

func TestScheduleWithout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id   string
		want rental.Schedule
	}{
		{"A", rental.Schedule{res("B", jan(8, 10))}},
		{"B", rental.Schedule{res("A", jan(1, 5))}},
		{"Z", twoBookings()},
	} {
		s := twoBookings()
		if got := s.Without(tc.id); !slices.Equal(got, tc.want) {
			t.Errorf("Without(%s) = %v, want %v", tc.id, got, tc.want)
		}
		if !slices.Equal(s, twoBookings()) {
			t.Errorf("Without(%s) modified the receiver: %v", tc.id, s)
		}
	}
}

func TestSchedulePruned(t *testing.T) {
	t.Parallel()
	today := d("2027-01-10")
	s := rental.Schedule{
		res("long-gone", per("2026-12-01", "2026-12-05")),
		res("returned-yesterday", per("2027-01-05", "2027-01-09")),
		res("returned-today", per("2027-01-07", "2027-01-10")),
		res("ends-tomorrow", per("2027-01-10", "2027-01-11")),
		res("running", per("2027-01-08", "2027-01-15")),
		res("future", per("2027-02-01", "2027-02-03")),
	}
	before := slices.Clone(s)
	want := rental.Schedule{
		res("ends-tomorrow", per("2027-01-10", "2027-01-11")),
		res("running", per("2027-01-08", "2027-01-15")),
		res("future", per("2027-02-01", "2027-02-03")),
	}
	if got := s.Pruned(today); !slices.Equal(got, want) {
		t.Errorf("Pruned(%s) = %v, want %v", today, got, want)
	}
	if !slices.Equal(s, before) {
		t.Errorf("Pruned modified the receiver: %v", s)
	}
	if got := rental.Schedule(nil).Pruned(today); len(got) != 0 {
		t.Errorf("nil.Pruned = %v", got)
	}
}
