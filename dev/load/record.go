package load

import (
	"maps"
	"math"
	"slices"
	"sync"
	"time"
)

// Recorder counts every answer by route and outcome and keeps its latency.
// Safe for concurrent use.
type Recorder struct {
	mu         sync.Mutex
	routes     map[string]*RouteStats
	violations []string // answers the contract does not allow, described
	checked    int      // answers held to the whole contract
}

// RouteStats is what one route answered.
type RouteStats struct {
	Requests  int
	Outcomes  map[string]int  // "201", "409 car_unavailable", "transport error"
	Latencies []time.Duration // of every answer, in arrival order
	ByOutcome map[string][]time.Duration
	ServerErr int // 5xx answers
}

// NewRecorder is an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{routes: map[string]*RouteStats{}} }

// Record counts one answer (or a transport error, status 0) of route.
func (r *Recorder) Record(route string, status int, outcome string, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.routes[route]
	if s == nil {
		s = &RouteStats{Outcomes: map[string]int{}, ByOutcome: map[string][]time.Duration{}}
		r.routes[route] = s
	}
	s.Requests++
	s.Outcomes[outcome]++
	s.Latencies = append(s.Latencies, took)
	s.ByOutcome[outcome] = append(s.ByOutcome[outcome], took)
	if status >= 500 {
		s.ServerErr++
	}
}

// Violation notes an answer that the contract does not allow.
func (r *Recorder) Violation(what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.violations = append(r.violations, what)
}

// Checked counts an answer held to the whole contract.
func (r *Recorder) Checked() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checked++
}

// Snapshot is a copy of what was recorded, for the report.
type Snapshot struct {
	Routes     map[string]RouteStats
	Violations []string
	Checked    int
}

// Snapshot copies the counts; the latencies come sorted.
func (r *Recorder) Snapshot() Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := Snapshot{Routes: map[string]RouteStats{}, Violations: slices.Clone(r.violations), Checked: r.checked}
	for route, s := range r.routes {
		c := RouteStats{Requests: s.Requests, Outcomes: maps.Clone(s.Outcomes), Latencies: slices.Sorted(slices.Values(s.Latencies)),
			ByOutcome: map[string][]time.Duration{}, ServerErr: s.ServerErr}
		for k, v := range s.ByOutcome {
			c.ByOutcome[k] = slices.Sorted(slices.Values(v))
		}
		out.Routes[route] = c
	}
	return out
}

// Requests is the number of answers of all routes.
func (s Snapshot) Requests() int {
	n := 0
	for _, r := range s.Routes {
		n += r.Requests
	}
	return n
}

// ServerErrors is the number of 5xx answers of all routes.
func (s Snapshot) ServerErrors() int {
	n := 0
	for _, r := range s.Routes {
		n += r.ServerErr
	}
	return n
}

// Percentile is the p-th percentile (0 < p <= 100) of sorted latencies by
// the nearest-rank method: the smallest value that at least p% of the
// values do not exceed. Zero for none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}
