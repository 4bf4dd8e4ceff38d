package rental

import "sort"

// Reservation is one confirmed booking's hold on a car.
type Reservation struct {
	BookingID string
	Period    Period
}

// Schedule is a car's confirmed reservations, ordered by pick-up date. It
// never holds two overlapping periods; the store keeps it on the car so that
// one conditional write of the car decides every race for it.
//
// Methods return new slices and never modify the receiver.
type Schedule []Reservation

// Conflict is the first reservation that overlaps p, ignoring the one of
// booking except (a booking does not conflict with itself when it changes).
func (s Schedule) Conflict(p Period, except string) (Reservation, bool) {
	for _, r := range s {
		if r.BookingID != except && r.Period.Overlaps(p) {
			return r, true
		}
	}
	return Reservation{}, false
}

// Free reports whether no reservation but except's overlaps p.
func (s Schedule) Free(p Period, except string) bool {
	_, taken := s.Conflict(p, except)
	return !taken
}

// With is s plus r, in pick-up order. It does not check overlaps: call
// Conflict first.
func (s Schedule) With(r Reservation) Schedule {
	out := append(Schedule{}, s.Without(r.BookingID)...)
	out = append(out, r)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Period.Pickup.Before(out[j].Period.Pickup) })
	return out
}

// Without is s less bookingID's reservation.
func (s Schedule) Without(bookingID string) Schedule {
	out := make(Schedule, 0, len(s))
	for _, r := range s {
		if r.BookingID != bookingID {
			out = append(out, r)
		}
	}
	return out
}

// Pruned is s less the reservations that ended on or before today: they can
// conflict with nothing that may still be booked, and they would only grow
// the car's item.
func (s Schedule) Pruned(today Date) Schedule {
	out := make(Schedule, 0, len(s))
	for _, r := range s {
		if r.Period.Return.After(today) {
			out = append(out, r)
		}
	}
	return out
}
