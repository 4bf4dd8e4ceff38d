package apigw_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBadInputSweep sends bad values to every field of every route that
// takes input, on DynamoDB Local: each path id, query parameter, header
// (Idempotency-Key, If-Match, Content-Type) and body property, and the
// body as a whole. The cases are generated (sweepCases) from the fields
// below and the value lists of sweep_values_test.go. Every answer must be
// a 4xx naming the offending field in error.fields (404 not_found for a
// path id, 415 for Content-Type), never a 5xx, and the request and answer
// pass through the contract check of env.serve. GET /locations takes no
// input and is left out. It guards every decoder and validator of the
// adapter, and the cursor check of the store.
func TestBadInputSweep(t *testing.T) {
	e := newEnv(t)
	b1 := e.book(t, alice, "ber-eco-1", pickup, ret)
	e.book(t, alice, "ber-eco-2", pickup, ret)
	e.book(t, bob, "ber-suv-1", pickup, ret)
	e.book(t, bob, "ber-lux-1", pickup, ret)
	cur := realCursors(t, e)

	cases := sweepCases(b1.ID, cur)
	// A guard against a generator that quietly stops generating.
	if len(cases) < 600 {
		t.Fatalf("only %d sweep cases", len(cases))
	}
	t.Logf("%d bad-input cases", len(cases))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := e.serve(t, c.ev.get())
			x.wantError(t, c.status, c.code, c.field)
		})
	}
	// Nothing of that changed alice's booking.
	var got bookingJSON
	e.serve(t, newEvent("GET /bookings/{bookingId}").id("bookingId", b1.ID).as(alice).get()).wantOK(t, http.StatusOK, &got)
	if got.Version != 1 || got.Status != "CONFIRMED" {
		t.Errorf("alice's booking changed: %+v", got)
	}
}

// sweepCase is one generated request and the answer it must get.
type sweepCase struct {
	name   string
	ev     *event
	status int
	code   string
	field  string // what error.fields must name
}

// sweepField is one input of one route: where it is (path, query, header,
// body, or the whole body), the request it goes into (good in every other
// respect) and the bad values to try.
type sweepField struct {
	route  string
	in     string // "path", "query", "header", "body" (a property), "raw" (the whole body)
	name   string
	base   func() *event
	body   map[string]any // the good body, for "body" and "raw"
	values []badValue
}

// sweepCases crosses each field with its bad values. booking is alice's
// booking that the /bookings/{bookingId} requests address.
func sweepCases(booking string, cur cursorSet) []sweepCase {
	cars := func() *event { return newEvent("GET /cars").query("locationId", "BER") }
	car := func() *event { return newEvent("GET /cars/{carId}").id("carId", "ber-eco-1") }
	create := func() *event { return newEvent("POST /bookings").as(alice) }
	list := func() *event { return newEvent("GET /bookings").as(alice) }
	byID := func(route string) func() *event {
		return func() *event { return newEvent(route).id("bookingId", booking).as(alice) }
	}
	patch := byID("PATCH /bookings/{bookingId}")
	goodCreate := map[string]any{"carId": "ber-eco-1", "pickupDate": pickup, "returnDate": ret}
	goodPatch := map[string]any{"returnDate": "2026-12-14"}
	withDate := func(base func() *event, other, value string) func() *event {
		return func() *event { return base().query(other, value) }
	}

	fields := []sweepField{
		{route: "GET /cars", in: "query", name: "locationId", base: func() *event { return newEvent("GET /cars") }, values: idValues},
		{route: "GET /cars", in: "query", name: "type", base: cars, values: enumValues},
		{route: "GET /cars", in: "query", name: "pickupDate", base: withDate(cars, "returnDate", ret), values: dateValues},
		{route: "GET /cars", in: "query", name: "returnDate", base: withDate(cars, "pickupDate", pickup), values: dateValues},
		{route: "GET /cars", in: "query", name: "limit", base: cars, values: limitValues},
		{route: "GET /cars", in: "query", name: "cursor", base: cars, values: cur.forCars()},
		{route: "GET /cars/{carId}", in: "path", name: "carId", values: pathValues},
		{route: "GET /cars/{carId}", in: "query", name: "pickupDate", base: withDate(car, "returnDate", ret), values: dateValues},
		{route: "GET /cars/{carId}", in: "query", name: "returnDate", base: withDate(car, "pickupDate", pickup), values: dateValues},
		{route: "POST /bookings", in: "header", name: "Idempotency-Key", base: create, body: goodCreate, values: idempotencyKeyValues},
		{route: "POST /bookings", in: "header", name: "Content-Type", base: create, body: goodCreate, values: contentTypeValues},
		{route: "POST /bookings", in: "body", name: "carId", base: create, body: goodCreate, values: jsonValues(idValues)},
		{route: "POST /bookings", in: "body", name: "pickupDate", base: create, body: goodCreate, values: jsonValues(dateValues)},
		{route: "POST /bookings", in: "body", name: "returnDate", base: create, body: goodCreate, values: jsonValues(dateValues)},
		{route: "POST /bookings", in: "body", name: "locationId", base: create, body: goodCreate, values: jsonValues(idValues)},
		{route: "POST /bookings", in: "raw", name: "body", base: create, values: bodyValues},
		{route: "GET /bookings", in: "query", name: "status", base: list, values: enumValues},
		{route: "GET /bookings", in: "query", name: "limit", base: list, values: limitValues},
		{route: "GET /bookings", in: "query", name: "cursor", base: list, values: cur.forBookings()},
		{route: "GET /bookings/{bookingId}", in: "path", name: "bookingId", values: pathValues},
		{route: "PATCH /bookings/{bookingId}", in: "path", name: "bookingId", body: goodPatch, values: pathValues},
		{route: "PATCH /bookings/{bookingId}", in: "header", name: "If-Match", base: patch, body: goodPatch, values: ifMatchValues},
		{route: "PATCH /bookings/{bookingId}", in: "header", name: "Content-Type", base: patch, body: goodPatch, values: contentTypeValues},
		{route: "PATCH /bookings/{bookingId}", in: "body", name: "carId", base: patch, body: map[string]any{}, values: jsonValues(idValues)},
		{route: "PATCH /bookings/{bookingId}", in: "body", name: "pickupDate", base: patch, body: goodPatch, values: jsonValues(dateValues)},
		{route: "PATCH /bookings/{bookingId}", in: "body", name: "returnDate", base: patch, body: map[string]any{}, values: jsonValues(dateValues)},
		{route: "PATCH /bookings/{bookingId}", in: "raw", name: "body", base: patch, values: bodyValues},
		{route: "DELETE /bookings/{bookingId}", in: "path", name: "bookingId", values: pathValues},
	}
	var out []sweepCase
	for _, f := range fields {
		for _, v := range f.values {
			out = append(out, f.sweepCase(v))
		}
	}
	return out
}

// sweepCase is f's request with value v and the answer it must get.
func (f sweepField) sweepCase(v badValue) sweepCase {
	c := sweepCase{name: f.route + "/" + f.in + "/" + f.name + "/" + v.name,
		status: http.StatusBadRequest, code: "validation_failed", field: f.name}
	switch f.in {
	case "path":
		c.ev = newEvent(f.route).as(alice)
		c.ev.ev.PathParameters = map[string]string{f.name: v.value}
		// API Gateway's path is as the client sent it, escaped.
		c.ev.ev.Path = strings.ReplaceAll(f.route[strings.Index(f.route, "/"):], "{"+f.name+"}", url.PathEscape(v.value))
		c.status, c.code = http.StatusNotFound, "not_found"
	case "query":
		c.ev = f.base().query(f.name, v.value)
	case "header":
		c.ev = f.base()
		if f.name == "Content-Type" {
			c.status, c.code = http.StatusUnsupportedMediaType, "unsupported_media_type"
		}
	case "body":
		c.ev = f.base()
		c.ev.json(bodyWith(f.body, f.name, v))
	case "raw":
		c.ev = f.base().json(v.value)
	}
	if f.body != nil && f.in != "body" {
		c.ev.json(bodyWith(f.body, "", badValue{}))
	}
	if f.in == "header" {
		c.ev.header(f.name, v.value)
	}
	return c
}

// bodyWith is body as JSON with property name set to v (raw JSON when
// v.json, else a JSON string; invalid UTF-8 goes in as raw bytes, which
// encoding/json would otherwise replace).
func bodyWith(body map[string]any, name string, v badValue) string {
	var b strings.Builder
	b.WriteString("{")
	first := true
	add := func(k, raw string) {
		if !first {
			b.WriteString(",")
		}
		first = false
		fmt.Fprintf(&b, "%q:%s", k, raw)
	}
	for k, val := range body {
		if k != name {
			raw, _ := json.Marshal(val)
			add(k, string(raw))
		}
	}
	if name != "" {
		switch {
		case v.json:
			add(name, v.value)
		case !utf8.ValidString(v.value):
			add(name, `"`+v.value+`"`)
		default:
			raw, _ := json.Marshal(v.value)
			add(name, string(raw))
		}
	}
	b.WriteString("}")
	return b.String()
}
