package notify

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// The fakes of the ports, for the rules' unit tests; the adapters run on
// DynamoDB Local and the local SES in pkg/dynamostream's tests.

type fakeMailer struct {
	mu   sync.Mutex
	sent []Message
	fail int // the next fail sends fail
}

func (f *fakeMailer) Send(_ context.Context, m Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail > 0 {
		f.fail--
		return errors.New("ses: throttled")
	}
	f.sent = append(f.sent, m)
	return nil
}

type fakeMarks struct {
	m        map[string]Mark
	failSent bool
}

func (f *fakeMarks) Get(_ context.Context, id string) (Mark, error) { return f.m[id], nil }

func (f *fakeMarks) Sent(_ context.Context, id string, v int64, _ time.Time) error {
	if f.failSent {
		return errors.New("throttled")
	}
	if m := f.m[id]; m.Version < v {
		m.Version = v
		f.m[id] = m
	}
	return nil
}

func (f *fakeMarks) Reminded(_ context.Context, id string, d rental.Date, _ time.Time) error {
	m := f.m[id]
	m.Reminded = d
	f.m[id] = m
	return nil
}

type fakePlaces map[string]rental.Location

func (f fakePlaces) GetLocation(_ context.Context, id string) (rental.Location, error) {
	l, ok := f[id]
	if !ok {
		return rental.Location{}, rental.NotFound("location")
	}
	return l, nil
}

type fakeBookings map[string]rental.Booking

func (f fakeBookings) GetBooking(_ context.Context, user, id string) (rental.Booking, error) {
	b, ok := f[id]
	if !ok || b.UserID != user {
		return rental.Booking{}, rental.NotFound("booking")
	}
	return b, nil
}

type fakeReminders struct{ set map[string]time.Time }

func (f *fakeReminders) Set(_ context.Context, t ReminderTask, at time.Time) error {
	f.set[t.BookingID] = at
	return nil
}

func (f *fakeReminders) Clear(_ context.Context, id string) error {
	delete(f.set, id)
	return nil
}

var (
	berlin = rental.Location{ID: "ber", Name: "Berlin Hauptbahnhof", City: "Berlin", Country: "DE",
		TimeZone: "Europe/Berlin", Address: "Europaplatz 1, 10557 Berlin"}
	now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
)

// booking is alice's Golf at Berlin for 5 to 8 March 2027, version 1.
func booking() rental.Booking {
	return rental.Booking{ID: "01M8PCNG1TAKDC1PCN3CE7A8AW", UserID: "sub-alice", Email: "alice@example.com",
		CarID: "ber-002", LocationID: "ber", Status: rental.Confirmed, Version: 1,
		Period: rental.Period{Pickup: rental.MustDate("2027-03-05"), Return: rental.MustDate("2027-03-08")},
		Total:  rental.Money{Amount: 14700, Currency: "EUR"},
		Car:    rental.CarSummary{ID: "ber-002", Make: "Volkswagen", Model: "Golf", Type: rental.Compact}}
}

// moved is b one version on, returned on day ret at total.
func moved(b rental.Booking, ret string, total int64) rental.Booking {
	b.Period.Return, b.Total.Amount, b.Version = rental.MustDate(ret), total, b.Version+1
	return b
}

func cancelled(b rental.Booking) rental.Booking {
	b.Status, b.Version = rental.Cancelled, b.Version+1
	return b
}

type rig struct {
	n     *Notifier
	mail  *fakeMailer
	marks *fakeMarks
	rem   *fakeReminders
	books fakeBookings
}

func newRig() *rig {
	r := &rig{mail: &fakeMailer{}, marks: &fakeMarks{m: map[string]Mark{}}, rem: &fakeReminders{set: map[string]time.Time{}},
		books: fakeBookings{}}
	r.n = New(Ports{Mailer: r.mail, Marks: r.marks, Places: fakePlaces{"ber": berlin}, Bookings: r.books, Reminders: r.rem},
		Config{From: "bookings@example.com", SiteURL: "https://cars.example.com", ReminderHour: DefaultReminderHour,
			Now: func() time.Time { return now }})
	return r
}
