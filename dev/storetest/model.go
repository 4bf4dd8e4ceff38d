package storetest

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// ModelOps is the length of the randomized run.
const ModelOps = 600

// modelBooking is what the model knows of a booking.
type modelBooking struct {
	user    string
	car     string
	period  rental.Period
	status  rental.BookingStatus
	version int64
	total   int64
}

// model is a plain, obviously right bookkeeping of the rules, written
// without the Service's code: the store must agree with it.
type model struct {
	bookings map[string]modelBooking
	ids      []string // in creation order, for picking
	rates    map[string]int64
	limit    int // active bookings per user
}

func (m *model) clone() *model {
	return &model{bookings: maps.Clone(m.bookings), ids: append([]string(nil), m.ids...), rates: m.rates, limit: m.limit}
}

// active counts user's confirmed bookings. The run's clock stands still
// before every period, so none has ended.
func (m *model) active(user string) int {
	n := 0
	for _, b := range m.bookings {
		if b.user == user && b.status == rental.Confirmed {
			n++
		}
	}
	return n
}

func (m *model) free(car string, p rental.Period, except string) bool {
	for id, b := range m.bookings {
		if id != except && b.car == car && b.status == rental.Confirmed && b.period.Overlaps(p) {
			return false
		}
	}
	return true
}

// op is one call of the Service in the randomized run.
type op struct {
	kind   string // create, change, cancel
	user   string
	id     string // change, cancel
	car    string
	period rental.Period
	change rental.BookingChange
}

func (o op) String() string {
	switch o.kind {
	case "create":
		return fmt.Sprintf("create %s %s %s", o.user, o.car, o.period)
	case "change":
		return fmt.Sprintf("change %s %s to%s", o.user, o.id, describeChange(o.change))
	}
	return fmt.Sprintf("%s %s %s", o.kind, o.user, o.id)
}

// describeChange names what c sets.
func describeChange(c rental.BookingChange) string {
	s := ""
	if c.CarID != nil {
		s += " car " + *c.CarID
	}
	if c.Pickup != nil {
		s += " pick-up " + c.Pickup.String()
	}
	if c.Return != nil {
		s += " return " + c.Return.String()
	}
	return s
}

// result is what the store answered.
type result struct {
	b   rental.Booking
	err error
}

// apply runs o on m and reports whether r is what the rules allow in m's
// state; m changes only when they are.
func (m *model) apply(o op, r result) error {
	switch o.kind {
	case "create":
		return m.applyCreate(o, r)
	case "change":
		return m.applyChange(o, r)
	case "cancel":
		return m.applyCancel(o, r)
	}
	return nil
}

// applyCreate: a user at the booking limit is refused; else a car free
// for the period is booked, version 1, at its rate; a taken one is
// car_unavailable.
func (m *model) applyCreate(o op, r result) error {
	if m.active(o.user) >= m.limit {
		return wantFailure(o, r, rental.CodeBookingLimitReached)
	}
	if !m.free(o.car, o.period, "") {
		return wantFailure(o, r, rental.CodeCarUnavailable)
	}
	mb := modelBooking{o.user, o.car, o.period, rental.Confirmed, 1, m.total(o.car, o.period)}
	if err := wantSuccess(o, r, r.b.ID, mb); err != nil {
		return err
	}
	if _, dup := m.bookings[r.b.ID]; dup {
		return fmt.Errorf("%s: id %s made twice", o, r.b.ID)
	}
	m.bookings[r.b.ID] = mb
	m.ids = append(m.ids, r.b.ID)
	return nil
}

// applyChange: only the owner sees the booking; a cancelled one cannot
// change; no change answers the booking as it is; the new car must be free
// for the new period (the booking's own days aside); then version+1,
// re-quoted.
func (m *model) applyChange(o op, r result) error {
	mb, ok := m.bookings[o.id]
	if !ok || o.user != mb.user {
		return wantFailure(o, r, rental.CodeNotFound)
	}
	next := mb.changed(o.change)
	switch {
	case mb.status == rental.Cancelled:
		return wantFailure(o, r, rental.CodeBookingCancelled)
	case next.period == mb.period && next.car == mb.car:
		return wantSuccess(o, r, o.id, mb)
	case !m.free(next.car, next.period, o.id):
		return wantFailure(o, r, rental.CodeCarUnavailable)
	}
	next.version++
	next.total = m.total(next.car, next.period)
	if err := wantSuccess(o, r, o.id, next); err != nil {
		return err
	}
	m.bookings[o.id] = next
	return nil
}

// applyCancel: only the owner sees the booking; cancelling a cancelled
// one answers it as it is; else cancelled, version+1.
func (m *model) applyCancel(o op, r result) error {
	mb, ok := m.bookings[o.id]
	switch {
	case !ok || o.user != mb.user:
		return wantFailure(o, r, rental.CodeNotFound)
	case mb.status == rental.Cancelled:
		return wantSuccess(o, r, o.id, mb)
	}
	mb.status, mb.version = rental.Cancelled, mb.version+1
	if err := wantSuccess(o, r, o.id, mb); err != nil {
		return err
	}
	m.bookings[o.id] = mb
	return nil
}

// total is the price of car for p at the fixture's rates.
func (m *model) total(car string, p rental.Period) int64 {
	return int64(p.Days()) * m.rates[car]
}

// changed is mb with the fields that c sets replaced; the version and
// total are the caller's to move.
func (mb modelBooking) changed(c rental.BookingChange) modelBooking {
	if c.Pickup != nil {
		mb.period.Pickup = *c.Pickup
	}
	if c.Return != nil {
		mb.period.Return = *c.Return
	}
	if c.CarID != nil {
		mb.car = *c.CarID
	}
	return mb
}

// wantFailure reports an error unless the store refused o with code.
func wantFailure(o op, r result, code rental.Code) error {
	if got := rental.ErrorCode(r.err); r.err == nil || got != code {
		return fmt.Errorf("%s: got %v, want %s", o, r.err, code)
	}
	return nil
}

// wantSuccess reports an error unless the store answered o with booking
// id exactly as the model has it in mb.
func wantSuccess(o op, r result, id string, mb modelBooking) error {
	if r.err != nil {
		return fmt.Errorf("%s: got %v, want success", o, r.err)
	}
	b := r.b
	if b.ID != id || b.UserID != mb.user || b.CarID != mb.car || b.Period != mb.period ||
		b.Status != mb.status || b.Version != mb.version || b.Total.Amount != mb.total {
		return fmt.Errorf("%s: got %+v, model %+v", o, b, mb)
	}
	return nil
}

// run calls the Service for o.
func (e *Env) run(ctx context.Context, o op) result {
	var r result
	switch o.kind {
	case "create":
		r.b, r.err = e.Service.CreateBooking(ctx, o.user, rental.BookingRequest{CarID: o.car, Period: o.period}, "")
	case "change":
		r.b, r.err = e.Service.UpdateBooking(ctx, o.user, o.id, o.change, nil)
	case "cancel":
		r.b, r.err = e.Service.CancelBooking(ctx, o.user, o.id, nil)
	}
	return r
}

// permutations calls fn with each order of 0..n-1 until fn returns true.
func permutations(n int, fn func([]int) bool) bool {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int) bool
	rec = func(k int) bool {
		if k == n {
			return fn(p)
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			if rec(k + 1) {
				return true
			}
			p[k], p[i] = p[i], p[k]
		}
		return false
	}
	return rec(0)
}

// testRandomizedAgainstModel runs seeded random creates, changes and
// cancels over several cars and users in small batches that run at once,
// mostly on one car. After each batch, some serial order of the batch must
// explain every answer under the model's rules (linearizability); the model
// then takes that order. The run ends with the store equal to the model.
func testRandomizedAgainstModel(t *testing.T, e *Env) {
	ctx := context.Background()
	g := &opGen{
		rng:   rand.New(rand.NewPCG(2026, 11)),
		users: users(5),
		cars:  []string{"ber-eco-1", "ber-eco-2", "ber-suv-1", "ber-lux-1"},
	}
	// A limit low enough that the run's users reach it now and then (most
	// creates find the hot car taken, and cancels free places), so that
	// the run sees both sides of it.
	m := &model{bookings: map[string]modelBooking{}, rates: map[string]int64{}, limit: 3}
	for _, c := range Cars {
		m.rates[c.ID] = c.DailyRate.Amount
	}
	e.Service = rental.NewService(e.Store, rental.WithClock(e.Clock.Now), rental.WithBookingLimit(m.limit))
	counts := map[string]int{}
	for done := 0; done < ModelOps; {
		batch := g.batch(m)
		results := e.runAll(ctx, batch)
		next, reasons := linearize(m, batch, results)
		if next == nil {
			logBatch(t, e, m, g.cars, batch, results)
			t.Fatalf("after %d operations, no serial order of this batch explains the answers:\n%v", done, reasons)
		}
		m = next
		tally(counts, batch, results)
		done += len(batch)
	}

	// The store equals the model: every user's bookings, every schedule.
	for _, u := range g.users {
		checkUserBookings(t, e, m, u)
	}
	for _, c := range g.cars {
		checkSchedule(t, e, m, c)
	}
	audit(t, e, g.users)
	t.Logf("%d operations, %d bookings: %v", ModelOps, len(m.bookings), summary(counts))
}

// opGen draws the operations of the randomized run from its seeded rng.
type opGen struct {
	rng   *rand.Rand
	users []string
	cars  []string
}

// batch is the next batch, 1 to 4 operations mostly on one hot car.
func (g *opGen) batch(m *model) []op {
	hot := g.cars[g.rng.IntN(len(g.cars))]
	batch := make([]op, 1+g.rng.IntN(4))
	for i := range batch {
		batch[i] = g.next(m, hot)
	}
	return batch
}

// next is one operation on m's bookings: 45% creates (on the hot car three
// times in four), 40% changes, 15% cancels.
func (g *opGen) next(m *model, hot string) op {
	roll := g.rng.IntN(100)
	if roll < 45 || len(m.ids) == 0 {
		car := hot
		if g.rng.IntN(4) == 0 {
			car = g.cars[g.rng.IntN(len(g.cars))]
		}
		return op{kind: "create", user: g.users[g.rng.IntN(len(g.users))], car: car, period: g.period()}
	}
	o := g.target(m)
	if roll >= 85 {
		o.kind = "cancel"
		return o
	}
	o.kind = "change"
	if g.rng.IntN(3) > 0 {
		p := g.period()
		o.change.Pickup, o.change.Return = &p.Pickup, &p.Return
	}
	if g.rng.IntN(3) == 0 || o.change.Pickup == nil {
		car := g.cars[g.rng.IntN(len(g.cars))]
		o.change.CarID = &car
	}
	return o
}

// target picks a booking of m for a change or cancel, by its owner or, one
// time in twenty, by an intruder.
func (g *opGen) target(m *model) op {
	id := m.ids[g.rng.IntN(len(m.ids))]
	for range 5 { // mostly confirmed bookings: changing a cancelled one is one rule only
		if m.bookings[id].status == rental.Confirmed {
			break
		}
		id = m.ids[g.rng.IntN(len(m.ids))]
	}
	o := op{id: id, user: m.bookings[id].user}
	if g.rng.IntN(20) == 0 {
		o.user = "intruder"
	}
	return o
}

// period is 1 to 6 days starting 1 to 30 days from today.
func (g *opGen) period() rental.Period {
	from := 1 + g.rng.IntN(30)
	return Period(from, from+1+g.rng.IntN(6))
}

// runAll runs the batch at once and returns the answers in its order.
func (e *Env) runAll(ctx context.Context, batch []op) []result {
	results := make([]result, len(batch))
	var wg sync.WaitGroup
	for i, o := range batch {
		wg.Go(func() { results[i] = e.run(ctx, o) })
	}
	wg.Wait()
	return results
}

// linearize returns m after the first serial order of batch that explains
// every result, or nil and why each order tried fails. m itself is left
// as it was.
func linearize(m *model, batch []op, results []result) (*model, []string) {
	var reasons []string
	var after *model
	permutations(len(batch), func(order []int) bool {
		try := m.clone()
		for _, i := range order {
			if err := try.apply(batch[i], results[i]); err != nil {
				reasons = append(reasons, err.Error())
				return false
			}
		}
		after = try
		return true
	})
	return after, reasons
}

// tally counts each operation of batch by kind and outcome ("create/ok",
// "change/car_unavailable").
func tally(counts map[string]int, batch []op, results []result) {
	for i, o := range batch {
		outcome := "ok"
		if results[i].err != nil {
			outcome = string(rental.ErrorCode(results[i].err))
		}
		counts[o.kind+"/"+outcome]++
	}
}

// summary is counts as sorted "key=n" strings.
func summary(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	return out
}

// checkUserBookings fails t unless the store lists exactly the model's
// bookings of user u, each as the model has it.
func checkUserBookings(t *testing.T, e *Env, m *model, u string) {
	ctx := context.Background()
	var ids []string
	q := rental.BookingQuery{Limit: 100}
	for {
		page, err := e.Service.ListBookings(ctx, u, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range page.Items {
			mb, ok := m.bookings[b.ID]
			if !ok || mb.user != u || b.Period != mb.period || b.CarID != mb.car || b.Status != mb.status || b.Version != mb.version {
				t.Fatalf("store has %+v, model %+v", b, mb)
			}
			ids = append(ids, b.ID)
		}
		if page.NextCursor == "" {
			break
		}
		q.Cursor = page.NextCursor
	}
	n := 0
	for _, mb := range m.bookings {
		if mb.user == u {
			n++
		}
	}
	if len(ids) != n {
		t.Fatalf("%s: store lists %d bookings, model %d", u, len(ids), n)
	}
}

// checkSchedule fails t unless car c books exactly the days of the
// model's confirmed bookings of c (from Today on).
// logBatch logs a batch that no order explains: its operations, their
// answers, and each car's booked days in the store beside the model's
// before the batch.
func logBatch(t *testing.T, e *Env, m *model, cars []string, batch []op, results []result) {
	for i, o := range batch {
		r := results[i]
		t.Logf("%s: answered %v %s %s %s", o, r.err, r.b.ID, r.b.CarID, r.b.Period)
	}
	for _, c := range cars {
		car, err := e.Store.GetCar(context.Background(), c)
		if err != nil {
			t.Logf("%s: %v", c, err)
			continue
		}
		t.Logf("%s: the store books %v; the model, before the batch, %v", c, Booked(car), DaysOf(m.carPeriods(c)...))
	}
}

// carPeriods are the periods of the model's confirmed bookings of car c.
func (m *model) carPeriods(c string) []rental.Period {
	var periods []rental.Period
	for _, mb := range m.bookings {
		if mb.car == c && mb.status == rental.Confirmed {
			periods = append(periods, mb.period)
		}
	}
	return periods
}

func checkSchedule(t *testing.T, e *Env, m *model, c string) {
	car, err := e.Store.GetCar(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Booked(car), DaysOf(m.carPeriods(c)...); !slices.Equal(got, want) {
		t.Fatalf("%s: the car books %v, model %v", c, got, want)
	}
}
