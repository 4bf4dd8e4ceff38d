package apigw_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

// badInput is one request that a route must refuse: the status, code and
// field of the answer, and whether the contract's check (kin-openapi)
// accepts the request: specOK for a well-formed request that breaks a
// booking rule or names something that does not exist, and for what
// kin-openapi does not look at (a repeated parameter, a charset, data
// after the JSON body, which it does not read).
type badInput struct {
	name   string
	ev     *event
	status int
	code   string
	field  string
	specOK bool
}

// runBad serves each row on e and checks the answer. Every row's request
// and response also pass through the contract (see env.serve).
func runBad(t *testing.T, e *env, rows []badInput) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			x := e.serve(t, r.ev.get())
			x.wantError(t, r.status, r.code, r.field)
			if rejected := x.result.Request != nil; rejected == r.specOK {
				t.Errorf("the contract rejects the request: %v; want %v (%v)", rejected, !r.specOK, x.result.Request)
			}
		})
	}
}

const (
	pickup = "2026-12-10" // days ahead of storetest.Start
	ret    = "2026-12-13"
)

func TestListCarsBadInput(t *testing.T) {
	e := newEnv(t)
	cars := func() *event { return newEvent("GET /cars").query("locationId", "BER") }
	runBad(t, e, []badInput{
		{"no locationId", newEvent("GET /cars"), 400, "validation_failed", "locationId", false},
		{"malformed locationId", newEvent("GET /cars").query("locationId", "B/R"), 400, "validation_failed", "locationId", false},
		{"unknown locationId", newEvent("GET /cars").query("locationId", "XYZ"), 400, "validation_failed", "locationId", true},
		{"repeated locationId", newEvent("GET /cars").query("locationId", "BER", "LAX"), 400, "validation_failed", "locationId", true},
		{"unknown type", cars().query("type", "tank"), 400, "validation_failed", "type", false},
		{"limit 0", cars().query("limit", "0"), 400, "validation_failed", "limit", false},
		{"limit 101", cars().query("limit", "101"), 400, "validation_failed", "limit", false},
		{"limit abc", cars().query("limit", "abc"), 400, "validation_failed", "limit", false},
		{"limit empty", cars().query("limit", ""), 400, "validation_failed", "limit", false},
		{"repeated limit", cars().query("limit", "5", "6"), 400, "validation_failed", "limit", true},
		{"limit 01", cars().query("limit", "01"), 400, "validation_failed", "limit", true},
		{"seats +5", cars().query("seats", "+5"), 400, "validation_failed", "seats", true},
		{"seats 05", cars().query("seats", "05"), 400, "validation_failed", "seats", true},
		{"pickupDate alone", cars().query("pickupDate", pickup), 400, "validation_failed", "returnDate", true},
		{"returnDate alone", cars().query("returnDate", ret), 400, "validation_failed", "pickupDate", true},
		{"impossible date", cars().query("pickupDate", "2026-02-30").query("returnDate", ret), 400, "validation_failed", "pickupDate", false},
		{"date in another layout", cars().query("pickupDate", "10.12.2026").query("returnDate", ret), 400, "validation_failed", "pickupDate", false},
		{"return before pick-up", cars().query("pickupDate", ret).query("returnDate", pickup), 400, "validation_failed", "returnDate", true},
		{"return on pick-up day", cars().query("pickupDate", pickup).query("returnDate", pickup), 400, "validation_failed", "returnDate", true},
		{"31 days", cars().query("pickupDate", pickup).query("returnDate", "2027-01-10"), 400, "validation_failed", "returnDate", true},
		{"pick-up in the past", cars().query("pickupDate", "2026-11-29").query("returnDate", ret), 400, "validation_failed", "pickupDate", true},
		{"pick-up over a year ahead", cars().query("pickupDate", "2027-12-10").query("returnDate", "2027-12-12"), 400, "validation_failed", "pickupDate", true},
		{"forged cursor", cars().query("cursor", "eyJrIjoiQ0FSI2Nhci0xIn0.c2ln"), 400, "validation_failed", "cursor", true},
		{"cursor too long", cars().query("cursor", strings.Repeat("a", 2049)), 400, "validation_failed", "cursor", false},
	})
}

func TestListCarsCursorOfAnotherQuery(t *testing.T) {
	e := newEnv(t)
	var page struct{ NextCursor string }
	e.serve(t, newEvent("GET /cars").query("locationId", "BER").query("limit", "1").get()).wantOK(t, http.StatusOK, &page)
	if page.NextCursor == "" {
		t.Fatal("no nextCursor with limit 1 of 4 cars")
	}
	// The same cursor with another type: another query.
	e.serve(t, newEvent("GET /cars").query("locationId", "BER").query("type", "suv").query("cursor", page.NextCursor).get()).
		wantError(t, 400, "validation_failed", "cursor")
}

func TestGetCarBadInput(t *testing.T) {
	e := newEnv(t)
	car := func() *event { return newEvent("GET /cars/{carId}").id("carId", "ber-eco-1") }
	runBad(t, e, []badInput{
		{"unknown car", newEvent("GET /cars/{carId}").id("carId", "nope"), 404, "not_found", "", true},
		{"malformed id", newEvent("GET /cars/{carId}").id("carId", "ber eco!"), 404, "not_found", "", false},
		{"id of 65 characters", newEvent("GET /cars/{carId}").id("carId", strings.Repeat("c", 65)), 404, "not_found", "", false},
		{"pickupDate alone", car().query("pickupDate", pickup), 400, "validation_failed", "returnDate", true},
		{"impossible date", car().query("pickupDate", pickup).query("returnDate", "2026-12-32"), 400, "validation_failed", "returnDate", false},
		{"return before pick-up", car().query("pickupDate", ret).query("returnDate", pickup), 400, "validation_failed", "returnDate", true},
		{"repeated pickupDate", car().query("pickupDate", pickup, pickup).query("returnDate", ret), 400, "validation_failed", "pickupDate", true},
		{"pick-up in the past", car().query("pickupDate", "2026-11-01").query("returnDate", ret), 400, "validation_failed", "pickupDate", true},
	})
}

func TestCreateBookingBadInput(t *testing.T) {
	e := newEnv(t)
	const good = `{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`
	post := func(body string) *event { return newEvent("POST /bookings").as(alice).json(body) }
	huge := `{"carId":"` + strings.Repeat("x", 70<<10) + `","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`
	runBad(t, e, []badInput{
		{"no caller", newEvent("POST /bookings").json(good), 401, "unauthorized", "", true},
		{"claims without sub", post(good).as(""), 401, "unauthorized", "", true},
		{"malformed JSON", post(`{"carId":"ber-eco-1",`), 400, "validation_failed", "body", false},
		{"JSON null", post(`null`), 400, "validation_failed", "body", false},
		{"JSON array", post(`[` + good + `]`), 400, "validation_failed", "body", false},
		{"data after the object", post(good + `{}`), 400, "validation_failed", "body", true},
		{"empty body", post(``), 400, "validation_failed", "body", false},
		{"unknown property", post(`{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13","price":1}`), 400, "validation_failed", "price", false},
		// encoding/json alone would take these: names match without case, the last repeat wins.
		{"property in other case", post(`{"CarId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "CarId", false},
		{"property given twice", post(`{"carId":"ber-eco-1","carId":"ber-eco-2","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "carId", true},
		{"carId a number", post(`{"carId":7,"pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "carId", false},
		{"carId null", post(`{"carId":null,"pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "carId", false},
		{"pickupDate an object", post(`{"carId":"ber-eco-1","pickupDate":{},"returnDate":"2026-12-13"}`), 400, "validation_failed", "pickupDate", false},
		{"carId empty", post(`{"carId":"","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "carId", false},
		{"carId malformed", post(`{"carId":"car/1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 400, "validation_failed", "carId", false},
		{"no returnDate", post(`{"carId":"ber-eco-1","pickupDate":"2026-12-10"}`), 400, "validation_failed", "returnDate", false},
		{"impossible date", post(`{"carId":"ber-eco-1","pickupDate":"2026-02-30","returnDate":"2026-12-13"}`), 400, "validation_failed", "pickupDate", false},
		{"return before pick-up", post(`{"carId":"ber-eco-1","pickupDate":"2026-12-13","returnDate":"2026-12-10"}`), 400, "validation_failed", "returnDate", true},
		{"31 days", post(`{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2027-01-10"}`), 400, "validation_failed", "returnDate", true},
		{"pick-up yesterday", post(`{"carId":"ber-eco-1","pickupDate":"2026-11-29","returnDate":"2026-12-02"}`), 400, "validation_failed", "pickupDate", true},
		{"car at another location", post(`{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13","locationId":"LAX"}`), 400, "validation_failed", "carId", true},
		{"unknown car", post(`{"carId":"nope","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`), 404, "not_found", "", true},
		{"huge body", post(huge), 413, "payload_too_large", "", false},
		{"text/plain", post(good).header("Content-Type", "text/plain"), 415, "unsupported_media_type", "", false},
		{"no Content-Type", post(good).noHeader("Content-Type"), 415, "unsupported_media_type", "", false},
		{"latin-1", post(good).header("Content-Type", "application/json; charset=iso-8859-1"), 415, "unsupported_media_type", "", true},
		{"repeated Content-Type", post(good).header("Content-Type", "application/json", "text/plain"), 400, "validation_failed", "Content-Type", true},
		{"Idempotency-Key with a space", post(good).header("Idempotency-Key", "a b"), 400, "validation_failed", "Idempotency-Key", false},
		{"Idempotency-Key of 129", post(good).header("Idempotency-Key", strings.Repeat("k", 129)), 400, "validation_failed", "Idempotency-Key", false},
		{"empty Idempotency-Key", post(good).header("Idempotency-Key", ""), 400, "validation_failed", "Idempotency-Key", false},
		{"repeated Idempotency-Key", post(good).header("Idempotency-Key", "k1", "k2"), 400, "validation_failed", "Idempotency-Key", true},
	})
}

func TestListBookingsBadInput(t *testing.T) {
	e := newEnv(t)
	list := func() *event { return newEvent("GET /bookings").as(alice) }
	runBad(t, e, []badInput{
		{"no caller", newEvent("GET /bookings"), 401, "unauthorized", "", true},
		{"unknown status", list().query("status", "PENDING"), 400, "validation_failed", "status", false},
		{"lower-case status", list().query("status", "confirmed"), 400, "validation_failed", "status", false},
		{"repeated status", list().query("status", "CONFIRMED", "CANCELLED"), 400, "validation_failed", "status", true},
		{"limit 0", list().query("limit", "0"), 400, "validation_failed", "limit", false},
		{"limit 101", list().query("limit", "101"), 400, "validation_failed", "limit", false},
		{"limit abc", list().query("limit", "abc"), 400, "validation_failed", "limit", false},
		{"forged cursor", list().query("cursor", "bm90LWEtY3Vyc29y.c2ln"), 400, "validation_failed", "cursor", true},
	})
}

// TestOtherUsersBooking: bob cannot even tell that alice's booking exists:
// GET, PATCH and DELETE answer 404, exactly as for an id that does not
// exist, and alice's booking stays as it was.
func TestOtherUsersBooking(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)
	for _, route := range []string{"GET /bookings/{bookingId}", "PATCH /bookings/{bookingId}", "DELETE /bookings/{bookingId}"} {
		for _, id := range []string{b.ID, "no-such-booking"} {
			ev := newEvent(route).id("bookingId", id).as(bob)
			if strings.HasPrefix(route, "PATCH") {
				ev.json(`{"returnDate":"2026-12-14"}`)
			}
			x := e.serve(t, ev.get())
			x.wantError(t, 404, "not_found", "")
			if x.result.Request != nil {
				t.Errorf("%s: the contract rejects the request: %v", route, x.result.Request)
			}
		}
	}
	var got bookingJSON
	e.serve(t, newEvent("GET /bookings/{bookingId}").id("bookingId", b.ID).as(alice).get()).wantOK(t, 200, &got)
	if got.Version != 1 || got.Status != "CONFIRMED" || got.ReturnDate != ret {
		t.Errorf("alice's booking changed: %+v", got)
	}
	var list struct{ Bookings []bookingJSON }
	e.serve(t, newEvent("GET /bookings").as(bob).get()).wantOK(t, 200, &list)
	if len(list.Bookings) != 0 {
		t.Errorf("bob lists %+v", list.Bookings)
	}
}

func TestBookingByIDBadInput(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)
	for _, route := range []string{"GET /bookings/{bookingId}", "PATCH /bookings/{bookingId}", "DELETE /bookings/{bookingId}"} {
		t.Run(route, func(t *testing.T) {
			ev := func(id string) *event {
				x := newEvent(route).id("bookingId", id).as(alice)
				if strings.HasPrefix(route, "PATCH") {
					x.json(`{"returnDate":"2026-12-14"}`)
				}
				return x
			}
			runBad(t, e, []badInput{
				{"no caller", ev(b.ID).as("").noHeader("Authorization"), 401, "unauthorized", "", true},
				{"malformed id", ev("a.b"), 404, "not_found", "", false},
				{"unknown id", ev("01KB2X7Q9M4N6P8R0S2T4V6W00"), 404, "not_found", "", true},
			})
		})
	}
}

func TestUpdateBookingBadInput(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)
	patch := func(body string) *event {
		return newEvent("PATCH /bookings/{bookingId}").id("bookingId", b.ID).as(alice).json(body)
	}
	const good = `{"returnDate":"2026-12-14"}`
	runBad(t, e, []badInput{
		{"malformed JSON", patch(`{"returnDate":`), 400, "validation_failed", "body", false},
		{"JSON null", patch(`null`), 400, "validation_failed", "body", false},
		{"a string", patch(`"2026-12-14"`), 400, "validation_failed", "body", false},
		{"data after the object", patch(good + ` 1`), 400, "validation_failed", "body", true},
		{"nothing to change", patch(`{}`), 400, "validation_failed", "body", false},
		{"unknown property", patch(`{"status":"CANCELLED"}`), 400, "validation_failed", "status", false},
		{"returnDate a number", patch(`{"returnDate":20261214}`), 400, "validation_failed", "returnDate", false},
		{"returnDate null", patch(`{"returnDate":null}`), 400, "validation_failed", "returnDate", false},
		{"carId empty", patch(`{"carId":""}`), 400, "validation_failed", "carId", false},
		{"impossible date", patch(`{"returnDate":"2026-02-30"}`), 400, "validation_failed", "returnDate", false},
		{"return before pick-up", patch(`{"returnDate":"2026-12-09"}`), 400, "validation_failed", "returnDate", true},
		{"pick-up after return", patch(`{"pickupDate":"2026-12-20"}`), 400, "validation_failed", "returnDate", true},
		{"car at another location", patch(`{"carId":"lax-van-1"}`), 400, "validation_failed", "carId", true},
		{"unknown car", patch(`{"carId":"nope"}`), 400, "validation_failed", "carId", true},
		{"huge body", patch(`{"carId":"` + strings.Repeat("x", 65<<10) + `"}`), 413, "payload_too_large", "", false},
		{"wrong Content-Type", patch(good).header("Content-Type", "application/x-www-form-urlencoded"), 415, "unsupported_media_type", "", false},
		{"If-Match not a tag", patch(good).header("If-Match", `"abc"`), 400, "validation_failed", "If-Match", true},
		{"If-Match a list", patch(good).header("If-Match", `"1", "2"`), 400, "validation_failed", "If-Match", true},
		{"If-Match unterminated", patch(good).header("If-Match", `"1`), 400, "validation_failed", "If-Match", true},
		{"If-Match empty", patch(good).header("If-Match", ""), 400, "validation_failed", "If-Match", false},
		{"If-Match repeated", patch(good).header("If-Match", `"1"`, `"1"`), 400, "validation_failed", "If-Match", true},
		{"If-Match of another version", patch(good).header("If-Match", `"7"`), 412, "version_mismatch", "", true},
	})
}

// TestBase64Body: API Gateway base64-encodes the body of a binary media
// type; the handler decodes it, and refuses what does not decode.
func TestBase64Body(t *testing.T) {
	e := newEnv(t)
	body := `{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`
	ev := newEvent("POST /bookings").as(alice).json(base64.StdEncoding.EncodeToString([]byte(body))).base64Flag()
	e.serve(t, ev.get()).wantOK(t, http.StatusCreated, nil)

	// No HTTP request has an undecodable body, so this one stays out of the
	// contract check.
	bad := newEvent("POST /bookings").as(alice).json("not base64!").base64Flag().get()
	resp, err := e.handler(t, "POST /bookings")(context.Background(), bad)
	if err != nil || resp.StatusCode != http.StatusBadRequest || !strings.Contains(resp.Body, `"body"`) {
		t.Errorf("undecodable base64: %d %s, %v; want 400 naming body", resp.StatusCode, resp.Body, err)
	}
	checkCORS(t, resp, webOrigin)
}

// base64Flag marks the body as base64-encoded, as API Gateway does for a
// binary media type.
func (e *event) base64Flag() *event {
	e.ev.IsBase64Encoded = true
	return e
}
