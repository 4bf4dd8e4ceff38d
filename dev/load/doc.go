// Package load is `make load`: a bounded load run against the local stack
// on loopback, then an audit of the table it leaves.
//
// One job per file:
//
//	run.go         a run from start to end, and what it found (Result)
//	config.go      the run's settings and bounds (LOAD_DURATION, LOAD_BASE_URL)
//	stack.go       cmd/local built and run as a child on a free port, or a running one; its stop, checked
//	users.go       the users, created in the stack's cognito-local and signed in
//	fleet.go       the hot cars; window.go the days they are searched and booked for
//	sim.go         a simulated user and its steps; search.go, book.go, change.go the steps
//	contention.go  creates of overlapping days of one car in flight at once; counts of write outcomes
//	client.go      one HTTP request: timed, counted, held to the contract (contract.go, expect.go)
//	record.go      answers by route and outcome, latencies, percentiles
//	cpu.go         CPU time of the load, the stack and its children during the load
//	audit.go       the table read whole and checked, and held to what users were shown
//	report.go      the figures and findings; the audit line last
//
// The users think only briefly between steps, so that several of them
// book overlapping days of one car at the same moment: the race that the
// store's version-checked transaction must decide. The run is bounded: at
// most MaxDuration of load, every request at most requestTimeout, and the
// stack it started is stopped and checked for leftovers whatever happens.
package load
