package load

import (
	"sync"
	"sync/atomic"

	"github.com/carrental/backend/pkg/rental"
)

// Flights are the creates in flight, by car: they show whether users
// really booked overlapping periods of one car at the same moment, which
// is what the store's version-checked transaction is there for.
type Flights struct {
	mu          sync.Mutex
	byCar       map[string]map[*flight]bool
	overlapping int // creates that began while another create of an overlapping period of the car was in flight
	most        int // the most creates of overlapping periods of one car in flight at once
}

type flight struct{ period rental.Period }

// NewFlights is an empty Flights.
func NewFlights() *Flights { return &Flights{byCar: map[string]map[*flight]bool{}} }

// Begin notes a create of car for p; call the returned func when it has
// its final answer.
func (f *Flights) Begin(car string, p rental.Period) (end func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fl := &flight{period: p}
	others := 0
	for o := range f.byCar[car] {
		if o.period.Overlaps(p) {
			others++
		}
	}
	if others > 0 {
		f.overlapping++
	}
	f.most = max(f.most, others+1)
	if f.byCar[car] == nil {
		f.byCar[car] = map[*flight]bool{}
	}
	f.byCar[car][fl] = true
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.byCar[car], fl)
	}
}

// Counts returns the overlapping creates and the most at once.
func (f *Flights) Counts() (overlapping, most int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.overlapping, f.most
}

// Tally counts what the users' writes came to, beyond the per-route
// outcomes: how often a car that a search had just shown free was taken
// by someone else first, and how the retries of a 503 ended. Its fields
// are updated atomically.
type Tally struct {
	Creates        atomic.Int64 // creates begun (one per Idempotency-Key)
	Created        atomic.Int64 // creates answered 201
	FromSearch     atomic.Int64 // creates of a car and period that a search had just shown free
	LostRace       atomic.Int64 // ... answered 409 car_unavailable: someone else booked it in between
	Retried        atomic.Int64 // creates answered 503 and sent again with the same key
	RetriedCreated atomic.Int64 // ... that then got their 201
	GaveUp         atomic.Int64 // creates still 503 (or unanswered) after every attempt
	Changes        atomic.Int64 // PATCHes sent
	Cancels        atomic.Int64 // DELETEs sent
}
