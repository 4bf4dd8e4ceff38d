package storetest

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/carrental/backend/pkg/rental"
)

// Findings is what Audit found wrong; all zero means the store is sound.
type Findings struct {
	Overlaps []string // two bookings of one car hold a day
	Lost     []string // a day (today or later) that a booking holds, not booked in its car's availability
	Orphans  []string // a booked day (today or later) of a car that no booking of the car holds
}

// OK reports whether nothing was found.
func (f Findings) OK() bool { return len(f.Overlaps)+len(f.Lost)+len(f.Orphans) == 0 }

func (f Findings) String() string {
	return fmt.Sprintf("%d overlaps %v, %d lost %v, %d orphans %v",
		len(f.Overlaps), f.Overlaps, len(f.Lost), f.Lost, len(f.Orphans), f.Orphans)
}

// Audit reads every car in carIDs and every booking of users from store and
// checks the store's invariants (rental.Availability): no two bookings of
// a car hold a day; every day from today on that a booking holds is
// booked in its car's availability, and every day from today on that a
// car's availability books is held by one of its bookings. (Days before
// today may have been pruned.) A booking holds its days while confirmed
// or picked up; a returned one those before the day it came back; a
// cancelled one or a no-show none from today on.
func Audit(ctx context.Context, store rental.Store, users, carIDs []string, today rental.Date) (Findings, error) {
	var f Findings
	confirmed, err := holdingBookings(ctx, store, users)
	if err != nil {
		return f, err
	}
	held := map[string]map[rental.Date]string{} // car -> day -> booking
	pairs := map[[2]string]bool{}               // overlapping bookings, one finding a pair
	for _, id := range sortedIDs(confirmed) {
		e := confirmed[id]
		if held[e.car] == nil {
			held[e.car] = map[rental.Date]string{}
		}
		for d := e.period.Pickup; d.Before(e.period.Return); d = d.AddDays(1) {
			if other, taken := held[e.car][d]; taken {
				if pair := [2]string{other, id}; !pairs[pair] {
					pairs[pair] = true
					f.Overlaps = append(f.Overlaps, fmt.Sprintf("%s from %s: %s / %s", e.car, d, confirmed[other].describe(other), e.describe(id)))
				}
				continue
			}
			held[e.car][d] = id
		}
	}
	for _, id := range carIDs {
		car, err := store.GetCar(ctx, id)
		if err != nil {
			return f, err
		}
		f.Lost = append(f.Lost, lostDays(car, held[id], today, confirmed)...)
		f.Orphans = append(f.Orphans, orphanDays(car, held[id], today)...)
	}
	sort.Strings(f.Overlaps)
	sort.Strings(f.Lost)
	sort.Strings(f.Orphans)
	return f, nil
}

// lostDays names each booking (one finding a booking) with days from today
// on that it holds but the car's availability does not book.
func lostDays(car rental.Car, held map[rental.Date]string, today rental.Date, confirmed map[string]auditEntry) []string {
	missing := map[string][]rental.Date{}
	for d, id := range held {
		if !d.Before(today) && car.Availability.Free(rental.Period{Pickup: d, Return: d.AddDays(1)}) {
			missing[id] = append(missing[id], d)
		}
	}
	var out []string
	for id, days := range missing {
		slices.SortFunc(days, func(a, b rental.Date) int { return a.Compare(b) })
		out = append(out, fmt.Sprintf("%s: %d days not booked, from %s", confirmed[id].describe(id), len(days), days[0]))
	}
	return out
}

// orphanDays names each run of consecutive days from today on that the
// car's availability books but no booking holds (one finding a run).
func orphanDays(car rental.Car, held map[rental.Date]string, today rental.Date) []string {
	months := car.Availability.Months()
	if len(months) == 0 {
		return nil
	}
	end := months[len(months)-1].First().AddDays(31)
	var out []string
	var run []rental.Date
	flush := func() {
		if len(run) > 0 {
			out = append(out, fmt.Sprintf("%s: %s to %s booked for nobody", car.ID, run[0], run[len(run)-1]))
			run = nil
		}
	}
	for _, d := range car.Availability.Booked(today, end) {
		if _, ok := held[d]; ok {
			flush()
			continue
		}
		if len(run) > 0 && run[len(run)-1].AddDays(1) != d {
			flush()
		}
		run = append(run, d)
	}
	flush()
	return out
}

func sortedIDs(m map[string]auditEntry) []string {
	out := make([]string, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// auditEntry is where a booking is: its car and period.
type auditEntry struct {
	car    string
	period rental.Period
}

// describe is "id (car period)", as the findings name a booking.
func (e auditEntry) describe(id string) string {
	return fmt.Sprintf("%s (%s %s)", id, e.car, e.period)
}

// holdingBookings reads, page by page, every booking of users and returns
// those that hold days, by id, with the days they hold.
func holdingBookings(ctx context.Context, store rental.Store, users []string) (map[string]auditEntry, error) {
	confirmed := map[string]auditEntry{}
	for _, u := range users {
		q := rental.PageRequest{Limit: 100, Scope: "audit|" + u}
		for {
			page, err := store.ListBookings(ctx, u, rental.BookingFilter{PageRequest: q})
			if err != nil {
				return nil, err
			}
			for _, b := range page.Items {
				if p, ok := heldPeriod(b); ok {
					confirmed[b.ID] = auditEntry{b.CarID, p}
				}
			}
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
	}
	return confirmed, nil
}

// heldPeriod is the days b holds of its car: its period while confirmed
// or picked up, up to the day it came back when returned early.
func heldPeriod(b rental.Booking) (rental.Period, bool) {
	switch b.Status {
	case rental.Confirmed, rental.PickedUp:
		return b.Period, true
	case rental.Returned:
		p := b.Period
		if b.ReturnedOn.Before(p.Return) {
			p.Return = b.ReturnedOn
		}
		return p, p.Pickup.Before(p.Return)
	}
	return rental.Period{}, false
}

func carIDs() []string {
	out := make([]string, len(Cars))
	for i, c := range Cars {
		out[i] = c.ID
	}
	return out
}
