package notify

import (
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// TestRender: each email says the booking number, the car, the location
// with its address, the dates spelled out with the location's zone, the
// total and the link to the booking, in the text and the HTML alike;
// nothing of the user id.
func TestRender(t *testing.T) {
	b := booking()
	common := []string{b.ID, "Volkswagen Golf (compact)", "Berlin Hauptbahnhof", "Europaplatz 1, 10557 Berlin",
		"Europe/Berlin", "https://cars.example.com/my-bookings/" + b.ID}
	later := moved(b, "2027-03-10", 24500)
	for _, tc := range []struct {
		k       Kind
		b       rental.Booking
		subject string
		says    []string
	}{
		{Confirmed, b, "Booking confirmed: Volkswagen Golf in Berlin, Friday 5 March 2027",
			[]string{"is confirmed", "Friday 5 March 2027", "Monday 8 March 2027", "€147.00", "3 days"}},
		{Changed, later, "Booking changed: Volkswagen Golf in Berlin, now Friday 5 March 2027",
			[]string{"has changed", "Wednesday 10 March 2027", "€245.00", "5 days", "Monday 8 March 2027", "€147.00"}},
		{Cancelled, cancelled(b), "Booking cancelled: Volkswagen Golf in Berlin, Friday 5 March 2027",
			[]string{"is cancelled", "Friday 5 March 2027"}},
		{Reminder, b, "Reminder: pick up your Volkswagen Golf tomorrow at Berlin Hauptbahnhof",
			[]string{"starts tomorrow", "Friday 5 March 2027", "driving licence"}},
	} {
		m, err := Render(tc.k, tc.b, &b, berlin, "https://cars.example.com/", "bookings@example.com")
		if err != nil {
			t.Fatalf("%s: %v", tc.k, err)
		}
		if m.Subject != tc.subject || m.To != "alice@example.com" || m.From != "bookings@example.com" {
			t.Errorf("%s: %q to %q from %q", tc.k, m.Subject, m.To, m.From)
		}
		for _, part := range []struct{ name, body string }{{"text", m.Text}, {"HTML", m.HTML}} {
			for _, want := range append(common, tc.says...) {
				if !strings.Contains(part.body, want) {
					t.Errorf("%s %s lacks %q:\n%s", tc.k, part.name, want, part.body)
				}
			}
			if strings.Contains(part.body, b.UserID) {
				t.Errorf("%s %s shows the user id", tc.k, part.name)
			}
		}
	}
}

// TestRenderChangedShowsBoth: a change shows the booking now, then before.
func TestRenderChangedShowsBoth(t *testing.T) {
	b := booking()
	m, err := Render(Changed, moved(b, "2027-03-10", 24500), &b, berlin, "https://cars.example.com", "f@example.com")
	if err != nil {
		t.Fatal(err)
	}
	now, before := strings.Index(m.Text, "€245.00"), strings.Index(m.Text, "€147.00")
	if now < 0 || before < 0 || now > before || !strings.Contains(m.Text, "Before:") {
		t.Errorf("want the new total, then the old one:\n%s", m.Text)
	}
}

// TestRenderEscapes: what a location or car says is text in the HTML.
func TestRenderEscapes(t *testing.T) {
	b := booking()
	b.Car.Model = `<script>alert(1)</script>`
	l := berlin
	l.Address = `"><img src=x>`
	m, err := Render(Confirmed, b, nil, l, "https://cars.example.com", "f@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<img") {
		t.Errorf("HTML not escaped:\n%s", m.HTML)
	}
}

func TestRenderRefuses(t *testing.T) {
	b := booking()
	if _, err := Render(None, b, nil, berlin, "", ""); err == nil {
		t.Error("Render(None) sent something")
	}
	b.Email = ""
	if _, err := Render(Confirmed, b, nil, berlin, "", ""); err == nil {
		t.Error("Render without an address")
	}
}
