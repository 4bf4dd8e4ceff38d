package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// testStatusFilter: a page of one status is never short while more of
// that status follow: bob's two cancelled bookings are his oldest, behind
// ten confirmed ones, and GET /bookings?status=CANCELLED&limit=1 finds
// the first on the first page, the second on the next, then no cursor.
// Confirmed ones come in full pages of 4, 4 and 2.
func testStatusFilter(t *testing.T, e *Env) {
	ctx := context.Background()
	var made []string
	for i := range 12 {
		b := must[rental.Booking](t)(e.Roomy.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-eco-1", Period: Period(2*i+1, 2*i+2)}, ""))
		made = append(made, b.ID)
	}
	for _, id := range made[:2] {
		must[rental.Booking](t)(e.Service.CancelBooking(ctx, "bob", id, nil))
	}
	pages := func(status rental.BookingStatus, limit int) [][]string {
		var out [][]string
		q := rental.BookingQuery{Status: status, Limit: limit}
		for {
			page := must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, "bob", q))
			var ids []string
			for _, b := range page.Items {
				if b.Status != status {
					t.Fatalf("status %s lists %s, %s", status, b.ID, b.Status)
				}
				ids = append(ids, b.ID)
			}
			out = append(out, ids)
			if page.NextCursor == "" {
				return out
			}
			if len(ids) < limit {
				t.Fatalf("status %s: a page of %d with a next cursor, want %d", status, len(ids), limit)
			}
			q.Cursor = page.NextCursor
		}
	}
	got := pages(rental.Cancelled, 1)
	if want := [][]string{{made[1]}, {made[0]}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("cancelled, one a page: %v, want %v", got, want)
	}
	got = pages(rental.Confirmed, 4)
	if len(got) != 3 || len(got[0]) != 4 || len(got[1]) != 4 || len(got[2]) != 2 || got[2][1] != made[2] {
		t.Fatalf("confirmed, four a page: %v", got)
	}
}
