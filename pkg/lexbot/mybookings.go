package lexbot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// maxBookingPages bounds the reading of a user's bookings (pages of
// rental.MaxPageSize, newest first).
const maxBookingPages = 5

// maxListed is how many bookings one message lists; the rest are counted
// and left to the website.
const maxListed = 5

// current is one of the user's confirmed bookings that has not ended, with
// what a message says about it.
type current struct {
	rental.Booking
	loc     rental.Location
	started bool // the pick-up day has come at the location: no change, no cancel
}

// currentBookings returns the user's confirmed bookings whose return day
// has not come at their location, soonest pick-up first.
func (b *Bot) currentBookings(ctx context.Context, user string) ([]current, error) {
	locs, err := b.svc.ListLocations(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]rental.Location, len(locs))
	for _, l := range locs {
		byID[l.ID] = l
	}
	today := map[string]rental.Date{} // per location, read once
	q := rental.BookingQuery{Status: rental.Confirmed, Limit: rental.MaxPageSize}
	var out []current
	for range maxBookingPages {
		page, err := b.svc.ListBookings(ctx, user, q)
		if err != nil {
			return nil, err
		}
		for _, bk := range page.Items {
			d, ok := today[bk.LocationID]
			if !ok {
				if d, err = b.svc.TodayAt(ctx, bk.LocationID); err != nil {
					return nil, err
				}
				today[bk.LocationID] = d
			}
			if bk.Period.Return.After(d) {
				out = append(out, current{Booking: bk, loc: byID[bk.LocationID], started: rental.Started(bk.Period.Pickup, d)})
			}
		}
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	slices.SortFunc(out, func(a, b current) int {
		return cmp.Or(a.Period.Pickup.Compare(b.Period.Pickup), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// myBookings answers MyBookings: the caller's current and upcoming
// bookings, or that there are none.
func (b *Bot) myBookings(ctx context.Context, t *turn) (Response, error) {
	list, err := b.currentBookings(ctx, t.user)
	if err != nil {
		return Response{}, err
	}
	if len(list) == 0 {
		return t.close(Fulfilled, "You have no upcoming bookings. Would you like to book a car? Just say \"Book a car\"."), nil
	}
	var msg strings.Builder
	if len(list) == 1 {
		msg.WriteString("You have one upcoming booking:")
	} else {
		fmt.Fprintf(&msg, "You have %d upcoming bookings:", len(list))
	}
	for i, c := range list {
		if i == maxListed {
			fmt.Fprintf(&msg, "\nand %d more; you'll find them all under My bookings on our website.", len(list)-maxListed)
			break
		}
		msg.WriteString("\n" + describe(c))
	}
	return t.close(Fulfilled, msg.String()), nil
}

// describe writes one booking on one line: "Friday 5 March 2027 to Monday
// 8 March 2027: Toyota Corolla at Berlin Hauptbahnhof, €117.00 (booking
// 01J...)".
func describe(c current) string {
	s := fmt.Sprintf("%s to %s: %s at %s, %s (booking %s)", longDate(c.Period.Pickup), longDate(c.Period.Return),
		carName(c.Car.Make, c.Car.Model), placeName(c), money(c.Total), c.ID)
	if c.started {
		s += ", under way"
	}
	return s
}

// placeName is the booking's location name, or its id should the location
// have been removed since.
func placeName(c current) string {
	if c.loc.Name != "" {
		return c.loc.Name
	}
	return c.LocationID
}
