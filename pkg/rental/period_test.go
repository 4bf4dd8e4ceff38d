package rental_test

import (
	"math"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// jan is the period [2027-01-a, 2027-01-b): short names for overlap tables.
func jan(a, b int) rental.Period {
	first := d("2027-01-01")
	return rental.Period{Pickup: first.AddDays(a - 1), Return: first.AddDays(b - 1)}
}

func TestPeriodDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p    rental.Period
		want int
	}{
		{per("2026-02-03", "2026-02-04"), 1},
		{per("2026-02-03", "2026-02-06"), 3},
		{per("2026-02-27", "2026-03-01"), 2}, // common February
		{per("2028-02-27", "2028-03-01"), 3}, // leap February
		{per("2026-12-30", "2027-01-02"), 3}, // year end
		{per("2026-12-01", "2026-12-31"), 30},
		{per("2026-02-03", "2026-02-03"), 0},
		{per("2026-02-05", "2026-02-03"), -2},
	} {
		if got := tc.p.Days(); got != tc.want {
			t.Errorf("%s Days() = %d, want %d", tc.p, got, tc.want)
		}
	}
}

func TestPeriodString(t *testing.T) {
	t.Parallel()
	if got, want := per("2026-12-30", "2027-01-02").String(), "2026-12-30/2027-01-02"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestPeriodOverlaps: periods are half-open, [pickup, return); every row is
// checked both ways round (Overlaps is symmetric).
func TestPeriodOverlaps(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		p, q rental.Period
		want bool
	}{
		{"back to back", jan(1, 5), jan(5, 8), false},
		{"back to back, one day each", jan(4, 5), jan(5, 6), false},
		{"overlap by the last day", jan(1, 5), jan(4, 6), true},
		{"overlap by the first day", jan(1, 5), jan(0, 2), true},
		{"one day in common", jan(1, 5), jan(4, 5), true},
		{"containment", jan(1, 8), jan(3, 4), true},
		{"same start, shorter", jan(1, 8), jan(1, 2), true},
		{"same end, shorter", jan(1, 8), jan(7, 8), true},
		{"identical", jan(1, 5), jan(1, 5), true},
		{"identical single day", jan(3, 4), jan(3, 4), true},
		{"disjoint with a gap", jan(1, 3), jan(10, 12), false},
		{"gap of one day", jan(1, 3), jan(4, 6), false},
		{"across a month end", per("2027-01-30", "2027-02-02"), per("2027-02-01", "2027-02-05"), true},
		{"back to back over a year end", per("2026-12-28", "2027-01-01"), per("2027-01-01", "2027-01-03"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.p.Overlaps(tc.q); got != tc.want {
				t.Errorf("%s.Overlaps(%s) = %v, want %v", tc.p, tc.q, got, tc.want)
			}
			if got := tc.q.Overlaps(tc.p); got != tc.want {
				t.Errorf("%s.Overlaps(%s) = %v, want %v (symmetry)", tc.q, tc.p, got, tc.want)
			}
		})
	}
}

func TestMoneyTimes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		amount int64
		n      int
		want   int64
		fails  bool
	}{
		{"3 x 4500", 4500, 3, 13500, false},
		{"1 x 4500", 4500, 1, 4500, false},
		{"0 days", 4500, 0, 0, false},
		{"zero rate", 0, 30, 0, false},
		{"max x 1", math.MaxInt64, 1, math.MaxInt64, false},
		{"largest that fits x 2", math.MaxInt64 / 2, 2, math.MaxInt64 - 1, false},
		{"one more overflows", math.MaxInt64/2 + 1, 2, 0, true},
		{"max x 2 overflows", math.MaxInt64, 2, 0, true},
		{"largest that fits x 30", math.MaxInt64 / 30, 30, (math.MaxInt64 / 30) * 30, false},
		{"one more x 30 overflows", math.MaxInt64/30 + 1, 30, 0, true},
		{"negative count", 4500, -1, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := rental.Money{Amount: tc.amount, Currency: "USD"}.Times(tc.n)
			if tc.fails {
				if err == nil {
					t.Fatalf("Times = %v, want an error", got)
				}
				return
			}
			noErr(t, err)
			if got != (rental.Money{Amount: tc.want, Currency: "USD"}) {
				t.Errorf("Times = %+v, want %d USD", got, tc.want)
			}
		})
	}
}

func TestQuoteFor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		rate  rental.Money
		p     rental.Period
		want  rental.Quote
		fails bool
	}{
		{"3 days at 45.00 USD", rental.Money{Amount: 4500, Currency: "USD"}, per("2026-12-01", "2026-12-04"),
			rental.Quote{Days: 3, Total: rental.Money{Amount: 13500, Currency: "USD"}}, false},
		{"1 day", rental.Money{Amount: 3199, Currency: "EUR"}, per("2026-12-31", "2027-01-01"),
			rental.Quote{Days: 1, Total: rental.Money{Amount: 3199, Currency: "EUR"}}, false},
		{"30 days luxury", rental.Money{Amount: 15000, Currency: "EUR"}, per("2026-12-15", "2027-01-14"),
			rental.Quote{Days: 30, Total: rental.Money{Amount: 450000, Currency: "EUR"}}, false},
		{"leap February", rental.Money{Amount: 1000, Currency: "NZD"}, per("2028-02-28", "2028-03-01"),
			rental.Quote{Days: 2, Total: rental.Money{Amount: 2000, Currency: "NZD"}}, false},
		{"overflow", rental.Money{Amount: math.MaxInt64/30 + 1, Currency: "USD"}, per("2026-12-01", "2026-12-31"),
			rental.Quote{}, true},
		{"return before pickup", rental.Money{Amount: 4500, Currency: "USD"}, per("2026-12-04", "2026-12-01"),
			rental.Quote{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := rental.QuoteFor(tc.rate, tc.p)
			if tc.fails {
				if err == nil {
					t.Fatalf("QuoteFor = %+v, want an error", got)
				}
				return
			}
			noErr(t, err)
			if got != tc.want {
				t.Errorf("QuoteFor(%v, %s) = %+v, want %+v", tc.rate, tc.p, got, tc.want)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		m    rental.Money
		want string
	}{
		{rental.Money{Amount: 13500, Currency: "USD"}, "135.00 USD"},
		{rental.Money{Amount: 4599, Currency: "EUR"}, "45.99 EUR"},
		{rental.Money{Amount: 5, Currency: "EUR"}, "0.05 EUR"},
		{rental.Money{Amount: 50, Currency: "EUR"}, "0.50 EUR"},
		{rental.Money{Amount: 0, Currency: "NZD"}, "0.00 NZD"},
		{rental.Money{Amount: 100, Currency: "USD"}, "1.00 USD"},
		{rental.Money{Amount: 123456789, Currency: "USD"}, "1234567.89 USD"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestBookingDays(t *testing.T) {
	t.Parallel()
	b := rental.Booking{Period: per("2026-12-30", "2027-01-02")}
	if b.Days() != 3 {
		t.Errorf("Booking.Days() = %d, want 3", b.Days())
	}
}

func TestParseCarTypeAndStatus(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"economy", "compact", "midsize", "suv", "luxury", "van"} {
		got, err := rental.ParseCarType(s)
		if err != nil || string(got) != s {
			t.Errorf("ParseCarType(%q) = %q, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "SUV", "Economy", "truck", " van"} {
		if got, err := rental.ParseCarType(s); err == nil {
			t.Errorf("ParseCarType(%q) = %q, want an error", s, got)
		}
	}
	for _, s := range []string{"CONFIRMED", "CANCELLED"} {
		got, err := rental.ParseBookingStatus(s)
		if err != nil || string(got) != s {
			t.Errorf("ParseBookingStatus(%q) = %q, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "confirmed", "CANCELED", "PENDING"} {
		if got, err := rental.ParseBookingStatus(s); err == nil {
			t.Errorf("ParseBookingStatus(%q) = %q, want an error", s, got)
		}
	}
}

func TestCarSummary(t *testing.T) {
	t.Parallel()
	c := carByID("b-suv-1")
	c.Availability = c.Availability.Reserve(jan(1, 2))
	want := rental.CarSummary{ID: "b-suv-1", Make: "Make-b-suv-1", Model: "Model-b-suv-1", Type: rental.SUV,
		Seats: 5, Transmission: rental.Automatic, ImageKey: "cars/b-suv-1.svg"}
	if got := c.Summary(); got != want {
		t.Errorf("Summary() = %+v, want %+v", got, want)
	}
}
