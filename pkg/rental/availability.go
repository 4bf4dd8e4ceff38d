package rental

import (
	"maps"
	"slices"
	"time"
)

// Month is a calendar month: 12*year + (month-1), so that months compare
// and count as integers (Month(2027*12+2) is March 2027).
type Month int32

// MonthOf is the month of day d.
func MonthOf(d Date) Month {
	y, m, _ := d.Time().Date()
	return Month(y*12 + int(m) - 1)
}

// Year is the month's year.
func (m Month) Year() int { return int(m) / 12 }

// Number is the month of its year, January to December.
func (m Month) Number() time.Month { return time.Month(int(m)%12 + 1) }

// First is the month's first day.
func (m Month) First() Date {
	return DateOf(time.Date(m.Year(), m.Number(), 1, 0, 0, 0, 0, time.UTC))
}

// Availability is which days a car is booked, as one bit mask a month: bit
// d-1 of a month's mask is set when day d of it is booked. Its size does
// not grow with the bookings: a month costs the same whether one day of it
// is booked or all of them, and a car can be booked at most MaxDaysAhead +
// MaxRentalDays days ahead, so it spans at most 14 months after pruning.
//
// The masks know nothing of which booking holds a day: the bookings do.
// The rule that keeps them true is that every confirmed booking's days
// are set in its car's masks, and no other day is. Reserve and Release
// keep it when the Service calls them only on days that it checked.
//
// Methods return a new Availability and never modify the receiver.
type Availability struct {
	masks map[Month]uint32
}

// AvailabilityOf is an Availability from masks by month (a store's items);
// zero masks are dropped.
func AvailabilityOf(masks map[Month]uint32) Availability {
	out := Availability{masks: map[Month]uint32{}}
	for m, bits := range masks {
		if bits != 0 {
			out.masks[m] = bits
		}
	}
	return out
}

// Masks returns the non-zero masks by month (a copy).
func (a Availability) Masks() map[Month]uint32 { return maps.Clone(a.masks) }

// Mask is month m's mask; 0 when nothing of it is booked.
func (a Availability) Mask(m Month) uint32 { return a.masks[m] }

// Months lists the months with booked days, in order.
func (a Availability) Months() []Month { return slices.Sorted(maps.Keys(a.masks)) }

// PeriodMasks splits p's days into one mask a month, in month order: what
// Reserve sets and Release clears. p must have at least one day.
func PeriodMasks(p Period) map[Month]uint32 {
	out := map[Month]uint32{}
	for d := p.Pickup; d.Before(p.Return); d = d.AddDays(1) {
		_, _, day := d.Time().Date()
		out[MonthOf(d)] |= 1 << (day - 1)
	}
	return out
}

// Free reports whether none of p's days is booked.
func (a Availability) Free(p Period) bool {
	for m, bits := range PeriodMasks(p) {
		if a.masks[m]&bits != 0 {
			return false
		}
	}
	return true
}

// Reserve is a with p's days booked. Call it on days that are Free.
func (a Availability) Reserve(p Period) Availability {
	out := AvailabilityOf(a.masks)
	for m, bits := range PeriodMasks(p) {
		out.masks[m] |= bits
	}
	return out
}

// Release is a with p's days free again: the days of a booking that is
// cancelled, moved or returned.
func (a Availability) Release(p Period) Availability {
	out := AvailabilityOf(a.masks)
	for m, bits := range PeriodMasks(p) {
		if rest := out.masks[m] &^ bits; rest != 0 {
			out.masks[m] = rest
		} else {
			delete(out.masks, m)
		}
	}
	return out
}

// Pruned is a without the months before today's: their days can conflict
// with nothing that may still be booked.
func (a Availability) Pruned(today Date) Availability {
	out := AvailabilityOf(a.masks)
	for m := range out.masks {
		if m < MonthOf(today) {
			delete(out.masks, m)
		}
	}
	return out
}

// Booked lists the booked days from..to (to excluded), in order.
func (a Availability) Booked(from, to Date) []Date {
	var out []Date
	for d := from; d.Before(to); d = d.AddDays(1) {
		_, _, day := d.Time().Date()
		if a.masks[MonthOf(d)]&(1<<(day-1)) != 0 {
			out = append(out, d)
		}
	}
	return out
}
