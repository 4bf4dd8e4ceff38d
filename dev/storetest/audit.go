package storetest

import (
	"context"
	"fmt"
	"sort"

	"github.com/carrental/backend/pkg/rental"
)

// Findings is what Audit found wrong; all zero means the store is sound.
type Findings struct {
	Overlaps []string // two reservations of one car share a day
	Lost     []string // a CONFIRMED booking (not yet returned) missing from its car's schedule
	Orphans  []string // a schedule entry without a CONFIRMED booking of that car and period
}

// OK reports whether nothing was found.
func (f Findings) OK() bool { return len(f.Overlaps)+len(f.Lost)+len(f.Orphans) == 0 }

func (f Findings) String() string {
	return fmt.Sprintf("%d overlaps %v, %d lost %v, %d orphans %v",
		len(f.Overlaps), f.Overlaps, len(f.Lost), f.Lost, len(f.Orphans), f.Orphans)
}

// Audit reads every car in carIDs and every booking of users from store and
// checks the store's invariants: no car has overlapping reservations; every
// CONFIRMED booking whose return is after today is in its car's schedule
// with its period; every schedule entry is such a booking. (Entries that
// ended on or before today may have been pruned.)
func Audit(ctx context.Context, store rental.Store, users, carIDs []string, today rental.Date) (Findings, error) {
	var f Findings
	confirmed, err := confirmedBookings(ctx, store, users)
	if err != nil {
		return f, err
	}
	scheduled := map[string]auditEntry{}
	for _, id := range carIDs {
		car, err := store.GetCar(ctx, id)
		if err != nil {
			return f, err
		}
		s := append(rental.Schedule(nil), car.Schedule...)
		sort.Slice(s, func(i, j int) bool { return s[i].Period.Pickup.Before(s[j].Period.Pickup) })
		f.Overlaps = append(f.Overlaps, overlaps(id, s)...)
		for _, r := range s {
			scheduled[r.BookingID] = auditEntry{id, r.Period}
		}
	}
	for id, e := range confirmed {
		if got, ok := scheduled[id]; (!ok || got != e) && e.period.Return.After(today) {
			f.Lost = append(f.Lost, e.describe(id))
		}
	}
	for id, e := range scheduled {
		if got, ok := confirmed[id]; !ok || got != e {
			f.Orphans = append(f.Orphans, e.describe(id))
		}
	}
	sort.Strings(f.Lost)
	sort.Strings(f.Orphans)
	return f, nil
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

// confirmedBookings reads, page by page, every booking of users and returns
// the CONFIRMED ones by id.
func confirmedBookings(ctx context.Context, store rental.Store, users []string) (map[string]auditEntry, error) {
	confirmed := map[string]auditEntry{}
	for _, u := range users {
		q := rental.PageRequest{Limit: 100, Scope: "audit|" + u}
		for {
			page, err := store.ListBookings(ctx, u, rental.BookingFilter{PageRequest: q})
			if err != nil {
				return nil, err
			}
			for _, b := range page.Items {
				if b.Status == rental.Confirmed {
					confirmed[b.ID] = auditEntry{b.CarID, b.Period}
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

// overlaps names every pair of reservations in car's schedule s (sorted by
// pick-up) that share a day.
func overlaps(car string, s rental.Schedule) []string {
	var out []string
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[i].Period.Overlaps(s[j].Period) {
				out = append(out, fmt.Sprintf("%s: %s %s / %s %s", car, s[i].BookingID, s[i].Period, s[j].BookingID, s[j].Period))
			}
		}
	}
	return out
}

func carIDs() []string {
	out := make([]string, len(Cars))
	for i, c := range Cars {
		out[i] = c.ID
	}
	return out
}
