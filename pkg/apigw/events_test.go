package apigw_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
)

// eventValues render the events for these tests: the day of the Service's
// clock (storetest.Start), and alice as the signed-in user. The token is
// never verified (no authorizer runs in front of a handler).
var eventValues = eventfile.Values{Today: storetest.Start, Sub: alice, Email: "maria.keller@example.com",
	IDToken: "eyJraWQiOiJleGFtcGxlLWtleSIsImFsZyI6IlJTMjU2In0.eyJ0b2tlbl91c2UiOiJpZCJ9.ZXhhbXBsZS1zaWduYXR1cmU"}

// sampleImageKey is the image key of car id of the sample fleet: its
// picture's content-addressed key (seed.ImageKey).
func sampleImageKey(t *testing.T, id string) string {
	t.Helper()
	fleet, err := seed.Load(filepath.Join("..", "..", seed.FleetFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range fleet.Cars {
		if c.ID == id {
			return c.ImageKey
		}
	}
	t.Fatalf("no car %s in the sample fleet", id)
	return ""
}

// readEvent renders events/<name>.json (eventValues) and decodes it
// strictly: a property that APIGatewayProxyRequest lacks is a typo that
// `sam local invoke` would silently drop.
func readEvent(t *testing.T, name string) events.APIGatewayProxyRequest {
	t.Helper()
	data, err := eventfile.Read(filepath.Join("..", "..", "events", name+".json"), eventValues)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ev events.APIGatewayProxyRequest
	if err := dec.Decode(&ev); err != nil {
		t.Fatalf("events/%s.json: %v", name, err)
	}
	return ev
}

// TestEvents runs each function on its events/ file, in the order a user
// would, on the sample fleet that the local stack loads: the create makes
// the booking that the later events address (the env names the first
// booking as the files do), so each file is a working example of its route
// against DynamoDB Local.
func TestEvents(t *testing.T) {
	e := newSampleEnv(t)
	steps := []struct {
		name   string
		status int
		check  func(t *testing.T, x exchange)
	}{
		{"list-locations", http.StatusOK, func(t *testing.T, x exchange) {
			var body struct{ Locations []struct{ ID string } }
			x.wantOK(t, http.StatusOK, &body)
			if len(body.Locations) != 8 {
				t.Errorf("locations = %+v, want the 8 of the sample fleet", body.Locations)
			}
		}},
		{"list-cars", http.StatusOK, func(t *testing.T, x exchange) {
			var body struct {
				Cars []struct {
					ID    string
					Quote *struct{ Days int }
				}
			}
			x.wantOK(t, http.StatusOK, &body)
			if len(body.Cars) != 2 || body.Cars[0].Quote == nil || body.Cars[0].Quote.Days != 3 {
				t.Errorf("cars = %+v, want the 2 compact cars at ber, quoted for 3 days", body.Cars)
			}
		}},
		{"get-car", http.StatusOK, func(t *testing.T, x exchange) {
			var body struct {
				ID        string
				ImageURL  string
				Available *bool
			}
			x.wantOK(t, http.StatusOK, &body)
			if body.ID != "ber-005" || body.Available == nil || !*body.Available || body.ImageURL != imageBase+"/"+sampleImageKey(t, "ber-005") {
				t.Errorf("car = %+v", body)
			}
		}},
		{"create-booking", http.StatusCreated, func(t *testing.T, x exchange) {
			var b bookingJSON
			x.wantOK(t, http.StatusCreated, &b)
			if b.ID != firstBookingID || b.CarID != "ber-002" || b.LocationID != "ber" || b.Days != 3 || b.Total.Amount != 3*4900 || b.Status != "CONFIRMED" {
				t.Errorf("booking = %+v", b)
			}
			if got := x.resp.Headers["Location"]; got != "/bookings/"+firstBookingID {
				t.Errorf("Location = %q", got)
			}
			if got := x.resp.Headers["ETag"]; got != `"1"` {
				t.Errorf("ETag = %q", got)
			}
		}},
		{"get-alternatives", http.StatusOK, func(t *testing.T, x exchange) {
			var body alternativesJSON
			x.wantOK(t, http.StatusOK, &body)
			var others []string
			for _, c := range body.OtherTypes {
				others = append(others, c.ID)
			}
			if len(body.Free) != 1 || body.Free[0].ID != "ber-006" || body.Free[0].Quote == nil || !body.TypeInFleet ||
				body.LaterDates != nil || strings.Join(others, ",") != "ber-001,ber-003,ber-004,ber-005,ber-007" {
				t.Errorf("alternatives = %+v, others %v; want the luxury car free, ber-002 taken by the booking", body, others)
			}
		}},
		{"list-bookings", http.StatusOK, func(t *testing.T, x exchange) {
			var body struct{ Bookings []bookingJSON }
			x.wantOK(t, http.StatusOK, &body)
			if len(body.Bookings) != 1 || body.Bookings[0].ID != firstBookingID {
				t.Errorf("bookings = %+v", body.Bookings)
			}
		}},
		{"get-booking", http.StatusOK, func(t *testing.T, x exchange) {
			x.wantOK(t, http.StatusOK, nil)
			if got := x.resp.Headers["ETag"]; got != `"1"` {
				t.Errorf("ETag = %q", got)
			}
		}},
		{"update-booking", http.StatusOK, func(t *testing.T, x exchange) {
			var b bookingJSON
			x.wantOK(t, http.StatusOK, &b)
			// ${DATE+106} from storetest.Start.
			if b.ReturnDate != "2027-03-16" || b.Days != 4 || b.Version != 2 || x.resp.Headers["ETag"] != `"2"` {
				t.Errorf("booking = %+v, ETag %s", b, x.resp.Headers["ETag"])
			}
		}},
		{"cancel-booking", http.StatusOK, func(t *testing.T, x exchange) {
			var b bookingJSON
			x.wantOK(t, http.StatusOK, &b)
			if b.Status != "CANCELLED" || b.Version != 3 {
				t.Errorf("booking = %+v", b)
			}
		}},
	}
	steps = append(steps, staffSteps(t, e)...)
	handlers := handlersOf(e.api)
	if len(steps) != len(handlers) {
		t.Fatalf("%d steps for %d handlers: every function needs its event", len(steps), len(handlers))
	}
	for _, s := range steps {
		ev := readEvent(t, s.name)
		h, ok := handlers[s.name]
		if !ok {
			t.Fatalf("no handler %q for events/%s.json", s.name, s.name)
		}
		if routes[ev.HTTPMethod+" "+ev.Resource] != s.name {
			t.Errorf("events/%s.json is %s %s, which is not that function's route", s.name, ev.HTTPMethod, ev.Resource)
		}
		x := serveWith(t, h, ev, webOrigin)
		if x.resp.StatusCode != s.status {
			t.Fatalf("events/%s.json: %d %s, want %d", s.name, x.resp.StatusCode, x.resp.Body, s.status)
		}
		s.check(t, x)
	}
}

// staffSteps are the staff's events, after the customer's: a location
// and a car there, changed, its photo's upload, retired; then alice's
// second booking (made here, ten days ahead) on the desk of its day, and
// picked up on it.
func staffSteps(t *testing.T, e *env) []struct {
	name   string
	status int
	check  func(t *testing.T, x exchange)
} {
	type step = struct {
		name   string
		status int
		check  func(t *testing.T, x exchange)
	}
	var car struct {
		ID        string
		DailyRate struct {
			Amount   int64
			Currency string
		}
	}
	return []step{
		{"create-location", http.StatusCreated, func(t *testing.T, x exchange) {
			var l struct{ ID, Currency string }
			x.wantOK(t, http.StatusCreated, &l)
			if l.ID != "osl" || l.Currency != "EUR" {
				t.Errorf("location = %+v", l)
			}
		}},
		{"update-location", http.StatusOK, func(t *testing.T, x exchange) {
			var l struct{ Address string }
			x.wantOK(t, http.StatusOK, &l)
			if !strings.HasSuffix(l.Address, "Norway") {
				t.Errorf("location = %+v", l)
			}
		}},
		{"create-car", http.StatusCreated, func(t *testing.T, x exchange) {
			x.wantOK(t, http.StatusCreated, &car)
			if car.ID != "osl-001" || car.DailyRate.Amount != 8900 || car.DailyRate.Currency != "EUR" {
				t.Errorf("car = %+v", car)
			}
		}},
		{"update-car", http.StatusOK, func(t *testing.T, x exchange) {
			x.wantOK(t, http.StatusOK, &car)
			if car.DailyRate.Amount != 9500 {
				t.Errorf("car = %+v", car)
			}
		}},
		{"create-photo-upload", http.StatusCreated, func(t *testing.T, x exchange) {
			var u struct{ Key string }
			x.wantOK(t, http.StatusCreated, &u)
			if !strings.HasPrefix(u.Key, "cars/osl-001/") {
				t.Errorf("upload = %+v", u)
			}
		}},
		{"retire-car", http.StatusOK, func(t *testing.T, x exchange) {
			x.wantOK(t, http.StatusOK, nil)
			// The desk's booking: alice's second, ten days ahead.
			e.book(t, alice, "ber-001", storetest.Today.AddDays(10).String(), storetest.Today.AddDays(12).String())
		}},
		{"get-desk", http.StatusOK, func(t *testing.T, x exchange) {
			var d struct {
				Pickups []struct {
					ID, CustomerID, Email string
				}
			}
			x.wantOK(t, http.StatusOK, &d)
			if len(d.Pickups) != 1 || d.Pickups[0].ID != secondBookingID || d.Pickups[0].CustomerID != alice {
				t.Errorf("desk = %+v", d)
			}
			e.clock.Set(storetest.Start.Add(10 * 24 * time.Hour)) // the pick-up day
		}},
		{"set-booking-status", http.StatusOK, func(t *testing.T, x exchange) {
			var b bookingJSON
			x.wantOK(t, http.StatusOK, &b)
			if b.ID != secondBookingID || b.Status != "PICKED_UP" || b.Version != 2 {
				t.Errorf("booking = %+v", b)
			}
		}},
	}
}
