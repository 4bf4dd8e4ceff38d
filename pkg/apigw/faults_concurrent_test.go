package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/apitest"
	"github.com/carrental/backend/dev/ddbfault"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/rental"
)

// TestConcurrentClientsUnderRandomFaults: clients book, change, cancel,
// read and search three hot cars at once through the REST handlers while
// DynamoDB meets random faults (transaction conflicts, throttles, 500s,
// timeouts, and transactions that commit but whose answer is lost). A
// client retries a 503 create with its Idempotency-Key, as the contract
// tells it to. Every answer must be one the contract allows for the
// request and the operation (a 5xx only as 503 throttled with
// Retry-After, and without detail). Once the faults stop: the store passes
// the audit, every 201 a client saw is stored, every version a client saw
// is stored or superseded, a retried key never made a second booking, and
// no booking exists that a client was refused with a 4xx. It guards the
// whole write path (SDK retries and their idempotency tokens, the store's
// retries, the idempotency records) under faults.
func TestConcurrentClientsUnderRandomFaults(t *testing.T) {
	const (
		clients = 6
		ops     = 25
	)
	lost := &lostAnswers{rate: 0.1, tokens: map[string]bool{}}
	e, store, in := faultEnv(t, func(next http.RoundTripper) http.RoundTripper { lost.next = next; return lost })
	const twi = "TransactWriteItems"
	in.Add(ddbfault.Rule{Op: twi, Rate: 0.25, Fault: ddbfault.TransactionConflict})
	in.Add(ddbfault.Rule{Op: twi, Rate: 0.05, Fault: ddbfault.ServerError})
	in.Add(ddbfault.Rule{Op: "GetItem", Rate: 0.2, Fault: ddbfault.Throttle})
	in.Add(ddbfault.Rule{Op: "Query", Rate: 0.05, Fault: ddbfault.ServerError})
	in.Add(ddbfault.Rule{Rate: 0.02, Fault: ddbfault.Timeout(20 * time.Millisecond)})

	// Handlers without the test env's log buffer, which is not safe for
	// concurrent use.
	api := apigw.New(e.svc, apigw.Options{AllowedOrigins: []string{webOrigin}, ImageBaseURL: imageBase,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	runs := make([]*faultClient, clients)
	var wg sync.WaitGroup
	for i := range runs {
		c := &faultClient{user: fmt.Sprintf("client-%d", i), handlers: handlersOf(api),
			rng: rand.New(rand.NewPCG(uint64(i), 8)), versions: map[string]int64{}, created: map[string]bool{}, keys: map[string]int{}}
		runs[i] = c
		wg.Go(func() {
			for n := range ops {
				c.step(n)
			}
		})
	}
	wg.Wait()
	in.Clear()
	lost.stop()

	var users []string
	statuses, requests := map[int]int{}, 0
	for _, c := range runs {
		users = append(users, c.user)
		for _, x := range c.log {
			requests++
			statuses[x.resp.StatusCode]++
			checkFaultAnswer(t, x)
		}
		c.checkStore(t, e)
	}
	wantSound(t, store, users...)
	n := lost.count()
	for _, c := range in.Injected() {
		n += c
	}
	t.Logf("%d requests answered %v; faults injected: %v and %d lost answers", requests, statuses, in.Injected(), lost.count())
	if n == 0 || statuses[http.StatusServiceUnavailable] == 0 {
		t.Fatal("no fault reached a client: the test tests nothing")
	}
}

// faultClient is one user of TestConcurrentClientsUnderRandomFaults.
type faultClient struct {
	user     string
	handlers map[string]apigw.Handler
	rng      *rand.Rand
	log      []faultExchange
	versions map[string]int64 // booking id -> the last version this client was shown
	created  map[string]bool  // booking ids answered 201
	keys     map[string]int   // Idempotency-Key (or step, without one) -> the final status of its create
}

// faultExchange is one request of a client, its answer and the statuses
// that the request may get.
type faultExchange struct {
	ev      events.APIGatewayProxyRequest
	resp    events.APIGatewayProxyResponse
	err     error
	allowed []int
}

var hotCars = []string{"ber-eco-1", "ber-eco-2", "ber-suv-1"}

// step is the client's n-th request: a create (retried on 503 with the
// same Idempotency-Key), a change, a cancellation, a read or a search.
func (c *faultClient) step(n int) {
	from := 1 + c.rng.IntN(20)
	period := fmt.Sprintf(`"pickupDate":%q,"returnDate":%q`, storetest.Today.AddDays(from), storetest.Today.AddDays(from+1+c.rng.IntN(4)))
	mine := c.known()
	switch r := c.rng.IntN(100); {
	case r < 35 || len(mine) == 0:
		body := fmt.Sprintf(`{"carId":%q,%s}`, hotCars[c.rng.IntN(len(hotCars))], period)
		if n%3 == 0 { // a client that sends no key, and does not retry
			c.keys[fmt.Sprint(n)] = c.do(newEvent("POST /bookings").as(c.user).json(body), 201, 409, 503)
			break
		}
		key := fmt.Sprintf("%s-%d", c.user, n)
		var status int
		for range 3 {
			status = c.do(newEvent("POST /bookings").as(c.user).header("Idempotency-Key", key).json(body), 201, 409, 503)
			if status != http.StatusServiceUnavailable {
				break
			}
			time.Sleep(5 * time.Millisecond) // Retry-After says 1 s; the test does not wait that long
		}
		c.keys[key] = status
	case r < 55:
		id := mine[c.rng.IntN(len(mine))]
		c.do(newEvent("PATCH /bookings/{bookingId}").id("bookingId", id).as(c.user).
			header("If-Match", fmt.Sprintf(`"%d"`, c.versions[id])).json("{"+period+"}"), 200, 409, 412, 503)
	case r < 70:
		c.do(newEvent("DELETE /bookings/{bookingId}").id("bookingId", mine[c.rng.IntN(len(mine))]).as(c.user), 200, 503)
	case r < 80:
		c.do(newEvent("GET /bookings/{bookingId}").id("bookingId", mine[c.rng.IntN(len(mine))]).as(c.user), 200, 503)
	case r < 90:
		c.do(newEvent("GET /bookings").as(c.user).query("limit", "100"), 200, 503)
	default:
		c.do(newEvent("GET /cars").query("locationId", "BER").query("pickupDate", storetest.Today.AddDays(from).String()).
			query("returnDate", storetest.Today.AddDays(from+2).String()), 200, 503)
	}
}

// do sends ev to its route's handler, records the exchange and notes the
// bookings and versions the answer shows.
func (c *faultClient) do(ev *event, allowed ...int) int {
	req := ev.get()
	resp, err := c.handlers[routes[req.HTTPMethod+" "+req.Resource]](context.Background(), req)
	c.log = append(c.log, faultExchange{ev: req, resp: resp, err: err, allowed: allowed})
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode
	}
	var one bookingJSON
	var list struct{ Bookings []bookingJSON }
	switch {
	case strings.Contains(resp.Body, `"bookings":`):
		_ = json.Unmarshal([]byte(resp.Body), &list)
	case strings.Contains(resp.Body, `"status":`):
		_ = json.Unmarshal([]byte(resp.Body), &one)
		list.Bookings = []bookingJSON{one}
	}
	for _, b := range list.Bookings {
		if resp.StatusCode == http.StatusCreated {
			c.created[b.ID] = true
		}
		c.versions[b.ID] = max(c.versions[b.ID], b.Version)
	}
	return resp.StatusCode
}

// known are the ids of the client's bookings, in order.
func (c *faultClient) known() []string {
	return slices.Sorted(maps.Keys(c.versions))
}

// checkFaultAnswer fails t unless x's answer is one its request may get
// and the contract allows; a 503 must be the bare throttled answer.
func checkFaultAnswer(t *testing.T, fx faultExchange) {
	t.Helper()
	if fx.err != nil {
		t.Fatalf("%s %s: handler error %v", fx.ev.HTTPMethod, fx.ev.Path, fx.err)
	}
	res, err := apitest.Shared(t).CheckEvent(context.Background(), fx.ev, fx.resp)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err() != nil {
		t.Fatalf("%s %s -> %d %s: %v", fx.ev.HTTPMethod, fx.ev.Path, fx.resp.StatusCode, fx.resp.Body, res.Err())
	}
	checkCORS(t, fx.resp, webOrigin)
	x := exchange{ev: fx.ev, resp: fx.resp, result: res}
	switch s := fx.resp.StatusCode; {
	case s == http.StatusServiceUnavailable:
		var body struct{ Error struct{ Code string } }
		_ = json.Unmarshal([]byte(fx.resp.Body), &body)
		if c := body.Error.Code; c != "throttled" && c != "unavailable" {
			t.Fatalf("a 503 with code %q", c)
		}
		wantServerError(t, x, s, body.Error.Code)
	case !slices.Contains(fx.allowed, s):
		t.Fatalf("%s %s -> %d %s, want one of %v", fx.ev.HTTPMethod, fx.ev.Path, s, fx.resp.Body, fx.allowed)
	}
}

// checkStore fails t unless the store holds what c was told: every 201
// and every version it saw (or a later one), no second booking for one
// Idempotency-Key, and no booking beyond those answered 201 but for keys
// whose last answer was 503 (a commit whose answer was lost).
func (c *faultClient) checkStore(t *testing.T, e *env) {
	t.Helper()
	page, err := e.svc.ListBookings(context.Background(), c.user, rental.BookingQuery{Limit: rental.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]rental.Booking{}
	for _, b := range page.Items {
		stored[b.ID] = b
	}
	for id, v := range c.versions {
		if b, ok := stored[id]; !ok || b.Version < v {
			t.Errorf("%s was shown %s at version %d; the store has %+v (found %v)", c.user, id, v, b, ok)
		}
	}
	for id := range c.created {
		if _, ok := stored[id]; !ok {
			t.Errorf("%s was answered 201 for %s, which is not stored", c.user, id)
		}
	}
	unanswered, extra := 0, 0
	for _, status := range c.keys {
		if status == http.StatusServiceUnavailable {
			unanswered++
		}
	}
	for id := range stored {
		if !c.created[id] {
			extra++
		}
	}
	if extra > unanswered {
		t.Errorf("%s has %d bookings it was not answered 201 for, but only %d creates ended in 503", c.user, extra, unanswered)
	}
}
