package notify

import (
	"fmt"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// DefaultReminderHour is when reminders go out: 18:00 the day before the
// pick-up, at the location.
const DefaultReminderHour = 18

// ReminderAt is the time of the reminder of a pick-up on day pickup at a
// location in zone: hour o'clock the day before, in that zone (a day
// that has no such hour, at a daylight-saving change, takes the next
// existing time, as time.Date does). Errors: an unknown zone.
func ReminderAt(pickup rental.Date, zone string, hour int) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("notify: time zone %q: %w", zone, err)
	}
	d := pickup.AddDays(-1).Time()
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, loc), nil
}
