package notifyfn_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/carrental/backend/dev/localesm"
	"github.com/carrental/backend/dev/localschedule"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seslocal"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn/notifywire"
	"github.com/carrental/backend/pkg/notifyfn"
	"github.com/carrental/backend/pkg/rental"
)

// ses is the package's aws-ses-v2-local; each test sends to addresses of
// its own and reads only those.
var ses *seslocal.Server

func TestMain(m *testing.M) {
	root, err := samtemplate.FindRoot()
	if err == nil {
		ses, err = seslocal.Start(context.Background(), seslocal.Options{Dir: filepath.Join(root, ".cache", "ses-local")})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "notifyfn tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = ses.Stop()
	os.Exit(code)
}

// faultySES is a proxy in front of the local SES that refuses the next
// fail SendEmail calls (fail < 0: all of them) with SES's MessageRejected,
// an error the SDK does not retry: only the mapping does.
type faultySES struct {
	fail  atomic.Int64
	calls atomic.Int64
}

func (f *faultySES) serve(t *testing.T) string {
	target, _ := url.Parse(ses.Endpoint())
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/outbound-emails") {
			f.calls.Add(1)
			if n := f.fail.Load(); n != 0 {
				f.fail.Add(-1)
				w.Header().Set("X-Amzn-ErrorType", "MessageRejected")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = io.WriteString(w, `{"message":"Email address is not verified (test)"}`)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	})}
	ln := listen(t)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// pipeline is a booking Service on a table of its own, the notify
// function as lambdafn builds it (SES through sesEndpoint, the reminders
// in memory), and the template's mapping on the table's stream.
type pipeline struct {
	svc     *rental.Service
	handler func(context.Context, json.RawMessage) (any, error)
	dead    *localesm.DeadLetters
	esm     *localesm.Poller
	streams *dynamodbstreams.Client
	arn     string
	rem     *localschedule.Schedules
}

func newPipeline(t *testing.T, sesEndpoint string) *pipeline {
	t.Helper()
	ctx := context.Background()
	db, table := testbed.Table(t)
	endpoint := os.Getenv(testbed.EnvEndpoint)
	store := dynamo.New(db, table, []byte("test-cursor-secret-of-32-bytes!!"))
	for _, l := range storetest.Locations {
		must(t, store.PutLocation(ctx, l))
	}
	for _, c := range storetest.Cars {
		must(t, store.PutCar(ctx, c))
	}
	p := &pipeline{dead: &localesm.DeadLetters{}, rem: localschedule.New(), streams: localesm.NewStreamsClient(endpoint)}
	clock := &storetest.Clock{}
	clock.Set(storetest.Start)
	p.svc = rental.NewService(store, rental.WithClock(clock.Now))
	env := map[string]string{"TABLE_NAME": table, "DYNAMODB_ENDPOINT": endpoint, "CURSOR_SECRET": strings.Repeat("s", 32),
		"SES_ENDPOINT": sesEndpoint, "SITE_URL": "http://localhost:3000", "MAIL_FROM": "bookings@example.com",
		"AWS_LAMBDA_FUNCTION_NAME": "notify"}
	h, err := notifywire.New(ctx, func(k string) string { return env[k] }, slog.New(slog.DiscardHandler),
		notifywire.Options{Reminders: p.rem})
	must(t, err)
	p.handler = h
	tpl, err := samtemplate.LoadRoot()
	must(t, err)
	m, err := localesm.FromTemplate(tpl, "NotifyEventSourceMapping")
	must(t, err)
	p.arn, err = localesm.StreamARN(ctx, db, table)
	must(t, err)
	p.esm = localesm.Start(ctx, localesm.Options{Streams: p.streams, StreamARN: p.arn, Mapping: m,
		Handler: localesm.JSONHandler(h), DeadLetters: p.dead, Poll: 50 * time.Millisecond, RetryDelay: 20 * time.Millisecond})
	t.Cleanup(p.esm.Stop)
	time.Sleep(300 * time.Millisecond) // the mapping's LATEST iterator before the first write
	return p
}

// mails are the emails the local SES accepted for to, oldest first.
func mails(t *testing.T, to string) []seslocal.Email {
	t.Helper()
	all, err := seslocal.Emails(context.Background(), ses.Endpoint())
	must(t, err)
	var out []seslocal.Email
	for _, e := range all {
		if strings.Join(e.Destination.To, ",") == to {
			out = append(out, e)
		}
	}
	return out
}

// awaitMails waits up to 10 s for n emails to to, then 1 s more to see
// that no other comes.
func awaitMails(t *testing.T, to string, n int) []seslocal.Email {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(mails(t, to)) < n; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d emails to %s within 10 s, want %d", len(mails(t, to)), to, n)
		}
	}
	time.Sleep(time.Second)
	got := mails(t, to)
	if len(got) != n {
		t.Fatalf("%d emails to %s, want exactly %d: %v", len(got), to, n, subjects(got))
	}
	return got
}

func subjects(es []seslocal.Email) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Subject)
	}
	return out
}

func book(t *testing.T, p *pipeline, email string) rental.Booking {
	t.Helper()
	b, err := p.svc.CreateBooking(context.Background(), "user-"+email, rental.BookingRequest{CarID: "ber-suv-1",
		Period: rental.Period{Pickup: storetest.Today.AddDays(3), Return: storetest.Today.AddDays(6)}, Email: email}, "")
	must(t, err)
	return b
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantIn(t *testing.T, e seslocal.Email, says ...string) {
	t.Helper()
	for _, s := range says {
		if !strings.Contains(e.Body.Text, s) || !strings.Contains(e.Body.HTML, s) {
			t.Errorf("%q lacks %q in its text or HTML:\n%s", e.Subject, s, e.Body.Text)
		}
	}
}

// TestOneEmailPerChange: on DynamoDB Local, through its stream and the
// template's mapping, a booking, a change and a cancellation send one
// email each to the booking's address, saying what changed.
func TestOneEmailPerChange(t *testing.T) {
	p := newPipeline(t, ses.Endpoint())
	const to = "change@example.com"
	ctx := context.Background()
	b := book(t, p, to)
	got := awaitMails(t, to, 1)
	if got[0].Subject != "Booking confirmed: Toyota Corolla ber-suv-1 in Berlin, Thursday 3 December 2026" || got[0].From != "bookings@example.com" {
		t.Errorf("confirmation: %q from %q", got[0].Subject, got[0].From)
	}
	wantIn(t, got[0], b.ID, "Berlin Hauptbahnhof", "Europaplatz 1, 10557 Berlin", "Thursday 3 December 2026",
		"Sunday 6 December 2026", "€267.00", "Europe/Berlin", "http://localhost:3000/my-bookings/"+b.ID)

	later := storetest.Today.AddDays(8)
	_, err := p.svc.UpdateBooking(ctx, b.UserID, b.ID, rental.BookingChange{Return: &later}, nil)
	must(t, err)
	got = awaitMails(t, to, 2)
	wantIn(t, got[1], "has changed", "Tuesday 8 December 2026", "€445.00", "Sunday 6 December 2026", "€267.00")

	_, err = p.svc.CancelBooking(ctx, b.UserID, b.ID, nil)
	must(t, err)
	got = awaitMails(t, to, 3)
	if !strings.HasPrefix(got[2].Subject, "Booking cancelled:") {
		t.Errorf("third email: %q", got[2].Subject)
	}
	if len(p.dead.List()) != 0 {
		t.Errorf("dead letters: %+v", p.dead.List())
	}
}

// streamRecords reads every record of the pipeline's stream about a
// booking, oldest first, as the mapping delivers them.
func streamRecords(t *testing.T, p *pipeline) []events.DynamoDBEventRecord {
	t.Helper()
	ctx := context.Background()
	d, err := p.streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: &p.arn})
	must(t, err)
	var out []events.DynamoDBEventRecord
	for _, sh := range d.StreamDescription.Shards {
		it, err := p.streams.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: &p.arn, ShardId: sh.ShardId,
			ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon})
		must(t, err)
		res, err := p.streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator, Limit: aws.Int32(1000)})
		must(t, err)
		for _, r := range res.Records {
			if rec := notifyfn.Record(r, p.arn); rec.Change.NewImage["kind"].String() == "booking" {
				out = append(out, rec)
			}
		}
	}
	return out
}

func invoke(t *testing.T, p *pipeline, event any) any {
	t.Helper()
	raw, err := json.Marshal(event)
	must(t, err)
	out, err := p.handler(context.Background(), raw)
	must(t, err)
	return out
}

// TestDuplicatedAndReorderedRecords: once a booking and its change have
// been sent, their records delivered again (twice, and the older after
// the newer, as a retried batch would) send nothing more.
func TestDuplicatedAndReorderedRecords(t *testing.T) {
	p := newPipeline(t, ses.Endpoint())
	const to = "replay@example.com"
	b := book(t, p, to)
	later := storetest.Today.AddDays(8)
	_, err := p.svc.UpdateBooking(context.Background(), b.UserID, b.ID, rental.BookingChange{Return: &later}, nil)
	must(t, err)
	awaitMails(t, to, 2)
	recs := streamRecords(t, p)
	if len(recs) != 2 {
		t.Fatalf("%d booking records, want 2", len(recs))
	}
	created, changed := recs[0], recs[1]
	for _, batch := range [][]events.DynamoDBEventRecord{{created}, {created, changed}, {changed, created}, {changed, changed}} {
		resp := invoke(t, p, events.DynamoDBEvent{Records: batch}).(events.DynamoDBEventResponse)
		if len(resp.BatchItemFailures) != 0 {
			t.Errorf("failures %+v", resp.BatchItemFailures)
		}
	}
	if got := mails(t, to); len(got) != 2 {
		t.Errorf("%d emails after the replays, want still 2: %v", len(got), subjects(got))
	}
}

// TestSESFailingTwice: SES refuses the confirmation twice, then takes
// it: the mapping retries the record, and exactly one email goes out.
func TestSESFailingTwice(t *testing.T) {
	f := &faultySES{}
	f.fail.Store(2)
	p := newPipeline(t, f.serve(t))
	const to = "flaky@example.com"
	book(t, p, to)
	awaitMails(t, to, 1)
	if f.calls.Load() != 3 || len(p.dead.List()) != 0 || p.esm.Invocations() != 3 {
		t.Errorf("%d SendEmail calls, %d invocations, %d dead letters; want 3, 3 and 0",
			f.calls.Load(), p.esm.Invocations(), len(p.dead.List()))
	}
}

// TestSESAlwaysFailing: SES refusing every time, the record ends in the
// on-failure destination after the template's retries, naming its place
// in the stream; no email is sent. Resending that dead letter, as an
// operator would (docs/operations.md), sends the email once.
func TestSESAlwaysFailing(t *testing.T) {
	f := &faultySES{}
	f.fail.Store(-1)
	p := newPipeline(t, f.serve(t))
	const to = "refused@example.com"
	b := book(t, p, to)
	for deadline := time.Now().Add(20 * time.Second); len(p.dead.List()) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no dead letter within 20 s")
		}
	}
	l := p.dead.List()[0]
	if l.RequestContext.Condition != "RetryAttemptsExhausted" || l.RequestContext.ApproximateInvokeCount != 6 ||
		len(l.Records) != 1 || l.Records[0].Change.NewImage["id"].String() != b.ID || l.BatchInfo.StreamARN != p.arn {
		t.Errorf("dead letter %+v", l)
	}
	if n := len(mails(t, to)); n != 0 || f.calls.Load() != 6 {
		t.Fatalf("%d emails, %d SendEmail calls; want none sent, 6 tried (MaximumRetryAttempts 5)", n, f.calls.Load())
	}
	f.fail.Store(0)
	for range 2 {
		resp := invoke(t, p, l.DeadLetter).(events.DynamoDBEventResponse)
		if len(resp.BatchItemFailures) != 0 {
			t.Fatalf("resend: %+v", resp)
		}
	}
	if got := mails(t, to); len(got) != 1 || !strings.HasPrefix(got[0].Subject, "Booking confirmed:") {
		t.Errorf("after two resends: %v, want the one confirmation", subjects(got))
	}
}
