package rental_test

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

func TestCreateBooking(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	before := e.car(t, "l-mid-1")
	p := per("2026-12-01", "2026-12-04")
	b, err := e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "l-mid-1", LocationID: "LAX", Period: p}, "")
	noErr(t, err)
	c := carByID("l-mid-1")
	want := rental.Booking{
		ID: "bk-0001", UserID: "u1", CarID: "l-mid-1", LocationID: "LAX", Period: p,
		Total: rental.Money{Amount: 13500, Currency: "USD"}, Status: rental.Confirmed, Version: 1,
		CreatedAt: t0, UpdatedAt: t0, Car: c.Summary(),
	}
	if b != want {
		t.Fatalf("CreateBooking =\n%+v\nwant\n%+v", b, want)
	}
	if b.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt in %v, want UTC", b.CreatedAt.Location())
	}
	if b.Days() != 3 {
		t.Errorf("Days() = %d", b.Days())
	}
	got, err := e.svc.GetBooking(ctx, "u1", b.ID)
	noErr(t, err)
	if got != want {
		t.Errorf("GetBooking = %+v, want %+v", got, want)
	}
	after := e.car(t, "l-mid-1")
	wantSchedule(t, before)
	wantSchedule(t, after, res(b.ID, p))
}

// TestCreateBookingNonUTCClock: timestamps are stored in UTC whatever the
// clock's zone.
func TestCreateBookingNonUTCClock(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0.In(mustZone(t, "Pacific/Auckland")))
	b := e.book(t, "u1", "b-eco-1", per("2026-12-01", "2026-12-02"))
	if b.CreatedAt.Location() != time.UTC || !b.CreatedAt.Equal(t0) || b.UpdatedAt != b.CreatedAt {
		t.Errorf("CreatedAt %v, UpdatedAt %v; want %v in UTC", b.CreatedAt, b.UpdatedAt, t0)
	}
}

func TestCreateBookingRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		user   string
		r      rental.BookingRequest
		code   rental.Code // "" for success
		fields []rental.Field
	}{
		{"pick-up today", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-11-30", "2026-12-01")}, "", nil},
		{"location given and right", "u1", rental.BookingRequest{CarID: "b-eco-1", LocationID: "BER", Period: per("2026-12-01", "2026-12-02")}, "", nil},
		{"30 days", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-01", "2026-12-31")}, "", nil},
		{"365 days ahead", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2027-11-30", "2027-12-01")}, "", nil},
		{"Auckland: its today", "u1", rental.BookingRequest{CarID: "a-eco-1", Period: per("2026-12-01", "2026-12-02")}, "", nil},
		{"Los Angeles: its today", "u1", rental.BookingRequest{CarID: "l-mid-1", Period: per("2026-11-30", "2026-12-02")}, "", nil},

		{"no user", "", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-01", "2026-12-02")}, rental.CodeUnauthorized, nil},
		{"no user, bad request", "", rental.BookingRequest{}, rental.CodeUnauthorized, nil},
		{"no car id", "u1", rental.BookingRequest{Period: per("2026-12-01", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldCar}},
		{"unknown car", "u1", rental.BookingRequest{CarID: "nope", Period: per("2026-12-01", "2026-12-02")}, rental.CodeNotFound, nil},
		{"car at another location", "u1", rental.BookingRequest{CarID: "b-eco-1", LocationID: "LAX", Period: per("2026-12-01", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldCar}},
		{"car at an unknown location", "u1", rental.BookingRequest{CarID: "b-eco-1", LocationID: "XXX", Period: per("2026-12-01", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldCar}},
		{"pick-up yesterday", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-11-29", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldPickup}},
		{"Auckland: LA's today is its yesterday", "u1", rental.BookingRequest{CarID: "a-eco-1", Period: per("2026-11-30", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldPickup}},
		{"return on pick-up day", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-02", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldReturn}},
		{"return before pick-up", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-05", "2026-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldReturn}},
		{"31 days", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-01", "2027-01-01")}, rental.CodeValidation, []rental.Field{rental.FieldReturn}},
		{"366 days ahead", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2027-12-01", "2027-12-02")}, rental.CodeValidation, []rental.Field{rental.FieldPickup}},
		{"yesterday, return on pick-up day", "u1", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-11-29", "2026-11-29")}, rental.CodeValidation, []rental.Field{rental.FieldPickup, rental.FieldReturn}},
		{"zero period", "u1", rental.BookingRequest{CarID: "b-eco-1"}, rental.CodeValidation, []rental.Field{rental.FieldPickup, rental.FieldReturn}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			ctx := context.Background()
			b, err := e.svc.CreateBooking(ctx, tc.user, tc.r, "")
			if tc.code == "" {
				noErr(t, err)
				wantSchedule(t, e.car(t, tc.r.CarID), res(b.ID, tc.r.Period))
				return
			}
			wantErr(t, err, tc.code, tc.fields...)
			// Nothing was written.
			if tc.r.CarID != "" && tc.r.CarID != "nope" {
				if c := e.car(t, tc.r.CarID); len(c.Availability.Months()) != 0 {
					t.Errorf("failed booking changed car: %+v", c)
				}
			}
			if tc.user != "" {
				if bs := e.allBookings(t, tc.user); len(bs) != 0 {
					t.Errorf("failed booking stored: %v", bs)
				}
			}
		})
	}
}

// TestCreateBookingReportsEveryBrokenRule: as CheckPeriod and ListCars do,
// CreateBooking names every field that breaks a rule.
func TestCreateBookingReportsEveryBrokenRule(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	p := per("2026-11-29", "2026-12-30") // yesterday, 31 days
	_, err := e.svc.CreateBooking(ctx, "u1", rental.BookingRequest{CarID: "b-eco-1", Period: p}, "")
	wantErr(t, err, rental.CodeValidation, rental.FieldPickup, rental.FieldReturn)
	_, err = e.svc.GetCar(ctx, "b-eco-1", &p)
	wantErr(t, err, rental.CodeValidation, rental.FieldPickup, rental.FieldReturn)
	_, err = e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BER", Period: &p})
	wantErr(t, err, rental.CodeValidation, rental.FieldPickup, rental.FieldReturn)
}

func TestCreateBookingOverlap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		user string
		p    rental.Period
		ok   bool
	}{
		{"same days, same user", "u1", per("2026-12-10", "2026-12-15"), false},
		{"same days, another user", "u2", per("2026-12-10", "2026-12-15"), false},
		{"shares the last day", "u2", per("2026-12-14", "2026-12-16"), false},
		{"shares the first day", "u2", per("2026-12-05", "2026-12-11"), false},
		{"inside", "u2", per("2026-12-11", "2026-12-12"), false},
		{"around", "u2", per("2026-12-01", "2026-12-20"), false},
		{"back to back after", "u2", per("2026-12-15", "2026-12-18"), true},
		{"back to back before", "u2", per("2026-12-05", "2026-12-10"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			first := e.book(t, "u1", "b-eco-1", per("2026-12-10", "2026-12-15"))
			b, err := e.svc.CreateBooking(context.Background(), tc.user, rental.BookingRequest{CarID: "b-eco-1", Period: tc.p}, "")
			if !tc.ok {
				wantErr(t, err, rental.CodeCarUnavailable)
				wantSchedule(t, e.car(t, "b-eco-1"), res(first.ID, first.Period))
				return
			}
			noErr(t, err)
			c := e.car(t, "b-eco-1")
			wantSchedule(t, c, res(first.ID, first.Period), res(b.ID, tc.p))
			if !c.Availability.Free(per("2026-12-01", "2026-12-05")) || c.Availability.Free(tc.p) || c.Availability.Free(first.Period) {
				t.Errorf("availability %v does not hold both bookings", c.Availability.Masks())
			}
		})
	}
}

// TestCreateBookingBackToBack: three bookings that touch, on one car.
func TestCreateBookingBackToBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	b2 := e.book(t, "u1", "b-van-1", per("2026-12-05", "2026-12-08"))
	b1 := e.book(t, "u2", "b-van-1", per("2026-12-01", "2026-12-05"))
	b3 := e.book(t, "u3", "b-van-1", per("2026-12-08", "2026-12-09"))
	wantSchedule(t, e.car(t, "b-van-1"), res(b1.ID, b1.Period), res(b2.ID, b2.Period), res(b3.ID, b3.Period))
}

func TestCreateBookingIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	req := rental.BookingRequest{CarID: "b-cmp-1", Period: per("2026-12-10", "2026-12-12")}

	t.Run("replay", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, t0)
		first, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
		noErr(t, err)
		e.clock.Advance(time.Hour)
		again, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
		noErr(t, err)
		if again != first {
			t.Errorf("replay = %+v, want the first booking %+v", again, first)
		}
		if bs := e.allBookings(t, "u1"); len(bs) != 1 {
			t.Errorf("%d bookings after a replay, want 1", len(bs))
		}
		c := e.car(t, "b-cmp-1")
		wantSchedule(t, c, res(first.ID, req.Period))
		if n := e.ids.Load(); n != 1 {
			t.Errorf("%d ids drawn; a replay must not create a booking", n)
		}
	})

	t.Run("without a key, a retry is a new request", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, t0)
		_, err := e.svc.CreateBooking(ctx, "u1", req, "")
		noErr(t, err)
		_, err = e.svc.CreateBooking(ctx, "u1", req, "")
		wantErr(t, err, rental.CodeCarUnavailable)
	})

	for _, tc := range []struct {
		name  string
		other rental.BookingRequest
		free  bool // whether other can be booked beside req
	}{
		{"other dates", rental.BookingRequest{CarID: "b-cmp-1", Period: per("2026-12-12", "2026-12-14")}, true},
		{"overlapping dates", rental.BookingRequest{CarID: "b-cmp-1", Period: per("2026-12-10", "2026-12-13")}, false},
		{"other car", rental.BookingRequest{CarID: "b-eco-1", Period: per("2026-12-10", "2026-12-12")}, true},
		{"location added", rental.BookingRequest{CarID: "b-cmp-1", LocationID: "BER", Period: per("2026-12-10", "2026-12-12")}, false},
	} {
		t.Run("same key, "+tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, t0)
			first, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
			noErr(t, err)
			_, err = e.svc.CreateBooking(ctx, "u1", tc.other, "key-1")
			wantErr(t, err, rental.CodeIdempotencyConflict)
			if bs := e.allBookings(t, "u1"); len(bs) != 1 || bs[0].ID != first.ID {
				t.Errorf("bookings = %v, want only %s", bs, first.ID)
			}
			// Just before the record expires it still holds.
			e.clock.Advance(rental.IdempotencyTTL - time.Second)
			_, err = e.svc.CreateBooking(ctx, "u1", tc.other, "key-1")
			wantErr(t, err, rental.CodeIdempotencyConflict)
			// Once it has expired, the key is free again: the request is
			// decided on its merits.
			e.clock.Advance(2 * time.Second)
			b, err := e.svc.CreateBooking(ctx, "u1", tc.other, "key-1")
			if !tc.free {
				wantErr(t, err, rental.CodeCarUnavailable)
				return
			}
			noErr(t, err)
			if b.ID == first.ID {
				t.Errorf("after expiry got the old booking %s", b.ID)
			}
			// And the new record now answers for the key.
			again, err := e.svc.CreateBooking(ctx, "u1", tc.other, "key-1")
			noErr(t, err)
			if again.ID != b.ID {
				t.Errorf("replay after reuse = %s, want %s", again.ID, b.ID)
			}
			_, err = e.svc.CreateBooking(ctx, "u1", req, "key-1")
			wantErr(t, err, rental.CodeIdempotencyConflict)
		})
	}

	t.Run("keys are per user", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, t0)
		a, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
		noErr(t, err)
		other := rental.BookingRequest{CarID: "b-eco-1", Period: req.Period}
		b, err := e.svc.CreateBooking(ctx, "u2", other, "key-1")
		noErr(t, err)
		if a.ID == b.ID || b.UserID != "u2" {
			t.Errorf("u2's request with u1's key = %+v", b)
		}
		// u2 replaying u1's exact request with the same key books anew (and
		// finds the car taken): u1's record is not u2's.
		_, err = e.svc.CreateBooking(ctx, "u2", req, "key-2")
		wantErr(t, err, rental.CodeCarUnavailable)
	})

	t.Run("a failed request does not use up its key", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, t0)
		blocker := e.book(t, "u2", "b-cmp-1", req.Period)
		_, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
		wantErr(t, err, rental.CodeCarUnavailable)
		_, err = e.svc.CancelBooking(ctx, "u2", blocker.ID, nil)
		noErr(t, err)
		b, err := e.svc.CreateBooking(ctx, "u1", req, "key-1")
		noErr(t, err)
		wantSchedule(t, e.car(t, "b-cmp-1"), res(b.ID, req.Period))
	})

	t.Run("a replay still answers after the pick-up day has come", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, t0)
		r := rental.BookingRequest{CarID: "b-cmp-1", Period: per("2026-11-30", "2026-12-02")}
		first, err := e.svc.CreateBooking(ctx, "u1", r, "key-1")
		noErr(t, err)
		e.clock.Advance(20 * time.Hour) // 2026-12-01 in Berlin
		again, err := e.svc.CreateBooking(ctx, "u1", r, "key-1")
		noErr(t, err)
		if again.ID != first.ID {
			t.Errorf("replay = %s, want %s", again.ID, first.ID)
		}
	})
}

func TestGetBooking(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	b := e.book(t, "u1", "b-eco-1", per("2026-12-01", "2026-12-03"))
	got, err := e.svc.GetBooking(ctx, "u1", b.ID)
	noErr(t, err)
	if got != b {
		t.Errorf("GetBooking = %+v, want %+v", got, b)
	}
	_, err = e.svc.GetBooking(ctx, "u2", b.ID)
	wantErr(t, err, rental.CodeNotFound)
	_, err = e.svc.GetBooking(ctx, "u1", "bk-9999")
	wantErr(t, err, rental.CodeNotFound)
	_, err = e.svc.GetBooking(ctx, "", b.ID)
	wantErr(t, err, rental.CodeUnauthorized)
}

func bookingIDs(bs []rental.Booking) []string {
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	return ids
}

func TestListBookings(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0)
	ctx := context.Background()
	// u1 books five times an hour apart, u2 twice in between; u1 cancels two.
	var u1 []rental.Booking
	for i, carID := range []string{"b-eco-1", "b-eco-2", "l-mid-1", "b-suv-1", "a-eco-1"} {
		u1 = append(u1, e.book(t, "u1", carID, per("2026-12-10", "2026-12-12")))
		if i == 1 || i == 3 {
			e.book(t, "u2", "b-cmp-1", rental.Period{Pickup: d("2026-12-01").AddDays(i), Return: d("2026-12-01").AddDays(i + 1)})
		}
		e.clock.Advance(time.Hour)
	}
	for _, i := range []int{1, 3} {
		c, err := e.svc.CancelBooking(ctx, "u1", u1[i].ID, nil)
		noErr(t, err)
		u1[i] = c
	}
	newestFirst := slices.Clone(u1)
	slices.Reverse(newestFirst)
	var confirmed, cancelled []string
	for _, b := range newestFirst {
		if b.Status == rental.Confirmed {
			confirmed = append(confirmed, b.ID)
		} else {
			cancelled = append(cancelled, b.ID)
		}
	}

	t.Run("all, newest first", func(t *testing.T) {
		page, err := e.svc.ListBookings(ctx, "u1", rental.BookingQuery{})
		noErr(t, err)
		if !slices.Equal(page.Items, newestFirst) {
			t.Errorf("ListBookings = %v, want %v", bookingIDs(page.Items), bookingIDs(newestFirst))
		}
		for i := 1; i < len(page.Items); i++ {
			if page.Items[i].CreatedAt.After(page.Items[i-1].CreatedAt) {
				t.Errorf("not newest first: %v", page.Items)
			}
		}
		if page.NextCursor != "" {
			t.Errorf("NextCursor %q on a short list", page.NextCursor)
		}
	})

	for _, tc := range []struct {
		name  string
		q     rental.BookingQuery
		want  []string
		pages int
	}{
		{"confirmed", rental.BookingQuery{Status: rental.Confirmed}, confirmed, 1},
		{"cancelled", rental.BookingQuery{Status: rental.Cancelled}, cancelled, 1},
		{"pages of 2", rental.BookingQuery{Limit: 2}, bookingIDs(newestFirst), 3},
		{"pages of 1", rental.BookingQuery{Limit: 1}, bookingIDs(newestFirst), 5},
		// The status filter may leave pages short (even empty) while the
		// cursor leads on, as a DynamoDB filter does; the page count is not
		// part of the contract.
		{"confirmed, pages of 2", rental.BookingQuery{Status: rental.Confirmed, Limit: 2}, confirmed, 0},
		{"cancelled, pages of 1", rental.BookingQuery{Status: rental.Cancelled, Limit: 1}, cancelled, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			q := tc.q
			pages := 0
			for {
				page, err := e.svc.ListBookings(ctx, "u1", q)
				noErr(t, err)
				pages++
				if limit := cmp.Or(q.Limit, rental.DefaultPageSize); len(page.Items) > limit {
					t.Fatalf("%d items for limit %d", len(page.Items), q.Limit)
				}
				for _, b := range page.Items {
					if tc.q.Status != "" && b.Status != tc.q.Status {
						t.Errorf("booking %s is %s, asked for %s", b.ID, b.Status, tc.q.Status)
					}
					if b.UserID != "u1" {
						t.Errorf("booking %s of %s", b.ID, b.UserID)
					}
				}
				got = append(got, bookingIDs(page.Items)...)
				if page.NextCursor == "" || pages > 100 {
					break
				}
				q.Cursor = page.NextCursor
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("paged = %v, want %v", got, tc.want)
			}
			if tc.pages != 0 && pages != tc.pages {
				t.Errorf("%d pages, want %d", pages, tc.pages)
			}
		})
	}

	t.Run("another user sees only their own", func(t *testing.T) {
		page, err := e.svc.ListBookings(ctx, "u2", rental.BookingQuery{})
		noErr(t, err)
		if len(page.Items) != 2 {
			t.Fatalf("u2 has %d bookings, want 2", len(page.Items))
		}
		for _, b := range page.Items {
			if b.UserID != "u2" || slices.Contains(bookingIDs(u1), b.ID) {
				t.Errorf("u2 sees %+v", b)
			}
		}
		page, err = e.svc.ListBookings(ctx, "nobody", rental.BookingQuery{})
		noErr(t, err)
		if len(page.Items) != 0 || page.NextCursor != "" {
			t.Errorf("a user without bookings sees %v", page.Items)
		}
	})

	t.Run("cursors are bound to the caller and the query", func(t *testing.T) {
		page, err := e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Limit: 1})
		noErr(t, err)
		cur := page.NextCursor
		if cur == "" {
			t.Fatal("no cursor")
		}
		_, err = e.svc.ListBookings(ctx, "u2", rental.BookingQuery{Limit: 1, Cursor: cur})
		wantErr(t, err, rental.CodeValidation, rental.FieldCursor)
		_, err = e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Limit: 1, Status: rental.Confirmed, Cursor: cur})
		wantErr(t, err, rental.CodeValidation, rental.FieldCursor)
		_, err = e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Cursor: "xyz"})
		wantErr(t, err, rental.CodeValidation, rental.FieldCursor)
		carPage, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BIG", Limit: 1})
		noErr(t, err)
		_, err = e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Cursor: carPage.NextCursor})
		wantErr(t, err, rental.CodeValidation, rental.FieldCursor)
		_, err = e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Limit: 1, Cursor: cur})
		noErr(t, err)
	})

	t.Run("invalid", func(t *testing.T) {
		for _, tc := range []struct {
			user   string
			q      rental.BookingQuery
			code   rental.Code
			fields []rental.Field
		}{
			{"", rental.BookingQuery{}, rental.CodeUnauthorized, nil},
			{"u1", rental.BookingQuery{Limit: 101}, rental.CodeValidation, []rental.Field{rental.FieldLimit}},
			{"u1", rental.BookingQuery{Limit: -5}, rental.CodeValidation, []rental.Field{rental.FieldLimit}},
			{"u1", rental.BookingQuery{Status: "confirmed"}, rental.CodeValidation, []rental.Field{rental.FieldStatus}},
			{"u1", rental.BookingQuery{Status: "PENDING"}, rental.CodeValidation, []rental.Field{rental.FieldStatus}},
		} {
			_, err := e.svc.ListBookings(ctx, tc.user, tc.q)
			wantErr(t, err, tc.code, tc.fields...)
		}
		page, err := e.svc.ListBookings(ctx, "u1", rental.BookingQuery{Limit: 100})
		noErr(t, err)
		if len(page.Items) != 5 {
			t.Errorf("limit 100: %d items", len(page.Items))
		}
	})
}

func TestListBookingsDefaultLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, t0, rental.WithBookingLimit(100))
	for i := range 21 {
		e.book(t, "u1", bigCar(i).ID, per("2026-12-01", "2026-12-02"))
	}
	page, err := e.svc.ListBookings(context.Background(), "u1", rental.BookingQuery{})
	noErr(t, err)
	if len(page.Items) != 20 || page.NextCursor == "" {
		t.Errorf("default page: %d items, cursor %q; want 20 and a cursor", len(page.Items), page.NextCursor)
	}
	if page.Items[0].ID != "bk-0021" || page.Items[19].ID != "bk-0002" {
		t.Errorf("page = %v, want bk-0021 .. bk-0002", bookingIDs(page.Items))
	}
}
