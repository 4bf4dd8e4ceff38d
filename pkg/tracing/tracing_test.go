//go:build !notrace

package tracing_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-xray-sdk-go/strategy/sampling"
	"github.com/aws/aws-xray-sdk-go/xray"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/rental"
)

// service is the rental Service on a fresh DynamoDB Local table, wired
// exactly as the functions wire it (lambdafn.AWSConfig with tracing.Instrument,
// lambdafn.Store with the tracer), filled with storetest's fixture.
func service(t *testing.T) *rental.Service {
	t.Helper()
	_, table := testbed.Table(t)
	cfg := lambdafn.Config{TableName: table, DynamoDBEndpoint: os.Getenv(testbed.EnvEndpoint), Region: "us-east-1",
		CursorSecret: []byte(strings.Repeat("s", 32))}
	awsCfg, err := lambdafn.AWSConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	store := lambdafn.Store(lambdafn.DynamoClient(awsCfg, cfg), cfg)
	return storetest.NewEnv(t, store).Service
}

// daemon is a stand-in X-Ray daemon: a UDP socket on 127.0.0.1 that the
// SDK's own emitter sends to, so the test reads segments in the daemon's
// wire format ("Sending segment documents to the X-Ray daemon":
// https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon)
// and nothing leaves the machine.
func daemon(t *testing.T) (*xray.DefaultEmitter, func() [][]byte) {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	emitter, err := xray.NewDefaultEmitter(conn.LocalAddr().(*net.UDPAddr))
	if err != nil {
		t.Fatal(err)
	}
	received := func() (docs [][]byte) {
		buf := make([]byte, 64<<10)
		for {
			conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			n, err := conn.Read(buf)
			if err != nil {
				return docs
			}
			// Each datagram is a header line and one segment document.
			_, doc, _ := bytes.Cut(buf[:n], []byte("\n"))
			docs = append(docs, bytes.Clone(doc))
		}
	}
	return emitter, received
}

// always samples, without asking a daemon for rules.
type always struct{}

func (always) ShouldTrace(*sampling.Request) *sampling.Decision {
	return &sampling.Decision{Sample: true}
}

// node is a segment or subsegment as emitted.
type node struct {
	Name        string
	Type        string
	TraceID     string         `json:"trace_id"`
	ParentID    string         `json:"parent_id"`
	AWS         map[string]any `json:"aws"`
	Subsegments []node
}

// find returns the nodes called name anywhere below n.
func (n node) find(name string) []node {
	var out []node
	for _, s := range n.Subsegments {
		if s.Name == name {
			out = append(out, s)
		}
		out = append(out, s.find(name)...)
	}
	return out
}

// The trace header Lambda passes to an invocation (the Lambda-Runtime-Trace-Id
// header, which aws-lambda-go puts in the context under "x-amzn-trace-id"):
// https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader
const (
	traceRoot   = "1-6b16b14d-dfcfe5fabcf32511e4bf2144"
	traceParent = "53995c3f42cd8ad8"
)

// TestBookingTransactionSubsegment books a car in an invocation's context
// as Lambda gives it (a sampled trace header, no segment: Lambda owns the
// function's segment and the SDK makes a facade for it) and finds, in what
// the SDK sends, exactly one document: the store's BookingTransaction
// subsegment, in Lambda's trace under Lambda's segment, with the car's
// BatchGetItem and the TransactWriteItems inside it. So every SDK call of
// a booking and the transaction are traced, and nothing of the booking is
// left outside the transaction's subsegment.
//
// (xray.BeginSegment is not used: its Close races the goroutine it starts
// for the context and may send the segment twice, which Lambda's facade
// path never does.)
func TestBookingTransactionSubsegment(t *testing.T) {
	svc := service(t) // configures pkg/tracing first; the test's settings below win
	emitter, received := daemon(t)
	if err := xray.Configure(xray.Config{Emitter: emitter, SamplingStrategy: always{}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.WithValue(context.Background(), xray.LambdaTraceHeaderKey,
		"Root="+traceRoot+";Parent="+traceParent+";Sampled=1")
	if _, err := svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: storetest.Period(2, 5)}, ""); err != nil {
		t.Fatal(err)
	}
	docs := received()
	if len(docs) != 1 {
		t.Fatalf("%d segment documents sent, want 1:\n%s", len(docs), bytes.Join(docs, []byte("\n")))
	}
	var tx node
	if err := json.Unmarshal(docs[0], &tx); err != nil {
		t.Fatal(err)
	}
	if tx.Name != "BookingTransaction" || tx.Type != "subsegment" || tx.TraceID != traceRoot || tx.ParentID != traceParent {
		t.Fatalf("sent %s %q in trace %s under %s, want the subsegment BookingTransaction in trace %s under %s:\n%s",
			tx.Type, tx.Name, tx.TraceID, tx.ParentID, traceRoot, traceParent, docs[0])
	}
	if nested := tx.find("BookingTransaction"); len(nested) != 0 {
		t.Fatalf("%d BookingTransaction subsegments inside the booking's, want none:\n%s", len(nested), docs[0])
	}
	ops := func(n node) (out []string) {
		for _, d := range n.find("DynamoDB") {
			out = append(out, d.AWS["operation"].(string))
		}
		return out
	}
	if got := ops(tx); !contains(got, "TransactWriteItems") {
		t.Errorf("DynamoDB calls inside the transaction: %v, want TransactWriteItems", got)
	}
	if got := ops(tx); !contains(got, "BatchGetItem") {
		t.Errorf("DynamoDB calls inside the transaction: %v, want the car's BatchGetItem among them", got)
	}
}

func contains(s []string, v string) bool {
	for _, e := range s {
		if e == v {
			return true
		}
	}
	return false
}

// TestSilentWithoutSegment: without a segment in the context and without
// a daemon (tests, the local stack), a store read and a booking
// transaction through the instrumented client work and write nothing to
// standard error, standard output or slog, and do not panic. (The SDK's
// default context-missing strategy would log an error per call.)
func TestSilentWithoutSegment(t *testing.T) {
	var logged bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	out := captureStdio(t)

	svc := service(t)
	ctx := context.Background()
	if _, err := svc.GetCar(ctx, "ber-eco-1", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: storetest.Period(2, 5)}, ""); err != nil {
		t.Fatal(err)
	}
	if s := out(); s != "" || logged.Len() > 0 {
		t.Errorf("tracing without a segment wrote:\nstdio: %q\nslog: %q", s, logged.String())
	}
}

// captureStdio sends os.Stdout and os.Stderr to a pipe until the returned
// function is called, which restores them and returns what was written.
func captureStdio(t *testing.T) func() string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&buf, r); close(done) }()
	restore := sync.OnceFunc(func() {
		os.Stdout, os.Stderr = stdout, stderr
		w.Close()
		<-done
		r.Close()
	})
	t.Cleanup(restore)
	return func() string { restore(); return buf.String() }
}
