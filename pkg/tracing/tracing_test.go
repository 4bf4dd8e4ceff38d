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
// app.Store with the tracer), filled with storetest's fixture.
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

// TestBookingTransactionSubsegment books a car inside a segment and finds,
// in what the SDK emits, the store's BookingTransaction subsegment with the
// DynamoDB TransactWriteItems call inside it, and the car's GetItem as a
// DynamoDB subsegment of its own: every SDK call and the transaction are
// traced. The emitter is in memory: nothing leaves the process.
func TestBookingTransactionSubsegment(t *testing.T) {
	svc := service(t) // configures pkg/tracing first; the test's settings below win
	emitter, received := daemon(t)
	if err := xray.Configure(xray.Config{Emitter: emitter, SamplingStrategy: always{}}); err != nil {
		t.Fatal(err)
	}
	ctx, seg := xray.BeginSegment(context.Background(), "test")
	_, err := svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: storetest.Period(2, 5)}, "")
	seg.Close(err)
	if err != nil {
		t.Fatal(err)
	}
	docs := received()
	if len(docs) != 1 {
		t.Fatalf("%d segment documents sent, want 1", len(docs))
	}
	var root node
	if err := json.Unmarshal(docs[0], &root); err != nil {
		t.Fatal(err)
	}
	txs := root.find("BookingTransaction")
	if len(txs) != 1 {
		t.Fatalf("%d BookingTransaction subsegments, want 1:\n%s", len(txs), docs[0])
	}
	ops := func(n node) (out []string) {
		for _, d := range n.find("DynamoDB") {
			out = append(out, d.AWS["operation"].(string))
		}
		return out
	}
	if got := ops(txs[0]); !contains(got, "TransactWriteItems") {
		t.Errorf("DynamoDB calls inside the transaction: %v, want TransactWriteItems", got)
	}
	if got := ops(txs[0]); !contains(got, "BatchGetItem") {
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
