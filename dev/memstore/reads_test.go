package memstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/rental"
)

func TestLocations(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	ls, err := st.ListLocations(ctx)
	noErr(t, err)
	if len(ls) != 2 || ls[0].ID != "BER" || ls[1].ID != "PAR" {
		t.Errorf("ListLocations = %v, want BER, PAR", ls)
	}
	l, err := st.GetLocation(ctx, "PAR")
	noErr(t, err)
	if l.TimeZone != "Europe/Paris" {
		t.Errorf("GetLocation = %+v", l)
	}
	_, err = st.GetLocation(ctx, "XXX")
	wantCode(t, err, rental.CodeNotFound)
	// PutLocation replaces.
	noErr(t, st.PutLocation(ctx, rental.Location{ID: "PAR", Name: "Paris Nord", TimeZone: "Europe/Paris"}))
	if l, _ := st.GetLocation(ctx, "PAR"); l.Name != "Paris Nord" {
		t.Errorf("after PutLocation: %+v", l)
	}
}

// TestCarsAreCopies: what a caller does with a car it put or read never
// changes the stored one (Availability's methods return new values).
func TestCarsAreCopies(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	c := newCar("c1", "BER", rental.Economy)
	c.Availability = c.Availability.Reserve(per("2026-12-01", "2026-12-02"))
	noErr(t, st.PutCar(ctx, c))
	c.Availability = c.Availability.Reserve(per("2026-12-05", "2026-12-06")) // the caller goes on
	got := getCar(t, st, "c1")
	wantDays(t, got, per("2026-12-01", "2026-12-02"))
	got.Availability = got.Availability.Release(per("2026-12-01", "2026-12-02"))
	wantDays(t, getCar(t, st, "c1"), per("2026-12-01", "2026-12-02"))
	page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 10}})
	noErr(t, err)
	page.Items[0].Availability = page.Items[0].Availability.Reserve(per("2026-12-10", "2026-12-11"))
	wantDays(t, getCar(t, st, "c1"), per("2026-12-01", "2026-12-02"))
	_, err = st.GetCar(ctx, "nope")
	wantCode(t, err, rental.CodeNotFound)
}

func TestBookingsBelongToTheirUser(t *testing.T) {
	t.Parallel()
	st, svc := seeded(t)
	b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "c1", Period: per("2026-12-10", "2026-12-12")}, "")
	noErr(t, err)
	_, err = st.GetBooking(ctx, "u2", b.ID)
	wantCode(t, err, rental.CodeNotFound)
	// A Tx of u2 cannot read it either.
	_, err = st.Write(ctx, "u2", rental.WriteRequest{}, func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
		return tx.Booking(ctx, b.ID)
	})
	wantCode(t, err, rental.CodeNotFound)
	page, err := st.ListBookings(ctx, "u2", rental.BookingFilter{PageRequest: rental.PageRequest{Limit: 10, Scope: "x"}})
	noErr(t, err)
	if len(page.Items) != 0 {
		t.Errorf("u2 lists %v", page.Items)
	}
}

func carIDs(cs []rental.Car) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// TestListCarsOrder: by type in rental.CarTypes order, then daily rate and
// id: the order of the DynamoDB store's GSI1 partitions and sort keys.
func TestListCarsOrder(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	noErr(t, st.PutCar(ctx, newCar("a0", "BER", rental.Van)))
	page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 100}})
	noErr(t, err)
	want := []string{"c1", "c2", "c3", "c4", "c5", "c6", "a0", "c7"} // economy x2, compact, midsize, suv, luxury, van x2 (one rate)
	if got := carIDs(page.Items); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	page, err = st.ListCars(ctx, rental.CarFilter{LocationID: "BER", Type: rental.Van, PageRequest: rental.PageRequest{Limit: 100}})
	noErr(t, err)
	if got := carIDs(page.Items); !slices.Equal(got, []string{"a0", "c7"}) {
		t.Errorf("vans = %v", got)
	}
}

func TestListCarsPaging(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	req := rental.PageRequest{Limit: 3, Scope: "cars|BER"}
	var got []string
	for pages := 1; ; pages++ {
		page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: req})
		noErr(t, err)
		got = append(got, carIDs(page.Items)...)
		if page.NextCursor == "" {
			if pages != 3 {
				t.Errorf("%d pages of 3 for 7 cars", pages)
			}
			break
		}
		req.Cursor = page.NextCursor
	}
	if want := []string{"c1", "c2", "c3", "c4", "c5", "c6", "c7"}; !slices.Equal(got, want) {
		t.Errorf("paged = %v, want %v", got, want)
	}
	// Exactly one page: no cursor.
	page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 7, Scope: "s"}})
	noErr(t, err)
	if len(page.Items) != 7 || page.NextCursor != "" {
		t.Errorf("limit = count: %d items, cursor %q", len(page.Items), page.NextCursor)
	}
}

func TestCursorScope(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	first, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 2, Scope: "A"}})
	noErr(t, err)
	for _, tc := range []struct {
		name, cursor, scope string
	}{
		{"other scope", first.NextCursor, "B"},
		{"empty scope", first.NextCursor, ""},
		{"not base64", "%%%", "A"},
		{"base64, not JSON", "bm90IGpzb24", "A"},
		{"truncated", first.NextCursor[:len(first.NextCursor)/2], "A"},
	} {
		_, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 2, Cursor: tc.cursor, Scope: tc.scope}})
		if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldCursor || vs[0].Rule != rental.RuleForeignCursor {
			t.Errorf("%s: err = %v, want validation_failed on cursor", tc.name, err)
		}
	}
}

// TestListCarsCursorAfterTheCarMoved: DynamoDB resumes a Query after its
// ExclusiveStartKey whether or not that item still exists; the page's doc
// comment says the same ("items whose key compares past the cursor's key").
func TestListCarsCursorAfterTheCarMoved(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	req := rental.PageRequest{Limit: 2, Scope: "cars|BER"}
	page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: req})
	noErr(t, err)
	last := page.Items[len(page.Items)-1]
	last.LocationID = "PAR"
	noErr(t, st.PutCar(ctx, last))
	req.Cursor = page.NextCursor
	next, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: req})
	noErr(t, err)
	if len(next.Items) != 2 || next.Items[0].ID != "c3" || next.Items[1].ID != "c4" {
		t.Errorf("page after a moved car = %v, want c3, c4", carIDs(next.Items))
	}
}

// TestListWithLimitZero: the Service never asks for 0 items, but a Store
// must not panic on it; like an unset DynamoDB Limit, 0 means no limit.
func TestListWithLimitZero(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("ListCars with Limit 0 panicked: %v", p)
		}
	}()
	page, err := st.ListCars(ctx, rental.CarFilter{LocationID: "BER", PageRequest: rental.PageRequest{Limit: 0}})
	if err != nil || len(page.Items) != 7 || page.NextCursor != "" {
		t.Errorf("Limit 0 gave %d items, cursor %q, %v; want all 7 and no cursor", len(page.Items), page.NextCursor, err)
	}
}

// TestListBookingsStatusFilter: the filter applies after the page is cut,
// as a DynamoDB FilterExpression does, so a page may be short or empty
// while the cursor leads on; following it yields every match once.
func TestListBookingsStatusFilter(t *testing.T) {
	t.Parallel()
	st, svc := seeded(t)
	var ids []string
	for i, carID := range []string{"c1", "c2", "c3", "c4", "c5"} {
		b, err := svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: carID, Period: per("2026-12-10", "2026-12-12")}, "")
		noErr(t, err)
		if i%2 == 1 {
			_, err = svc.CancelBooking(ctx, "u1", b.ID, nil)
			noErr(t, err)
		}
		ids = append(ids, b.ID)
	}
	for _, tc := range []struct {
		status rental.BookingStatus
		want   []string
	}{
		{"", []string{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{rental.Confirmed, []string{ids[4], ids[2], ids[0]}},
		{rental.Cancelled, []string{ids[3], ids[1]}},
	} {
		req := rental.PageRequest{Limit: 1, Scope: "b|" + string(tc.status)}
		var got []string
		for range 10 {
			page, err := st.ListBookings(ctx, "u1", rental.BookingFilter{Status: tc.status, PageRequest: req})
			noErr(t, err)
			for _, b := range page.Items {
				got = append(got, b.ID)
				if tc.status != "" && b.Status != tc.status {
					t.Errorf("%s listed for %s", b.Status, tc.status)
				}
			}
			if page.NextCursor == "" {
				break
			}
			req.Cursor = page.NextCursor
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("status %q: %v, want %v", tc.status, got, tc.want)
		}
	}
}
