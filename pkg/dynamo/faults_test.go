package dynamo_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/ddbfault"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// faultEnv is the fixture on a client whose calls meet injected faults.
func faultEnv(t *testing.T, opts ...dynamo.Option) (*storetest.Env, *ddbfault.Injector) {
	t.Helper()
	client, table := testbed.Table(t)
	in := &ddbfault.Injector{}
	faulty := dynamodb.New(client.Options(), in.Option)
	return storetest.NewEnv(t, dynamo.New(faulty, table, testSecret, opts...)), in
}

var fastBackoff = dynamo.WithBackoff(dynamo.Backoff{Attempts: 4, Base: time.Millisecond, Max: 5 * time.Millisecond})

func auditFixture(t *testing.T, e *storetest.Env, users ...string) {
	t.Helper()
	var cars []string
	for _, c := range storetest.Cars {
		cars = append(cars, c.ID)
	}
	f, err := storetest.Audit(context.Background(), e.Store, users, cars, storetest.Today)
	if err != nil {
		t.Fatal(err)
	}
	if !f.OK() {
		t.Fatalf("audit: %s", f)
	}
}

// A TransactionConflict (another transaction holds the car) is a lost race:
// the booking is read again and retried, and succeeds.
func TestTransactionConflictRetries(t *testing.T) {
	t.Parallel()
	e, in := faultEnv(t)
	in.Add(ddbfault.Rule{Op: "TransactWriteItems", Times: 2, Fault: ddbfault.TransactionConflict})
	var u dynamo.Usage
	ctx := dynamo.WithUsage(context.Background(), &u)
	b, err := e.Service.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-suv-1", Period: storetest.Period(1, 3)}, "")
	if err != nil {
		t.Fatalf("CreateBooking: %v", err)
	}
	if u.Transaction != 3 || in.Injected()["TransactWriteItems"] != 2 {
		t.Fatalf("%d transactions, %v injected; want 3 and 2", u.Transaction, in.Injected())
	}
	if _, err := e.Store.GetBooking(context.Background(), "alice", b.ID); err != nil {
		t.Fatal(err)
	}
	auditFixture(t, e, "alice")
}

// Conflicts that never end exhaust the bounded retries: throttled (503),
// never car_unavailable, and nothing is written.
func TestEndlessConflictIsThrottled(t *testing.T) {
	t.Parallel()
	e, in := faultEnv(t, fastBackoff)
	in.Add(ddbfault.Rule{Op: "TransactWriteItems", Fault: ddbfault.TransactionConflict})
	_, err := e.Service.CreateBooking(context.Background(), "alice", rental.BookingRequest{CarID: "ber-suv-1", Period: storetest.Period(1, 3)}, "")
	if rental.ErrorCode(err) != rental.CodeThrottled {
		t.Fatalf("got %v, want throttled", err)
	}
	if n := in.Injected()["TransactWriteItems"]; n != 4 {
		t.Fatalf("%d attempts, want 4", n)
	}
	in.Clear()
	page, err := e.Service.ListBookings(context.Background(), "alice", rental.BookingQuery{})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("bookings after a failed create: %v %v", page.Items, err)
	}
	auditFixture(t, e, "alice")
}

// Once the SDK's own retries are spent, throttling reaches the caller as
// throttled, server errors and timeouts as unavailable (a commit's outcome
// unknown); a single throttle is absorbed. A create reads its car (and
// account) with one BatchGetItem.
func TestServiceFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		rule  ddbfault.Rule
		want  rental.Code // "" for success
		tries int         // faults injected
	}{
		{"one throttle on the transaction", ddbfault.Rule{Op: "TransactWriteItems", Times: 1, Fault: ddbfault.Throttle}, "", 1},
		{"throttled reads", ddbfault.Rule{Op: "BatchGetItem", Fault: ddbfault.Throttle}, rental.CodeThrottled, 3},
		{"server errors", ddbfault.Rule{Op: "BatchGetItem", Fault: ddbfault.ServerError}, rental.CodeUnavailable, 3},
		{"timeouts", ddbfault.Rule{Op: "TransactWriteItems", Fault: ddbfault.Timeout(20 * time.Millisecond)}, rental.CodeUnavailable, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, in := faultEnv(t, fastBackoff)
			in.Add(tc.rule)
			_, err := e.Service.CreateBooking(context.Background(), "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: storetest.Period(1, 3)}, "")
			if tc.want == "" && err != nil || tc.want != "" && rental.ErrorCode(err) != tc.want {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if n := in.Injected()[tc.rule.Op]; n < tc.tries {
				t.Fatalf("%d faults injected, want at least %d", n, tc.tries)
			}
			in.Clear()
			auditFixture(t, e, "alice")
		})
	}
}

// Under random conflicts and throttles, racing writers end with a sound
// store once the faults stop: no half-written booking, no schedule entry
// without its booking, every success stored.
func TestRandomFaultsKeepTheStoreSound(t *testing.T) {
	t.Parallel()
	e, in := faultEnv(t)
	in.Add(ddbfault.Rule{Op: "TransactWriteItems", Rate: 0.3, Fault: ddbfault.TransactionConflict})
	in.Add(ddbfault.Rule{Op: "TransactWriteItems", Rate: 0.1, Fault: ddbfault.ServerError})
	in.Add(ddbfault.Rule{Op: "BatchGetItem", Rate: 0.1, Fault: ddbfault.Throttle})
	const n = 16
	var wg sync.WaitGroup
	users := make([]string, n)
	made := make([]rental.Booking, n)
	errs := make([]error, n)
	for i := range n {
		users[i] = fmt.Sprintf("user-%d", i)
		wg.Go(func() {
			made[i], errs[i] = e.Service.CreateBooking(context.Background(), users[i],
				rental.BookingRequest{CarID: "ber-lux-1", Period: storetest.Period(1+i%8, 2+i%8)}, "")
		})
	}
	wg.Wait()
	in.Clear()
	for i, err := range errs {
		switch rental.ErrorCode(err) {
		case rental.CodeCarUnavailable, rental.CodeThrottled, rental.CodeUnavailable:
		default:
			if err != nil {
				t.Fatalf("%s: %v", users[i], err)
			}
			if _, err := e.Store.GetBooking(context.Background(), users[i], made[i].ID); err != nil {
				t.Fatalf("%s was told %s succeeded: %v", users[i], made[i].ID, err)
			}
		}
	}
	auditFixture(t, e, users...)
	t.Logf("faults injected: %v", in.Injected())
}
