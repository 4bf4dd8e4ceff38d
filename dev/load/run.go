package load

import (
	"context"
	crand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/carrental/backend/dev/localdynamo"
)

// auditTimeout bounds the audit's reads, which also run after a Ctrl-C.
const auditTimeout = 2 * time.Minute

// settleAfterInterrupt is the wait between a Ctrl-C and the audit.
const settleAfterInterrupt = 3 * time.Second

// Result is a whole run, for the report.
type Result struct {
	Config    Config
	Fleet     Fleet
	Stack     *Stack
	UsersTook time.Duration // creating the users and signing them in
	Elapsed   time.Duration // the load: from the first step to the last answer
	Snap      Snapshot
	Tally     *Tally
	// Overlapping creates of one car in flight, and the most at once.
	Overlapping, MostAtOnce int
	Seen                    Seen
	Audit                   AuditResult
	AuditTook               time.Duration
	Stop                    StopReport
	Interrupted             bool
	CPU                     string // CPU time used during the load, by process
}

// Failed reports whether anything did not hold: the audit line's numbers,
// an answer the contract does not allow or that the requests should not
// get, a request without an answer, a booking nobody was told of, a stack
// that did not end cleanly.
func (r Result) Failed() bool {
	o, l, orph := r.Audit.Counts()
	return o+l+orph+r.Snap.ServerErrors() > 0 || len(r.Snap.Violations) > 0 || len(r.Snap.Unexpected()) > 0 ||
		len(r.Audit.Unannounced) > 0 || (r.Stack.Own && !r.Stop.OK()) || r.Interrupted
}

// Run is one load run; it writes its progress and the report to out and
// returns the exit code: 0 when everything held, 1 when something did not
// (Result.Failed), 2 when the run could not be made (no stack, no users,
// a failed read).
func Run(ctx context.Context, cfg Config, out io.Writer) int {
	if err := cfg.check(); err != nil {
		fmt.Fprintln(out, "load:", err)
		return 2
	}
	fleet, err := HotFleet(cfg.Root, cfg.HotCars)
	if err != nil {
		fmt.Fprintln(out, "load:", err)
		return 2
	}
	contract, err := LoadContract()
	if err != nil {
		fmt.Fprintln(out, "load:", err)
		return 2
	}
	var stack *Stack
	if cfg.BaseURL != "" {
		stack, err = AttachStack(cfg.StatePath, cfg.BaseURL)
	} else {
		fmt.Fprintln(out, "load: building cmd/local and starting the local stack on a free port ...")
		stack, err = startStack(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintln(out, "load:", err)
		return 2
	}
	r := &Result{Config: cfg, Fleet: fleet, Stack: stack}
	err = r.loadAndAudit(ctx, contract, out)
	r.Stop = stack.Stop()
	if err != nil {
		fmt.Fprintln(out, "load:", err)
		if stack.Own {
			fmt.Fprintln(out, "stack:", r.Stop)
		}
		return 2
	}
	Report(out, r)
	if r.Failed() {
		return 1
	}
	return 0
}

// loadAndAudit creates the users, runs the load and audits the table.
func (r *Result) loadAndAudit(ctx context.Context, contract *Contract, out io.Writer) error {
	cfg := r.Config
	fmt.Fprintf(out, "load: stack at %s; creating %d users in cognito-local ...\n", r.Stack.State.URL, cfg.Users)
	began := time.Now()
	// A short random tag keeps this run's users apart from earlier runs'
	// on the same stack.
	users, err := CreateUsers(ctx, r.Stack.State.Cognito.Pool(), cfg.Users, strings.ToLower(crand.Text()[:6]))
	if err != nil {
		return err
	}
	r.UsersTook = time.Since(began)
	fmt.Fprintf(out, "load: %d users signed in (%.1f s); %s of load on %d hot cars ...\n", len(users), r.UsersTook.Seconds(), cfg.Duration, len(r.Fleet.Cars))

	r.loadPhase(ctx, users, contract)
	if r.Interrupted = ctx.Err() != nil; r.Interrupted {
		// The requests cut short may still be writing: the stack's
		// handlers end with their connections, but a transaction already
		// sent commits in DynamoDB. The audit's reads are no snapshot, so
		// they wait for those to end.
		fmt.Fprintf(out, "load: interrupted; the audit follows in %s, once the writes in flight have ended\n", settleAfterInterrupt)
		time.Sleep(settleAfterInterrupt)
	}

	// The audit runs after a Ctrl-C too: what was written must hold.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auditTimeout)
	defer cancel()
	db, err := localdynamo.NewClient(actx, r.Stack.State.DynamoDBEndpoint)
	if err != nil {
		return err
	}
	began = time.Now()
	if r.Audit, err = Audit(actx, db, r.Stack.State.TableName, r.Seen, time.Now()); err != nil {
		return err
	}
	r.AuditTook = time.Since(began)
	return nil
}

// loadPhase runs every user until the configured duration has passed,
// then gathers what they were shown.
func (r *Result) loadPhase(ctx context.Context, users []User, contract *Contract) {
	rec := NewRecorder()
	c := NewClient(r.Stack.State.URL, len(users), rec, contract)
	defer c.Close()
	flights, tally := NewFlights(), &Tally{}
	window := DefaultWindow(time.Now())
	sims := make([]*sim, len(users))
	for i, u := range users {
		sims[i] = &sim{n: i + 1, user: u, c: c, rng: rand.New(rand.NewPCG(r.Config.Seed, uint64(i))), fleet: r.Fleet,
			window: window, think: r.Config.Think, flights: flights, tally: tally,
			shown: map[string]shownBooking{}, created: map[string]bool{}}
	}
	cpu := sampleCPU(r.Stack.State.PID)
	began := time.Now()
	until := began.Add(r.Config.Duration)
	var wg sync.WaitGroup
	for _, s := range sims {
		wg.Go(func() { s.run(ctx, until) })
	}
	wg.Wait()
	r.Elapsed = time.Since(began)
	r.CPU = cpuUse(cpu, sampleCPU(r.Stack.State.PID))
	r.Snap, r.Tally = rec.Snapshot(), tally
	r.Overlapping, r.MostAtOnce = flights.Counts()
	r.Seen = Seen{Created: map[string]string{}, Versions: map[string]ShownVersion{}, Unanswered: map[string]int{}}
	for _, s := range sims {
		r.Seen.Users = append(r.Seen.Users, s.user.Sub)
		r.Seen.Unanswered[s.user.Sub] = s.unanswered
		for id := range s.created {
			r.Seen.Created[id] = s.user.Sub
		}
		for id, b := range s.shown {
			r.Seen.Versions[id] = ShownVersion{User: s.user.Sub, Version: b.Version}
		}
	}
}

// startStack starts the run's own stack, its output to cfg.StackLog when
// set.
func startStack(ctx context.Context, cfg Config) (*Stack, error) {
	if cfg.StackLog == "" {
		return StartStack(ctx, cfg.Root, cfg.RaceBuild, nil)
	}
	f, err := os.Create(cfg.StackLog)
	if err != nil {
		return nil, err
	}
	// The file stays open until the process ends: the stack writes to it
	// until it has stopped, after Run's last use of it.
	return StartStack(ctx, cfg.Root, cfg.RaceBuild, f)
}
