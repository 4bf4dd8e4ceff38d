package load

import (
	"math/rand/v2"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// Window is the days that users search and book: a few weeks, so that
// their periods overlap often and the hot cars' schedules fill up, while
// cancellations keep freeing days.
type Window struct {
	First  rental.Date // the first pick-up day
	Days   int         // pick-ups fall in [First, First+Days)
	MaxLen int         // a rental lasts 1 to MaxLen days
}

// Window's defaults: far enough ahead that no booking starts during the
// run in any time zone (a started booking could no longer be changed or
// cancelled), well within the 365 days the rules allow.
const (
	windowLead   = 14
	windowDays   = 21
	windowMaxLen = 4
)

// DefaultWindow starts windowLead days after today in UTC.
func DefaultWindow(now time.Time) Window {
	return Window{First: rental.DateOf(now.UTC()).AddDays(windowLead), Days: windowDays, MaxLen: windowMaxLen}
}

// Pick is a random period in the window.
func (w Window) Pick(rng *rand.Rand) rental.Period {
	p := w.First.AddDays(rng.IntN(w.Days))
	return rental.Period{Pickup: p, Return: p.AddDays(1 + rng.IntN(w.MaxLen))}
}
