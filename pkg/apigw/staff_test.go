package apigw_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/storetest"
)

// staffRoutes are one request for each admin route, as staff would send
// it.
var staffRoutes = []*event{
	newEvent("POST /admin/cars").json(`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER","dailyRate":4500}`),
	newEvent("PATCH /admin/cars/{carId}").id("carId", "ber-eco-1").json(`{"dailyRate":4000}`),
	newEvent("DELETE /admin/cars/{carId}").id("carId", "ber-eco-2"),
	newEvent("POST /admin/cars/{carId}/photo").id("carId", "ber-eco-1").json(`{"contentType":"image/png"}`),
	newEvent("POST /admin/locations").json(`{"id":"osl","name":"Oslo","city":"Oslo","country":"NO","timeZone":"Europe/Oslo","address":"Jernbanetorget 1","currency":"EUR"}`),
	newEvent("PATCH /admin/locations/{locationId}").id("locationId", "BER").json(`{"name":"Berlin Central"}`),
	newEvent("GET /admin/desk").query("locationId", "BER"),
	newEvent("PUT /admin/customers/{customerId}/bookings/{bookingId}/status").id("customerId", alice).id("bookingId", firstBookingID).json(`{"status":"NO_SHOW"}`),
}

// TestAdminRoutesAreForStaff: every admin route answers a customer's
// token (signed in, not in the group) 403 forbidden and changes nothing;
// a request without claims is 401; staff get through. The routes are all
// that the contract tags Staff.
func TestAdminRoutesAreForStaff(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for _, ev := range staffRoutes {
		route := ev.ev.HTTPMethod + " " + ev.ev.Resource
		seen[route] = true
		x := e.serve(t, ev.as(bob).get())
		x.wantError(t, http.StatusForbidden, "forbidden", "")
		x = e.serve(t, ev.as("").get())
		x.wantError(t, http.StatusUnauthorized, "unauthorized", "")
		// Staff get past the check: whatever the route then says (the
		// status change's booking does not exist: 404), not 401 or 403.
		if x := e.serve(t, ev.staff(bob).get()); x.resp.StatusCode == http.StatusForbidden ||
			x.resp.StatusCode == http.StatusUnauthorized || x.resp.StatusCode >= 500 {
			t.Errorf("%s as staff: %d %s", route, x.resp.StatusCode, x.resp.Body)
		}
	}
	for route := range routes {
		if strings.Contains(route, " /admin/") && !seen[route] {
			t.Errorf("%s is not tried", route)
		}
	}
	// Nothing a customer sent changed the fleet: ber-eco-2 still books.
	e.book(t, alice, "ber-eco-1", storetest.Period(40, 42).Pickup.String(), storetest.Period(40, 42).Return.String())
}

// TestCarHeldByBookings: a car with a booking from today on cannot be
// retired; the 409 names the booking and its customer, in the contract's
// shape; once it is cancelled the car retires and leaves the search.
func TestCarHeldByBookings(t *testing.T) {
	e := newEnv(t)
	b := e.book(t, alice, "ber-suv-1", storetest.Period(5, 8).Pickup.String(), storetest.Period(5, 8).Return.String())
	retire := newEvent("DELETE /admin/cars/{carId}").id("carId", "ber-suv-1").staff(bob).get()
	x := e.serve(t, retire)
	x.wantError(t, http.StatusConflict, "car_has_bookings", "")
	var body struct {
		Error struct {
			Bookings []struct{ ID, CustomerID, PickupDate string }
		}
	}
	if err := json.Unmarshal([]byte(x.resp.Body), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Error.Bookings) != 1 || body.Error.Bookings[0].ID != b.ID || body.Error.Bookings[0].CustomerID != alice {
		t.Fatalf("bookings in the 409: %+v", body.Error.Bookings)
	}
	e.serve(t, newEvent("DELETE /bookings/{bookingId}").as(alice).id("bookingId", b.ID).get()).wantOK(t, http.StatusOK, nil)
	e.serve(t, retire).wantOK(t, http.StatusOK, nil)
	var cars struct{ Cars []struct{ ID string } }
	e.serve(t, newEvent("GET /cars").query("locationId", "BER").query("type", "suv").get()).wantOK(t, http.StatusOK, &cars)
	if len(cars.Cars) != 0 {
		t.Fatalf("a retired car is searched: %+v", cars.Cars)
	}
	e.serve(t, newEvent("GET /cars/{carId}").id("carId", "ber-suv-1").get()).wantError(t, http.StatusNotFound, "not_found", "")
}

// TestStaffFieldsNamed: each broken fleet rule names its field as the
// contract does.
func TestStaffFieldsNamed(t *testing.T) {
	e := newEnv(t)
	for body, field := range map[string]string{
		`{"make":"","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER","dailyRate":4500}`:                 "make",
		`{"make":"Kia","model":"Ceed","type":"truck","seats":5,"transmission":"manual","locationId":"BER","dailyRate":4500}`:                "type",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":12,"transmission":"manual","locationId":"BER","dailyRate":4500}`:             "seats",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"cvt","locationId":"BER","dailyRate":4500}`:                 "transmission",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"NOPE","dailyRate":4500}`:             "locationId",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER","dailyRate":5}`:                 "dailyRate",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER","dailyRate":45.5}`:              "dailyRate",
		`{"make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER"}`:                               "dailyRate",
		`{"id":"BER 1","make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"BER","dailyRate":4500}`: "id",
	} {
		e.serve(t, newEvent("POST /admin/cars").staff(bob).json(body).get()).wantError(t, http.StatusBadRequest, "validation_failed", field)
	}
	e.serve(t, newEvent("PATCH /admin/cars/{carId}").id("carId", "ber-eco-1").staff(bob).json(`{"photoKey":"cars/ber-eco-2/x.jpg"}`).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "photoKey")
	e.serve(t, newEvent("PATCH /admin/locations/{locationId}").id("locationId", "BER").staff(bob).json(`{"timeZone":"Mars/Olympus"}`).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "timeZone")
	e.serve(t, newEvent("PATCH /admin/locations/{locationId}").id("locationId", "BER").staff(bob).json(`{"currency":"GBP"}`).get()).
		wantError(t, http.StatusBadRequest, "validation_failed", "currency")
	e.serve(t, newEvent("PUT /admin/customers/{customerId}/bookings/{bookingId}/status").id("customerId", alice).id("bookingId", firstBookingID).
		staff(bob).json(`{"status":"CANCELLED"}`).get()).wantError(t, http.StatusBadRequest, "validation_failed", "status")
}
