package apigw_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/pkg/apigw"
)

// TestCORS: Access-Control-Allow-Origin by policy and request origin, on
// successes, errors and preflights alike (the other CORS headers are
// checked on every response, see serveWith).
func TestCORS(t *testing.T) {
	base := newEnvOn(t, memstore.New())
	tests := []struct {
		name    string
		allowed []string
		origin  string // "" for no Origin header
		want    string // "" for no Access-Control-Allow-Origin
	}{
		{"listed origin", []string{"https://a.example", webOrigin}, webOrigin, webOrigin},
		{"unlisted origin", []string{"https://a.example"}, "https://evil.example", ""},
		{"no Origin header", []string{webOrigin}, "", ""},
		{"any origin", []string{"*"}, "https://anyone.example", "*"},
		{"any origin, no header", []string{"*"}, "", "*"},
		{"no origins configured", nil, webOrigin, ""},
		{"scheme matters", []string{webOrigin}, "http://cars.example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := apigw.New(base.svc, apigw.Options{AllowedOrigins: tt.allowed, ImageBaseURL: imageBase,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			ev := func(route string) *event {
				e := newEvent(route).noHeader("Origin")
				if tt.origin != "" {
					e.header("origin", tt.origin) // lower case, as HTTP/2 clients send it
				}
				return e
			}
			serveWith(t, api.ListLocations, ev("GET /locations").get(), tt.want).wantOK(t, http.StatusOK, nil)
			serveWith(t, api.ListCars, ev("GET /cars").get(), tt.want).wantError(t, http.StatusBadRequest, "validation_failed", "locationId")
			serveWith(t, api.CreateBooking, ev("POST /bookings").json(`{}`).get(), tt.want).wantError(t, http.StatusUnauthorized, "unauthorized", "")

			resp, err := api.Preflight(context.Background(), ev("OPTIONS /bookings").header("Access-Control-Request-Method", "POST").get())
			if err != nil || resp.StatusCode != http.StatusNoContent || resp.Headers["Access-Control-Max-Age"] != apigw.CORSMaxAge {
				t.Errorf("preflight: %+v, %v", resp, err)
			}
			checkCORS(t, resp, tt.want)
		})
	}
}

// TestHeadersAndQuery: header names match in any case, from either map;
// query parameters come from either map.
func TestHeadersAndQuery(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-eco-1", pickup, ret)

	// Only the single-value maps, lower-case names (a hand-written event).
	ev := newEvent("PATCH /bookings/{bookingId}").id("bookingId", b.ID).as(alice).get()
	ev.MultiValueHeaders = nil
	ev.Headers = map[string]string{"content-type": "application/json; charset=UTF-8", "if-match": `"1"`, "origin": webOrigin}
	ev.Body = `{"returnDate":"2026-12-14"}`
	e.serve(t, ev).wantOK(t, http.StatusOK, nil)

	// Only the multi-value maps, upper-case names.
	ev = newEvent("PATCH /bookings/{bookingId}").id("bookingId", b.ID).as(alice).get()
	ev.Headers = nil
	ev.MultiValueHeaders = map[string][]string{"CONTENT-TYPE": {"application/json"}, "IF-MATCH": {`"1"`}, "ORIGIN": {webOrigin}}
	ev.Body = `{"returnDate":"2026-12-15"}`
	e.serve(t, ev).wantError(t, http.StatusPreconditionFailed, "version_mismatch", "")

	only := func(single bool) []string {
		ev := newEvent("GET /cars").query("locationId", "BER").query("type", "suv").get()
		if single {
			ev.MultiValueQueryStringParameters = nil
		} else {
			ev.QueryStringParameters = nil
		}
		var body struct{ Cars []struct{ ID string } }
		e.serve(t, ev).wantOK(t, http.StatusOK, &body)
		var ids []string
		for _, c := range body.Cars {
			ids = append(ids, c.ID)
		}
		return ids
	}
	for _, single := range []bool{true, false} {
		if ids := only(single); len(ids) != 1 || ids[0] != "ber-suv-1" {
			t.Errorf("single-value map only %v: cars %v, want ber-suv-1", single, ids)
		}
	}

	// Claims as a Go map of strings, as an event built in Go may hold them.
	ev = newEvent("GET /bookings/{bookingId}").id("bookingId", b.ID).get()
	ev.RequestContext.Authorizer = map[string]any{"claims": map[string]string{"sub": alice}}
	e.serve(t, ev).wantOK(t, http.StatusOK, nil)
}

// TestMaxBodyBytes: the limit is the option's, after base64 decoding.
func TestMaxBodyBytes(t *testing.T) {
	base := newEnvOn(t, memstore.New())
	api := apigw.New(base.svc, apigw.Options{AllowedOrigins: []string{webOrigin}, MaxBodyBytes: 80,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	body := `{"carId":"ber-eco-1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}` // under 80 bytes
	padded := body + strings.Repeat(" ", 81-len(body))                                  // 81: one too many
	serveWith(t, api.CreateBooking, newEvent("POST /bookings").as(alice).json(body).get(), webOrigin).
		wantOK(t, http.StatusCreated, nil)
	serveWith(t, api.CreateBooking, newEvent("POST /bookings").as(alice).json(padded).get(), webOrigin).
		wantError(t, http.StatusRequestEntityTooLarge, "payload_too_large", "")
}
