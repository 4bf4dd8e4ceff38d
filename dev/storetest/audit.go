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
	type entry struct {
		car    string
		period rental.Period
	}
	confirmed := map[string]entry{}
	for _, u := range users {
		q := rental.PageRequest{Limit: 100, Scope: "audit|" + u}
		for {
			page, err := store.ListBookings(ctx, u, rental.BookingFilter{PageRequest: q})
			if err != nil {
				return f, err
			}
			for _, b := range page.Items {
				if b.Status == rental.Confirmed {
					confirmed[b.ID] = entry{b.CarID, b.Period}
				}
			}
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
	}
	scheduled := map[string]entry{}
	for _, id := range carIDs {
		car, err := store.GetCar(ctx, id)
		if err != nil {
			return f, err
		}
		s := append(rental.Schedule(nil), car.Schedule...)
		sort.Slice(s, func(i, j int) bool { return s[i].Period.Pickup.Before(s[j].Period.Pickup) })
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				if s[i].Period.Overlaps(s[j].Period) {
					f.Overlaps = append(f.Overlaps, fmt.Sprintf("%s: %s %s / %s %s", id, s[i].BookingID, s[i].Period, s[j].BookingID, s[j].Period))
				}
			}
			scheduled[s[i].BookingID] = entry{id, s[i].Period}
		}
	}
	for id, e := range confirmed {
		if got, ok := scheduled[id]; (!ok || got != e) && e.period.Return.After(today) {
			f.Lost = append(f.Lost, fmt.Sprintf("%s (%s %s)", id, e.car, e.period))
		}
	}
	for id, e := range scheduled {
		if got, ok := confirmed[id]; !ok || got != e {
			f.Orphans = append(f.Orphans, fmt.Sprintf("%s (%s %s)", id, e.car, e.period))
		}
	}
	sort.Strings(f.Lost)
	sort.Strings(f.Orphans)
	return f, nil
}

func carIDs() []string {
	out := make([]string, len(Cars))
	for i, c := range Cars {
		out[i] = c.ID
	}
	return out
}
