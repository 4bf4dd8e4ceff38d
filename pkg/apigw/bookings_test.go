package apigw_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// TestIdempotentCreate: a retry with the same Idempotency-Key and body
// answers 201 with the first booking and books nothing more; the same key
// with another body is a 422; another user's same key is their own.
func TestIdempotentCreate(t *testing.T) {
	e := newEnv(t)
	const body = `{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`
	create := func(user, key, body string) exchange {
		return e.serve(t, newEvent("POST /bookings").as(user).header("Idempotency-Key", key).json(body).get())
	}
	var first, again bookingJSON
	create(alice, "order-42", body).wantOK(t, http.StatusCreated, &first)
	x := create(alice, "order-42", body)
	x.wantOK(t, http.StatusCreated, &again)
	if again != first || x.resp.Headers["Location"] != "/bookings/"+first.ID {
		t.Errorf("replay = %+v (Location %s), want %+v", again, x.resp.Headers["Location"], first)
	}
	create(alice, "order-42", `{"carId":"ber-eco-2","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`).
		wantError(t, http.StatusUnprocessableEntity, "idempotency_conflict", "")
	// Bob's key is his: the same key books for him, and the car is taken.
	create(bob, "order-42", body).wantError(t, http.StatusConflict, "car_unavailable", "")

	var list struct{ Bookings []bookingJSON }
	e.serve(t, newEvent("GET /bookings").as(alice).get()).wantOK(t, http.StatusOK, &list)
	if len(list.Bookings) != 1 {
		t.Errorf("alice has %d bookings after a replay, want 1", len(list.Bookings))
	}
}

// TestBookingLifecycle walks one booking through its changes: ETags,
// If-Match in its accepted forms, a stale If-Match, cancelling twice and a
// change after cancelling.
func TestBookingLifecycle(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)
	byID := func(route string) *event { return newEvent(route).id("bookingId", b.ID).as(alice) }

	x := e.serve(t, byID("GET /bookings/{bookingId}").get())
	x.wantOK(t, http.StatusOK, nil)
	if x.resp.Headers["ETag"] != `"1"` {
		t.Errorf("ETag = %q, want \"1\"", x.resp.Headers["ETag"])
	}
	steps := []struct {
		ifMatch, body string
		version       int64
	}{
		{`"1"`, `{"returnDate":"2026-12-14"}`, 2},
		{`W/"2"`, `{"pickupDate":"2026-12-11"}`, 3},
		{`3`, `{"carId":"ber-suv-1"}`, 4},
		{`*`, `{"returnDate":"2026-12-15"}`, 5},
		{``, `{"returnDate":"2026-12-16"}`, 6}, // no If-Match at all
	}
	for _, s := range steps {
		ev := byID("PATCH /bookings/{bookingId}").json(s.body)
		if s.ifMatch != "" {
			ev.header("If-Match", s.ifMatch)
		}
		var got bookingJSON
		x := e.serve(t, ev.get())
		x.wantOK(t, http.StatusOK, &got)
		if got.Version != s.version || x.resp.Headers["ETag"] != etagOf(s.version) {
			t.Errorf("If-Match %s: version %d, ETag %s; want %d", s.ifMatch, got.Version, x.resp.Headers["ETag"], s.version)
		}
	}
	var changed bookingJSON
	e.serve(t, byID("GET /bookings/{bookingId}").get()).wantOK(t, http.StatusOK, &changed)
	if changed.CarID != "ber-suv-1" || changed.PickupDate != "2026-12-11" || changed.ReturnDate != "2026-12-16" ||
		changed.Days != 5 || changed.Total.Amount != 5*8900 || changed.Car.ImageURL != imageBase+"/cars/ber-suv-1.svg" {
		t.Errorf("after the changes: %+v", changed)
	}

	e.serve(t, byID("PATCH /bookings/{bookingId}").header("If-Match", `"2"`).json(`{"returnDate":"2026-12-17"}`).get()).
		wantError(t, http.StatusPreconditionFailed, "version_mismatch", "")

	// DELETE honours If-Match too: a stale one changes nothing.
	e.serve(t, byID("DELETE /bookings/{bookingId}").header("If-Match", `"5"`).get()).
		wantError(t, http.StatusPreconditionFailed, "version_mismatch", "")
	e.serve(t, byID("DELETE /bookings/{bookingId}").header("If-Match", `"six"`).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "If-Match")

	for i := range 2 { // a second cancel answers the same
		var cancelled bookingJSON
		ev := byID("DELETE /bookings/{bookingId}")
		if i == 0 {
			ev.header("If-Match", `"6"`)
		}
		x := e.serve(t, ev.get())
		x.wantOK(t, http.StatusOK, &cancelled)
		if cancelled.Status != "CANCELLED" || cancelled.Version != 7 || x.resp.Headers["ETag"] != `"7"` {
			t.Errorf("cancel: %+v, ETag %s", cancelled, x.resp.Headers["ETag"])
		}
	}
	e.serve(t, byID("PATCH /bookings/{bookingId}").json(`{"returnDate":"2026-12-17"}`).get()).
		wantError(t, http.StatusConflict, "booking_cancelled", "")

	// The car is free again: someone else can book it.
	e.book(t, bob, "ber-suv-1", "2026-12-11", "2026-12-16")
}

func etagOf(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }

// TestStartedBooking: from the pick-up day on (at the location), a booking
// can be neither changed nor cancelled.
func TestStartedBooking(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)
	e.clock.Set(time.Date(2026, 12, 10, 8, 0, 0, 0, time.UTC)) // 09:00 in Berlin on the pick-up day
	e.serve(t, newEvent("PATCH /bookings/{bookingId}").id("bookingId", b.ID).as(alice).json(`{"returnDate":"2026-12-14"}`).get()).
		wantError(t, http.StatusConflict, "booking_started", "")
	e.serve(t, newEvent("DELETE /bookings/{bookingId}").id("bookingId", b.ID).as(alice).get()).
		wantError(t, http.StatusConflict, "booking_started", "")
}

// TestCarSearch: dates filter out booked cars and add quotes; paging
// follows nextCursor to the end.
func TestCarSearch(t *testing.T) {
	e := newEnv(t)
	e.book(t, alice, "ber-eco-1", pickup, ret)
	type car struct {
		ID    string
		Type  string
		Quote *struct {
			Days  int
			Total struct{ Amount int64 }
		}
		Available *bool
	}
	var free struct{ Cars []car }
	e.serve(t, newEvent("GET /cars").query("locationId", "BER").query("type", "economy").
		query("pickupDate", "2026-12-12").query("returnDate", "2026-12-14").get()).wantOK(t, http.StatusOK, &free)
	if len(free.Cars) != 1 || free.Cars[0].ID != "ber-eco-2" || free.Cars[0].Quote == nil || free.Cars[0].Quote.Total.Amount != 2*4100 {
		t.Errorf("free economy cars = %+v, want ber-eco-2 quoted for 2 days", free.Cars)
	}
	// Back to back: the car is free again on its return date.
	e.serve(t, newEvent("GET /cars").query("locationId", "BER").query("type", "economy").
		query("pickupDate", ret).query("returnDate", "2026-12-15").get()).wantOK(t, http.StatusOK, &free)
	if len(free.Cars) != 2 {
		t.Errorf("cars free from the return date = %+v, want both", free.Cars)
	}

	var seen []string
	cursor := ""
	for pages := 0; ; pages++ {
		ev := newEvent("GET /cars").query("locationId", "BER").query("limit", "3")
		if cursor != "" {
			ev.query("cursor", cursor)
		}
		var page struct {
			Cars       []car
			NextCursor string
		}
		e.serve(t, ev.get()).wantOK(t, http.StatusOK, &page)
		for _, c := range page.Cars {
			seen = append(seen, c.ID)
			if c.Quote != nil || c.Available != nil {
				t.Errorf("car %s without dates has a quote or availability", c.ID)
			}
		}
		if cursor = page.NextCursor; cursor == "" || pages > 3 {
			break
		}
	}
	if len(seen) != 4 {
		t.Errorf("pages hold %v, want the 4 cars at BER once each", seen)
	}

	var taken car
	e.serve(t, newEvent("GET /cars/{carId}").id("carId", "ber-eco-1").query("pickupDate", "2026-12-12").
		query("returnDate", "2026-12-14").get()).wantOK(t, http.StatusOK, &taken)
	if taken.Available == nil || *taken.Available || taken.Quote == nil || taken.Quote.Days != 2 {
		t.Errorf("booked car = %+v, want available false with a 2-day quote", taken)
	}
}

// TestListBookingsPages: newest first, paged, a status filter, and a
// cursor that only its own caller may use.
func TestListBookingsPages(t *testing.T) {
	e := newEnv(t)
	ids := []string{
		e.book(t, alice, "ber-eco-1", pickup, ret).ID,
		e.book(t, alice, "ber-eco-2", pickup, ret).ID,
		e.book(t, alice, "ber-suv-1", pickup, ret).ID,
	}
	e.serve(t, newEvent("DELETE /bookings/{bookingId}").id("bookingId", ids[1]).as(alice).get()).wantOK(t, http.StatusOK, nil)

	var page struct {
		Bookings   []bookingJSON
		NextCursor string
	}
	e.serve(t, newEvent("GET /bookings").as(alice).query("limit", "2").get()).wantOK(t, http.StatusOK, &page)
	if len(page.Bookings) != 2 || page.NextCursor == "" {
		t.Fatalf("first page = %+v", page)
	}
	e.serve(t, newEvent("GET /bookings").as(bob).query("limit", "2").query("cursor", page.NextCursor).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "cursor")
	next := page.NextCursor
	page.Bookings, page.NextCursor = nil, "" // a JSON object without nextCursor leaves the field as it is
	e.serve(t, newEvent("GET /bookings").as(alice).query("limit", "2").query("cursor", next).get()).
		wantOK(t, http.StatusOK, &page)
	if len(page.Bookings) != 1 || page.NextCursor != "" {
		t.Errorf("last page = %+v", page)
	}

	var cancelled struct{ Bookings []bookingJSON }
	e.serve(t, newEvent("GET /bookings").as(alice).query("status", "CANCELLED").get()).wantOK(t, http.StatusOK, &cancelled)
	if len(cancelled.Bookings) != 1 || cancelled.Bookings[0].ID != ids[1] {
		t.Errorf("cancelled = %+v, want %s", cancelled.Bookings, ids[1])
	}
}

// TestCreateKeepsTheAddress: the booking keeps the email claim of the
// authorizer, where its notices go (pkg/notify); a body that names one
// is refused like any unknown property.
func TestCreateKeepsTheAddress(t *testing.T) {
	e := newEnv(t)
	var b bookingJSON
	e.serve(t, newEvent("POST /bookings").as(alice).json(
		`{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13","email":"mallory@example.com"}`).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "email")
	e.serve(t, newEvent("POST /bookings").as(alice).json(
		`{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`).get()).
		wantOK(t, http.StatusCreated, &b)
	got, err := e.svc.GetBooking(context.Background(), alice, b.ID)
	if err != nil || got.Email != "someone@example.com" {
		t.Errorf("stored booking's Email = %q, %v; want the claim's someone@example.com", got.Email, err)
	}
}
