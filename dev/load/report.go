package load

import (
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"time"
)

// routeOrder is the order of the report's rows: reads, then writes.
var routeOrder = []string{"GET /cars", "GET /cars/{carId}", "GET /bookings", "GET /bookings/{bookingId}",
	"POST /bookings", "PATCH /bookings/{bookingId}", "DELETE /bookings/{bookingId}"}

// Report writes the run's figures and findings; its last line is the
// audit line.
func Report(w io.Writer, r *Result) {
	s, cfg := r.Snap, r.Config
	fmt.Fprintf(w, "\n== load: %d users, %d hot cars (%s), %s, think time 0-%s, seed %d\n",
		cfg.Users, len(r.Fleet.Cars), fleetSummary(r.Fleet), cfg.Duration, cfg.Think, cfg.Seed)
	if r.Stack.Own {
		fmt.Fprintf(w, "stack: started for the run at %s: up %.1f s after its start (it says: %s); go build %.1f s\n",
			r.Stack.State.URL, r.Stack.Up.Seconds(), r.Stack.Says, r.Stack.Build.Seconds())
	} else {
		fmt.Fprintf(w, "stack: the running one at %s (%s)\n", r.Stack.State.URL, EnvBaseURL)
	}
	fmt.Fprintf(w, "users: %d created in cognito-local and signed in, %.1f s\n", cfg.Users, r.UsersTook.Seconds())
	if r.Interrupted {
		fmt.Fprintln(w, "INTERRUPTED: the load ended early")
	}

	total, secs := s.Requests(), r.Elapsed.Seconds()
	reads := 0
	for _, route := range readRoutes {
		reads += s.Routes[route].Requests
	}
	fmt.Fprintf(w, "\nrequests: %d in %.1f s = %.1f/s; reads %.1f%%, writes %.1f%%\n",
		total, secs, float64(total)/secs, pct(reads, total), pct(total-reads, total))
	fmt.Fprintf(w, "cpu during the load: %s (of %.0f s on %d CPUs)\n\n", r.CPU, secs, runtime.NumCPU())
	latencyTable(w, s, secs)
	fmt.Fprintln(w, "\noutcomes by route, and the latency of each outcome of a write:")
	for _, route := range routes(s) {
		fmt.Fprintf(w, "  %-30s %s\n", route, outcomes(s.Routes[route].Outcomes))
		if !slices.Contains(readRoutes, route) {
			for _, o := range slices.Sorted(maps.Keys(s.Routes[route].ByOutcome)) {
				lat := s.Routes[route].ByOutcome[o]
				fmt.Fprintf(w, "    %-28s p50 %s, p95 %s, p99 %s, max %s\n", o, ms(Percentile(lat, 50)), ms(Percentile(lat, 95)),
					ms(Percentile(lat, 99)), ms(Percentile(lat, 100)))
			}
		}
	}
	fmt.Fprintf(w, "errors by code: %s\n", errorCodes(s))
	contention(w, r)
	checks(w, r)
	if r.Stack.Own {
		fmt.Fprintln(w, "stack:", r.Stop)
	}
	fmt.Fprintln(w, r.Audit.Line(s.ServerErrors()))
}

// latencyTable is requests, throughput and latency percentiles per route.
func latencyTable(w io.Writer, s Snapshot, secs float64) {
	fmt.Fprintf(w, "%-30s %9s %8s %9s %9s %9s %9s\n", "route", "requests", "req/s", "p50", "p95", "p99", "max")
	var all []time.Duration
	for _, route := range routes(s) {
		rs := s.Routes[route]
		all = append(all, rs.Latencies...)
		row(w, route, rs.Requests, secs, rs.Latencies)
	}
	slices.Sort(all)
	row(w, "all", len(all), secs, all)
}

func row(w io.Writer, name string, n int, secs float64, sorted []time.Duration) {
	fmt.Fprintf(w, "%-30s %9d %8.1f %9s %9s %9s %9s\n", name, n, float64(n)/secs,
		ms(Percentile(sorted, 50)), ms(Percentile(sorted, 95)), ms(Percentile(sorted, 99)), ms(Percentile(sorted, 100)))
}

// contention says how often users collided on a car, and how the 503s of
// creates ended.
func contention(w io.Writer, r *Result) {
	t := r.Tally
	fmt.Fprintf(w, "contention: %d creates, %d answered 201; %d of a car and days that the user's last search had shown free, "+
		"of which %d lost the race (409 car_unavailable); %d began while a create of overlapping days of the same car "+
		"was in flight, up to %d such creates at once\n",
		t.Creates.Load(), t.Created.Load(), t.FromSearch.Load(), t.LostRace.Load(), r.Overlapping, r.MostAtOnce)
	fmt.Fprintf(w, "retries: %d creates answered 503 and sent again with their Idempotency-Key, %d then answered 201, %d still without a booking; "+
		"%d changes, %d cancellations sent\n",
		t.Retried.Load(), t.RetriedCreated.Load(), t.GaveUp.Load(), t.Changes.Load(), t.Cancels.Load())
}

// checks are the contract's and the audit's findings but the last line.
func checks(w io.Writer, r *Result) {
	s, a := r.Snap, r.Audit
	fmt.Fprintf(w, "contract: every answer's status checked against its route in api/openapi.yaml, %d answers in full; %d violations\n",
		s.Checked, len(s.Violations))
	list(w, "  ", s.Violations)
	unexpected := s.Unexpected()
	if len(unexpected) == 0 {
		fmt.Fprintln(w, "unexpected answers: none (only 200/201, 409 car_unavailable, 503 throttled may come)")
	} else {
		fmt.Fprintf(w, "UNEXPECTED answers: %s\n", outcomes(unexpected))
	}
	fmt.Fprintf(w, "audit read the table in %.1f s: %d cars, %d users with %d bookings (%d confirmed); "+
		"%d 201s and %d versions shown held to it\n",
		r.AuditTook.Seconds(), a.Cars, a.Users, a.Bookings, a.Confirmed, len(r.Seen.Created), len(r.Seen.Versions))
	for _, f := range [][]string{a.Findings.Overlaps, a.Findings.Lost, a.Findings.Orphans, a.Missing, a.Stale} {
		list(w, "  ", f)
	}
	if len(a.Unannounced) > 0 {
		fmt.Fprintln(w, "BOOKINGS NOBODY WAS TOLD OF (beyond creates that got no answer):")
		list(w, "  ", a.Unannounced)
	}
}

// list writes up to 10 of items, one a line.
func list(w io.Writer, indent string, items []string) {
	for i, it := range items {
		if i == 10 {
			fmt.Fprintf(w, "%s... and %d more\n", indent, len(items)-10)
			return
		}
		fmt.Fprintln(w, indent+it)
	}
}

// routes are s's routes in routeOrder, then any other.
func routes(s Snapshot) []string {
	var out []string
	for _, r := range routeOrder {
		if _, ok := s.Routes[r]; ok {
			out = append(out, r)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(s.Routes)) {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// outcomes is "200: 12, 409 car_unavailable: 3", most first.
func outcomes(m map[string]int) string {
	keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// errorCodes counts the error answers by code over all routes.
func errorCodes(s Snapshot) string {
	codes := map[string]int{}
	for _, rs := range s.Routes {
		for outcome, n := range rs.Outcomes {
			status, code, ok := strings.Cut(outcome, " ")
			switch {
			case outcome == "no answer":
				codes[outcome] += n
			case ok:
				codes[code] += n
			case status >= "300":
				codes[status] += n
			}
		}
	}
	if len(codes) == 0 {
		return "none"
	}
	return outcomes(codes)
}

// fleetSummary is "ber 7, muc 7, par 6".
func fleetSummary(f Fleet) string {
	parts := make([]string, len(f.Locations))
	for i, l := range f.Locations {
		parts[i] = fmt.Sprintf("%s %d", l, len(f.ByLoc[l]))
	}
	return strings.Join(parts, ", ")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
