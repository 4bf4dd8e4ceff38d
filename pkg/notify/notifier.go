package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// markerLife is how long after a booking's return day its sent marker is
// kept: no stream record of the booking can come later (a booking cannot
// change once picked up, and the stream keeps records 24 hours).
const markerLife = 30 * 24 * time.Hour

// Config is what a Notifier writes into the emails and when reminders go.
type Config struct {
	// From is the sender, an address of the SES identity (MAIL_FROM).
	From string
	// SiteURL is the website, for the link to the booking
	// ("https://d111111abcdef8.cloudfront.net").
	SiteURL string
	// ReminderHour is the hour of the day before the pick-up, at the
	// location, when the reminder goes out (0-23).
	ReminderHour int
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Ports are the adapters a Notifier uses. Reminders may be nil: no
// reminders are scheduled.
type Ports struct {
	Mailer    Mailer
	Marks     Marks
	Places    Places
	Bookings  Bookings
	Reminders Reminders
}

// Result says what Apply or Remind did, for the invocation's log line.
type Result string

// The results.
const (
	Sent      Result = "sent"      // SES accepted the email
	Seen      Result = "seen"      // the marker says it was sent (a duplicate, or a record that comes late)
	Ignored   Result = "ignored"   // no notice: nothing the customer sees changed
	NoAddress Result = "noAddress" // the booking has no address (made before notices)
	NotDue    Result = "notDue"    // a reminder of a booking cancelled, moved or gone
)

// Notifier sends the notices of booking changes and the reminders, each
// once. It is safe for concurrent use; build one per Lambda container.
type Notifier struct {
	cfg Config
	p   Ports
}

// New is a Notifier on p with cfg.
func New(p Ports, cfg Config) *Notifier {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Notifier{cfg: cfg, p: p}
}

// Apply handles one change of a booking: the notice that Classify names,
// sent unless the booking's marker is at the change's version or above,
// then the reminder's schedule set (confirmed, changed) or cleared
// (cancelled). A change whose version is below the marker's comes late
// and does nothing. Either step may be done again by a retry: the email
// is not (the marker), the schedule is set to the same again.
//
// Errors: the ports' (reading the marker or the location, SES refusing
// the email, the scheduler, writing the marker), each naming the booking
// and version; the caller retries the record.
func (n *Notifier) Apply(ctx context.Context, c Change) (Result, error) {
	k := Classify(c)
	if k == None {
		return Ignored, nil
	}
	b := *c.New
	if b.Email == "" {
		return NoAddress, nil
	}
	m, err := n.p.Marks.Get(ctx, b.ID)
	if err != nil {
		return "", fmt.Errorf("booking %s v%d: sent marker: %w", b.ID, b.Version, err)
	}
	if m.Version > b.Version {
		return Seen, nil
	}
	l, err := n.p.Places.GetLocation(ctx, b.LocationID)
	if err != nil {
		return "", fmt.Errorf("booking %s v%d: location %s: %w", b.ID, b.Version, b.LocationID, err)
	}
	res := Seen
	if m.Version < b.Version {
		if err := n.send(ctx, k, b, c.Old, l); err != nil {
			return "", err
		}
		if err := n.p.Marks.Sent(ctx, b.ID, b.Version, n.expiry(b)); err != nil {
			return "", fmt.Errorf("booking %s v%d: sent, but the marker was not written: %w", b.ID, b.Version, err)
		}
		res = Sent
	}
	if err := n.schedule(ctx, k, b, l); err != nil {
		return "", fmt.Errorf("booking %s v%d: reminder: %w", b.ID, b.Version, err)
	}
	return res, nil
}

// send renders notice k and hands it to the Mailer.
func (n *Notifier) send(ctx context.Context, k Kind, b rental.Booking, before *rental.Booking, l rental.Location) error {
	msg, err := Render(k, b, before, l, n.cfg.SiteURL, n.cfg.From)
	if err != nil {
		return err
	}
	if err := n.p.Mailer.Send(ctx, msg); err != nil {
		return fmt.Errorf("booking %s v%d: %s email: %w", b.ID, b.Version, k, err)
	}
	return nil
}

// schedule sets or clears b's reminder after notice k: a reminder whose
// time has passed is cleared (the confirmation is the last word).
func (n *Notifier) schedule(ctx context.Context, k Kind, b rental.Booking, l rental.Location) error {
	if n.p.Reminders == nil {
		return nil
	}
	if k == Cancelled {
		return n.p.Reminders.Clear(ctx, b.ID)
	}
	at, err := ReminderAt(b.Period.Pickup, l.TimeZone, n.cfg.ReminderHour)
	if err != nil {
		return err
	}
	if !at.After(n.cfg.Now()) {
		return n.p.Reminders.Clear(ctx, b.ID)
	}
	return n.p.Reminders.Set(ctx, ReminderTask{UserID: b.UserID, BookingID: b.ID, Pickup: b.Period.Pickup}, at)
}

// Remind sends the reminder of task: only when the booking is still
// confirmed for that pick-up day (a schedule that a change or a
// cancellation left behind sends nothing), and once per pick-up day.
//
// Errors: the ports', naming the booking; the caller (EventBridge
// Scheduler) retries.
func (n *Notifier) Remind(ctx context.Context, t ReminderTask) (Result, error) {
	b, err := n.p.Bookings.GetBooking(ctx, t.UserID, t.BookingID)
	if rental.ErrorCode(err) == rental.CodeNotFound {
		return NotDue, nil
	} else if err != nil {
		return "", fmt.Errorf("reminder of booking %s: %w", t.BookingID, err)
	}
	if b.Status != rental.Confirmed || b.Period.Pickup != t.Pickup {
		return NotDue, nil
	}
	if b.Email == "" {
		return NoAddress, nil
	}
	m, err := n.p.Marks.Get(ctx, b.ID)
	if err != nil {
		return "", fmt.Errorf("reminder of booking %s: sent marker: %w", b.ID, err)
	}
	if m.Reminded == t.Pickup {
		return Seen, nil
	}
	l, err := n.p.Places.GetLocation(ctx, b.LocationID)
	if err != nil {
		return "", fmt.Errorf("reminder of booking %s: location %s: %w", b.ID, b.LocationID, err)
	}
	if err := n.send(ctx, Reminder, b, nil, l); err != nil {
		return "", err
	}
	if err := n.p.Marks.Reminded(ctx, b.ID, t.Pickup, n.expiry(b)); err != nil {
		return "", fmt.Errorf("reminder of booking %s: sent, but the marker was not written: %w", b.ID, err)
	}
	return Sent, nil
}

// expiry is when b's marker may go.
func (n *Notifier) expiry(b rental.Booking) time.Time { return b.Period.Return.Time().Add(markerLife) }

// ErrBadTask is the error of a reminder task that names no booking.
var ErrBadTask = errors.New("notify: the reminder names no user, booking or pick-up day")

// Check reports ErrBadTask when t lacks a field.
func (t ReminderTask) Check() error {
	if t.UserID == "" || t.BookingID == "" || t.Pickup.IsZero() {
		return ErrBadTask
	}
	return nil
}
