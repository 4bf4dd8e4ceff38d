package localesm

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/testbed"
)

// recorder is a handler that keeps each batch it gets (by the items'
// SK) and answers what answer says.
type recorder struct {
	mu      sync.Mutex
	batches [][]string
	answer  func(batch []events.DynamoDBEventRecord, call int) (events.DynamoDBEventResponse, error)
}

func (r *recorder) handle(_ context.Context, payload []byte) ([]byte, error) {
	var ev events.DynamoDBEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	r.mu.Lock()
	var sks []string
	for _, rec := range ev.Records {
		sks = append(sks, rec.Change.NewImage["SK"].String())
	}
	r.batches = append(r.batches, sks)
	call := len(r.batches)
	r.mu.Unlock()
	resp, err := r.answer(ev.Records, call)
	if err != nil {
		return nil, err
	}
	return json.Marshal(resp)
}

func (r *recorder) got() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]string(nil), r.batches...)
}

// rig is a table of its own with the poller of the template's mapping
// on its stream, BatchSize bs and MaxRetries retries. With before, the
// poller starts after before has written to the table, from the stream's
// start (TRIM_HORIZON), so that the first batch holds what before wrote
// however the machine's load times the polls.
func rig(t *testing.T, bs, retries int, answer func([]events.DynamoDBEventRecord, int) (events.DynamoDBEventResponse, error),
	before ...func(db *dynamodb.Client, table string)) (*dynamodb.Client, string, *recorder, *DeadLetters) {
	t.Helper()
	ctx := context.Background()
	db, table := testbed.Table(t)
	arn, err := StreamARN(ctx, db, table)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	m, err := FromTemplate(tpl, "NotifyEventSourceMapping")
	if err != nil {
		t.Fatal(err)
	}
	m.BatchSize, m.MaxRetries, m.Timeout = bs, retries, 5*time.Second
	for _, b := range before {
		b(db, table)
		m.Latest = false
	}
	rec, dl := &recorder{answer: answer}, &DeadLetters{}
	p := Start(ctx, Options{Streams: NewStreamsClient(os.Getenv(testbed.EnvEndpoint)), StreamARN: arn, Mapping: m,
		Handler: rec.handle, DeadLetters: dl, Poll: 50 * time.Millisecond, RetryDelay: 10 * time.Millisecond})
	t.Cleanup(p.Stop)
	if len(before) == 0 {
		time.Sleep(300 * time.Millisecond) // the poller's LATEST iterator exists before the writes
	}
	return db, table, rec, dl
}

// put writes n items of kind into table in one batch: SK "<kind>-1" ...
func put(t *testing.T, db *dynamodb.Client, table, kind string, n int) {
	t.Helper()
	var reqs []types.WriteRequest
	for i := 1; i <= n; i++ {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: "T"}, "SK": &types.AttributeValueMemberS{Value: kind + "-" + strconv.Itoa(i)},
			"kind": &types.AttributeValueMemberS{Value: kind}}}})
	}
	if _, err := db.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{
		RequestItems: map[string][]types.WriteRequest{table: reqs}}); err != nil {
		t.Fatal(err)
	}
}

// await waits up to 10 s for cond.
func await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within 10 s", what)
		}
	}
}

func ok([]events.DynamoDBEventRecord, int) (events.DynamoDBEventResponse, error) {
	return events.DynamoDBEventResponse{}, nil
}

// TestBatchesAndFilter: the template's filter lets bookings through and
// drops other items; the bookings come in batches of BatchSize, in the
// order written.
func TestBatchesAndFilter(t *testing.T) {
	db, table, rec, dl := rig(t, 3, 2, ok)
	put(t, db, table, "car", 2)
	put(t, db, table, "booking", 5)
	await(t, "5 bookings", func() bool {
		n := 0
		for _, b := range rec.got() {
			n += len(b)
		}
		return n == 5
	})
	var all []string
	for _, b := range rec.got() {
		if len(b) > 3 {
			t.Errorf("a batch of %d, BatchSize 3", len(b))
		}
		all = append(all, b...)
	}
	for i, sk := range all {
		if sk != "booking-"+strconv.Itoa(i+1) {
			t.Fatalf("records %v: want booking-1 to booking-5 in order, no cars", all)
		}
	}
	if len(dl.List()) != 0 {
		t.Errorf("dead letters: %+v", dl.List())
	}
}

// TestPartialFailureRetriesFromIt: a batch item failure keeps the records
// before it and retries from it; a success after it goes on.
func TestPartialFailureRetriesFromIt(t *testing.T) {
	db, table, rec, _ := rig(t, 10, 3, func(b []events.DynamoDBEventRecord, call int) (events.DynamoDBEventResponse, error) {
		for _, r := range b {
			if r.Change.NewImage["SK"].String() == "booking-3" && call <= 2 {
				return events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{{ItemIdentifier: r.Change.SequenceNumber}}}, nil
			}
		}
		return events.DynamoDBEventResponse{}, nil
	})
	put(t, db, table, "booking", 4)
	await(t, "the retries", func() bool { return len(rec.got()) >= 3 })
	got := rec.got()
	if len(got) != 3 || len(got[0]) != 4 || got[1][0] != "booking-3" || got[2][0] != "booking-3" || len(got[2]) != 2 {
		t.Errorf("batches %v: want all four, then booking-3 and -4 twice", got)
	}
}

// TestBisectAndDeadLetter: a handler error splits the batch; a record
// that fails every time goes, after MaximumRetryAttempts retries, to the
// on-failure destination with its place in the stream and itself, and
// the records after it are handled.
func TestBisectAndDeadLetter(t *testing.T) {
	_, _, rec, dl := rig(t, 4, 2, func(b []events.DynamoDBEventRecord, _ int) (events.DynamoDBEventResponse, error) {
		for _, r := range b {
			if r.Change.NewImage["SK"].String() == "booking-1" {
				return events.DynamoDBEventResponse{}, errors.New("boom")
			}
		}
		return events.DynamoDBEventResponse{}, nil
	}, func(db *dynamodb.Client, table string) { put(t, db, table, "booking", 4) })
	await(t, "a dead letter", func() bool { return len(dl.List()) == 1 })
	await(t, "the records after it", func() bool { b := rec.got(); return len(b) > 0 && b[len(b)-1][len(b[len(b)-1])-1] == "booking-4" })
	l := dl.List()[0]
	if l.RequestContext.Condition != "RetryAttemptsExhausted" || l.RequestContext.ApproximateInvokeCount != 3 ||
		l.BatchInfo.StartSequenceNumber != l.Records[0].Change.SequenceNumber || l.BatchInfo.StreamARN == "" ||
		len(l.Records) != 1 || l.Records[0].Change.NewImage["SK"].String() != "booking-1" {
		t.Errorf("dead letter %+v", l)
	}
	got := rec.got()
	if len(got[0]) != 4 || len(got[1]) != 2 || len(got[2]) != 1 {
		t.Errorf("batches %v: want 4, then bisected to 2, then 1", got)
	}
}

func TestParseFilter(t *testing.T) {
	f, err := ParseFilter(`{"dynamodb":{"NewImage":{"kind":{"S":["booking"]}}}}`)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match([]byte(`{"dynamodb":{"NewImage":{"kind":{"S":"booking"}}}}`)) || f.Match([]byte(`{"dynamodb":{"NewImage":{"kind":{"S":"car"}}}}`)) ||
		f.Match([]byte(`{"dynamodb":{"OldImage":{"kind":{"S":"booking"}}}}`)) {
		t.Error("Match")
	}
	for _, p := range []string{`{"a":[{"prefix":"x"}]}`, `{"a":"b"}`, `[1]`} {
		if _, err := ParseFilter(p); err == nil {
			t.Errorf("ParseFilter(%s) accepted", p)
		}
	}
}
