package notify

import (
	"context"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// Message is one email: To one address, From the sending identity's
// address, a Subject and the same content as plain Text and as HTML.
type Message struct {
	To, From, Subject, Text, HTML string
}

// Mailer sends an email. pkg/sesmail sends through Amazon SES v2
// (SendEmail). An error means the message may not have gone out; it is
// retried (the stream's event source mapping retries the record).
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// Mark is what was sent for one booking: Version, the highest booking
// version whose notice was accepted (0: none); Reminded, the pick-up day
// whose reminder was (zero: none).
type Mark struct {
	Version  int64
	Reminded rental.Date
}

// Marks are the sent markers, one per booking. pkg/dynamo keeps them in
// the table (dynamo.Notices).
type Marks interface {
	// Get reads booking id's marker with strong consistency; the zero Mark
	// when there is none.
	Get(ctx context.Context, bookingID string) (Mark, error)
	// Sent raises the marker to version v, under the condition that it is
	// below v: a marker already at v or above stays (no error). expires
	// is when the marker may be deleted (TTL).
	Sent(ctx context.Context, bookingID string, v int64, expires time.Time) error
	// Reminded records that the reminder of the pick-up on day went out.
	Reminded(ctx context.Context, bookingID string, day rental.Date, expires time.Time) error
}

// Places reads a location: its name, address and time zone for the
// email. pkg/dynamo's Store is one; CachedPlaces keeps them for a while.
type Places interface {
	GetLocation(ctx context.Context, id string) (rental.Location, error)
}

// Bookings reads a booking as it is now, for a reminder: CodeNotFound
// when there is none. pkg/dynamo's Store is one.
type Bookings interface {
	GetBooking(ctx context.Context, userID, id string) (rental.Booking, error)
}

// ReminderTask is what a reminder's schedule carries to its target, the
// notify function: whose booking, and for which pick-up day (a schedule
// left over from before a change names the old one, and sends nothing).
type ReminderTask struct {
	UserID    string      `json:"userId"`
	BookingID string      `json:"bookingId"`
	Pickup    rental.Date `json:"pickupDate"`
}

// ReminderEvent is the payload of a reminder's schedule, the event that
// the notify function gets from EventBridge Scheduler:
// {"reminder":{"userId":"...","bookingId":"...","pickupDate":"2027-03-05"}}.
type ReminderEvent struct {
	Reminder *ReminderTask `json:"reminder"`
}

// Reminders keeps one one-time schedule per booking that runs its
// ReminderTask at a time. pkg/schedules does it with EventBridge
// Scheduler.
type Reminders interface {
	// Set creates the booking's schedule, or moves it, to run t at at
	// (in at's location, the rental location's zone).
	Set(ctx context.Context, t ReminderTask, at time.Time) error
	// Clear deletes the booking's schedule; none is no error.
	Clear(ctx context.Context, bookingID string) error
}
