package dynamo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// firstAnswerLost lets every TransactWriteItems reach DynamoDB but loses
// the answer to the first send of each ClientRequestToken (a 500 in its
// place), as a timeout after the request arrived does.
type firstAnswerLost struct {
	mu   sync.Mutex
	seen map[string]bool
	lost int
}

func (f *firstAnswerLost) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.Header.Get("X-Amz-Target"), ".TransactWriteItems") {
		return http.DefaultTransport.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	var in struct{ ClientRequestToken string }
	_ = json.Unmarshal(body, &in)
	f.mu.Lock()
	first := !f.seen[in.ClientRequestToken]
	f.seen[in.ClientRequestToken] = true
	f.mu.Unlock()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || !first {
		return resp, err
	}
	resp.Body.Close()
	f.mu.Lock()
	f.lost++
	f.mu.Unlock()
	msg := `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"answer lost"}`
	return &http.Response{StatusCode: 500, Status: "500", Request: req, Header: http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
		Body: io.NopCloser(strings.NewReader(msg)), ContentLength: int64(len(msg))}, nil
}

// A transaction whose answer is lost is sent again under the same
// ClientRequestToken; DynamoDB answers from the token, so the caller learns
// that the booking was made (201), and it is made once, not throttled (503)
// with the booking written behind the caller's back.
func TestLostAnswerIsSettled(t *testing.T) {
	t.Parallel()
	client, table := testbed.Table(t)
	lossy := &firstAnswerLost{seen: map[string]bool{}}
	// No SDK retries: the store's own resend must settle the outcome.
	db := dynamodb.New(client.Options(), func(o *dynamodb.Options) {
		o.HTTPClient = &http.Client{Transport: lossy}
		o.Retryer = retry.AddWithMaxAttempts(retry.NewStandard(), 1)
	})
	e := storetest.NewEnv(t, dynamo.New(db, table, testSecret, fastBackoff))
	ctx := context.Background()
	b, err := e.Service.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-suv-1", Period: storetest.Period(2, 4)}, "k1")
	if err != nil {
		t.Fatalf("CreateBooking: %v (answers lost: %d)", err, lossy.lost)
	}
	if lossy.lost != 1 {
		t.Fatalf("%d answers lost, want 1", lossy.lost)
	}
	page, err := e.Service.ListBookings(ctx, "alice", rental.BookingQuery{})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != b.ID {
		t.Fatalf("alice's bookings: %+v %v; want exactly %s", page.Items, err, b.ID)
	}
	auditFixture(t, e, "alice")
}
