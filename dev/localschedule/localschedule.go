// Package localschedule stands in for EventBridge Scheduler on the local
// stack: the reminders' one-time schedules, kept in memory under the names
// and expressions that pkg/schedules gives them in the cloud. Nothing
// fires by itself (a reminder is due the evening before a pick-up, weeks
// ahead); `go run ./cmd/local remind BOOKING` runs a schedule's target
// on demand, as Scheduler would at its time.
package localschedule

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/carrental/backend/pkg/notify"
	"github.com/carrental/backend/pkg/schedules"
)

// Schedule is one reminder's schedule.
type Schedule struct {
	Name       string              `json:"name"`       // reminder-<bookingId>
	Expression string              `json:"expression"` // at(2027-03-04T18:00:00)
	Zone       string              `json:"zone"`       // Europe/Berlin
	At         time.Time           `json:"at"`
	Input      notify.ReminderTask `json:"input"` // the target's event: notify.ReminderEvent{Reminder: &Input}
}

// Schedules is notify.Reminders in memory. It is safe for concurrent use.
type Schedules struct {
	mu sync.Mutex
	m  map[string]Schedule
}

var _ notify.Reminders = (*Schedules)(nil)

// New is an empty set of schedules.
func New() *Schedules { return &Schedules{m: map[string]Schedule{}} }

// Set creates or moves the booking's schedule.
func (s *Schedules) Set(_ context.Context, t notify.ReminderTask, at time.Time) error {
	expr, zone := schedules.Expression(at)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[t.BookingID] = Schedule{Name: schedules.Name(t.BookingID), Expression: expr, Zone: zone, At: at, Input: t}
	return nil
}

// Clear deletes the booking's schedule, if any.
func (s *Schedules) Clear(_ context.Context, bookingID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, bookingID)
	return nil
}

// Get is booking id's schedule.
func (s *Schedules) Get(bookingID string) (Schedule, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.m[bookingID]
	return sc, ok
}

// List is every schedule, by name.
func (s *Schedules) List() []Schedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Schedule, 0, len(s.m))
	for _, sc := range s.m {
		out = append(out, sc)
	}
	slices.SortFunc(out, func(a, b Schedule) int { return strings.Compare(a.Name, b.Name) })
	return out
}
