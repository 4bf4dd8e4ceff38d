package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/carrental/backend/pkg/rental"
	"github.com/carrental/backend/pkg/say"
)

// The templates of every notice: one plain-text and one HTML body, each
// with a section per Kind (html/template escapes every value).
//
//go:embed templates/email.txt.tmpl templates/email.html.tmpl
var templateFiles embed.FS

var (
	textBody = texttemplate.Must(texttemplate.ParseFS(templateFiles, "templates/email.txt.tmpl"))
	htmlBody = htmltemplate.Must(htmltemplate.ParseFS(templateFiles, "templates/email.html.tmpl"))
)

// rentalView is one state of a booking as the email writes it.
type rentalView struct {
	Car, Pickup, Return, Days, Total string
}

// view is what the templates read.
type view struct {
	Kind                  Kind
	Heading               string
	BookingID             string
	Location, Address     string
	Zone                  string
	Link                  string
	Now                   rentalView
	Before                *rentalView // Changed only
	HasBefore, IsReminder bool
}

// Render writes the email of notice k about booking b (for Changed,
// before is the booking before the change) at location l, with a link to
// the booking on the website at site ("https://example.com", no trailing
// slash). Nothing secret goes in: no user id, token or internal error.
// Errors: a Kind without an email (None), a booking without an address.
func Render(k Kind, b rental.Booking, before *rental.Booking, l rental.Location, site, from string) (Message, error) {
	if b.Email == "" {
		return Message{}, fmt.Errorf("notify: booking %s has no address", b.ID)
	}
	subject, heading, err := headline(k, b, l)
	if err != nil {
		return Message{}, err
	}
	v := view{Kind: k, Heading: heading, BookingID: b.ID, Location: l.Name, Address: l.Address, Zone: l.TimeZone,
		Link: strings.TrimRight(site, "/") + "/my-bookings/" + b.ID, Now: rentalOf(b), IsReminder: k == Reminder}
	if k == Changed && before != nil {
		bv := rentalOf(*before)
		v.Before, v.HasBefore = &bv, true
	}
	var text, html bytes.Buffer
	if err := textBody.Execute(&text, v); err != nil {
		return Message{}, fmt.Errorf("notify: text of %s: %w", k, err)
	}
	if err := htmlBody.Execute(&html, v); err != nil {
		return Message{}, fmt.Errorf("notify: HTML of %s: %w", k, err)
	}
	return Message{To: b.Email, From: from, Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

// headline is the subject and the first line of notice k.
func headline(k Kind, b rental.Booking, l rental.Location) (subject, heading string, err error) {
	car := say.CarName(b.Car.Make, b.Car.Model)
	switch k {
	case Confirmed:
		return fmt.Sprintf("Booking confirmed: %s in %s, %s", car, l.City, say.Date(b.Period.Pickup)),
			"Your booking is confirmed.", nil
	case Changed:
		return fmt.Sprintf("Booking changed: %s in %s, now %s", car, l.City, say.Date(b.Period.Pickup)),
			"Your booking has changed. Here it is as it is now, and as it was.", nil
	case Cancelled:
		return fmt.Sprintf("Booking cancelled: %s in %s, %s", car, l.City, say.Date(b.Period.Pickup)),
			"Your booking is cancelled. Nothing more is charged for it.", nil
	case Reminder:
		return fmt.Sprintf("Reminder: pick up your %s tomorrow at %s", car, l.Name),
			"Your rental starts tomorrow. Here is everything you need for the pick-up.", nil
	}
	return "", "", fmt.Errorf("notify: no email for notice %q", k)
}

// rentalOf is b as the email writes it.
func rentalOf(b rental.Booking) rentalView {
	return rentalView{Car: say.CarName(b.Car.Make, b.Car.Model) + " (" + string(b.Car.Type) + ")",
		Pickup: say.Date(b.Period.Pickup), Return: say.Date(b.Period.Return), Days: say.Days(b.Days()),
		Total: say.Money(b.Total)}
}
