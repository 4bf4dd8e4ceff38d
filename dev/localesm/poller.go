package localesm

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/carrental/backend/pkg/notifyfn"
)

// Handler is a function's handler across the Lambda boundary: the
// event's JSON in, the answer's JSON out.
type Handler func(ctx context.Context, event []byte) ([]byte, error)

// StreamsClient is the part of *dynamodbstreams.Client the poller uses.
type StreamsClient interface {
	notifyfn.StreamReader
	DescribeStream(ctx context.Context, in *dynamodbstreams.DescribeStreamInput, opts ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error)
}

// Options configures Start.
type Options struct {
	Streams     StreamsClient
	StreamARN   string
	Mapping     Mapping
	Handler     Handler
	DeadLetters *DeadLetters // the on-failure destination
	// FunctionARN is the function's ARN in its Lambda context and in the
	// invocation records.
	FunctionARN string
	// Poll is the pause between reads of a shard with nothing new
	// (Lambda reads a shard four times a second); default 250 ms.
	Poll time.Duration
	// RetryDelay is the pause before the first retry of a failed batch,
	// doubled for each further one up to 2 s; default 100 ms.
	RetryDelay time.Duration
	// Log gets a line for each failed invocation and dead letter.
	Log *slog.Logger
}

// Poller is a running mapping. Stop it when done.
type Poller struct {
	o           Options
	cancel      context.CancelFunc
	done        chan struct{}
	invocations atomic.Int64
}

// Start runs the mapping until Stop or ctx's end.
func Start(ctx context.Context, o Options) *Poller {
	if o.Poll == 0 {
		o.Poll = 250 * time.Millisecond
	}
	if o.RetryDelay == 0 {
		o.RetryDelay = 100 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &Poller{o: o, cancel: cancel, done: make(chan struct{})}
	go p.run(ctx)
	return p
}

// Stop ends the mapping and waits for it; a batch in its handler is
// cancelled.
func (p *Poller) Stop() {
	p.cancel()
	<-p.done
}

// Invocations is how many times the handler has been invoked.
func (p *Poller) Invocations() int64 { return p.invocations.Load() }

// shard is one shard's reading and its batch waiting to be handled.
type shard struct {
	id, parent string
	iter       *string
	last       string // the last sequence number read
	closed     bool   // read to its end
	pending    []events.DynamoDBEventRecord
	head       string // the sequence number the retries count for
	tries      int    // failed invocations of head
	limit      int    // the next batch's size after a bisect; 0 for BatchSize
}

func (s *shard) finished() bool { return s.closed && len(s.pending) == 0 }

func (p *Poller) run(ctx context.Context) {
	defer close(p.done)
	shards := map[string]*shard{}
	var order []string
	var described time.Time
	for first := true; ctx.Err() == nil; first = false {
		if time.Since(described) > 2*time.Second {
			order = p.discover(ctx, shards, order, first)
			described = time.Now()
		}
		progress := false
		for _, id := range order {
			s := shards[id]
			if parent, ok := shards[s.parent]; s.finished() || ok && !parent.finished() {
				continue
			}
			progress = p.step(ctx, s) || progress
		}
		if !progress {
			sleep(ctx, p.o.Poll)
		}
	}
}

// discover adds the stream's new shards to shards and order; at the
// first look, an open shard starts at LATEST when the mapping says so,
// every other at TRIM_HORIZON.
func (p *Poller) discover(ctx context.Context, shards map[string]*shard, order []string, first bool) []string {
	var start *string
	for {
		out, err := p.o.Streams.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: &p.o.StreamARN, ExclusiveStartShardId: start})
		if err != nil {
			if ctx.Err() == nil {
				p.o.Log.Warn("local event source mapping: describe stream", "error", err.Error())
			}
			return order
		}
		for _, sh := range out.StreamDescription.Shards {
			id := aws.ToString(sh.ShardId)
			if _, known := shards[id]; known {
				continue
			}
			typ := streamtypes.ShardIteratorTypeTrimHorizon
			if first && p.o.Mapping.Latest && sh.SequenceNumberRange.EndingSequenceNumber == nil {
				typ = streamtypes.ShardIteratorTypeLatest
			}
			s := &shard{id: id, parent: aws.ToString(sh.ParentShardId)}
			if s.iter, err = p.iterator(ctx, s, typ, ""); err != nil {
				p.o.Log.Warn("local event source mapping: shard iterator", "shard", id, "error", err.Error())
				continue
			}
			shards[id] = s
			order = append(order, id)
		}
		if start = out.StreamDescription.LastEvaluatedShardId; start == nil {
			return order
		}
	}
}

func (p *Poller) iterator(ctx context.Context, s *shard, typ streamtypes.ShardIteratorType, after string) (*string, error) {
	in := &dynamodbstreams.GetShardIteratorInput{StreamArn: &p.o.StreamARN, ShardId: &s.id, ShardIteratorType: typ}
	if after != "" {
		in.SequenceNumber = &after
	}
	out, err := p.o.Streams.GetShardIterator(ctx, in)
	if err != nil {
		return nil, err
	}
	return out.ShardIterator, nil
}

// step reads s when its batch has room, then handles its batch; progress
// is false when there was nothing to do.
func (p *Poller) step(ctx context.Context, s *shard) (progress bool) {
	if len(s.pending) < p.o.Mapping.BatchSize && !s.closed {
		progress = p.read(ctx, s)
	}
	if len(s.pending) > 0 {
		p.handle(ctx, s)
		progress = true
	}
	return progress
}

// read appends s's new records that pass the filters to its batch.
func (p *Poller) read(ctx context.Context, s *shard) bool {
	out, err := p.o.Streams.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: s.iter, Limit: aws.Int32(1000)})
	var expired *streamtypes.ExpiredIteratorException
	switch {
	case errors.As(err, &expired) && s.last != "":
		s.iter, err = p.iterator(ctx, s, streamtypes.ShardIteratorTypeAfterSequenceNumber, s.last)
		return err == nil
	case err != nil:
		if ctx.Err() == nil {
			p.o.Log.Warn("local event source mapping: read", "shard", s.id, "error", err.Error())
		}
		return false
	}
	for _, r := range out.Records {
		rec := notifyfn.Record(r, p.o.StreamARN)
		s.last = rec.Change.SequenceNumber
		if p.passes(rec) {
			s.pending = append(s.pending, rec)
		}
	}
	s.iter = out.NextShardIterator
	s.closed = s.iter == nil
	return len(out.Records) > 0
}

// passes reports whether rec matches one of the filters (or there are
// none).
func (p *Poller) passes(rec events.DynamoDBEventRecord) bool {
	if len(p.o.Mapping.Filters) == 0 {
		return true
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return false
	}
	for _, f := range p.o.Mapping.Filters {
		if f.Match(raw) {
			return true
		}
	}
	return false
}

// handle invokes the handler with s's next batch and acts on the answer.
func (p *Poller) handle(ctx context.Context, s *shard) {
	n := min(len(s.pending), p.o.Mapping.BatchSize)
	if s.limit > 0 {
		n = min(n, s.limit)
	}
	batch := s.pending[:n]
	if p.tooOld(batch[0]) {
		p.deadLetter(s, batch, "RecordAgeExceeded", s.tries)
		return
	}
	failedAt, err := p.invoke(ctx, batch)
	if ctx.Err() != nil {
		return // stopping: the batch is not handled
	}
	if failedAt < 0 {
		s.pending, s.tries, s.limit = s.pending[n:], 0, 0
		return
	}
	s.pending, batch = s.pending[failedAt:], batch[failedAt:]
	if s.head != batch[0].Change.SequenceNumber {
		s.head, s.tries = batch[0].Change.SequenceNumber, 0
	}
	s.tries++
	p.o.Log.Info("local event source mapping: batch failed", "records", len(batch), "from", s.head, "attempt", s.tries, "error", errText(err))
	if retries := p.o.Mapping.MaxRetries; retries >= 0 && s.tries > retries {
		p.deadLetter(s, batch, "RetryAttemptsExhausted", s.tries)
		return
	}
	s.limit = 0
	if p.o.Mapping.Bisect {
		s.limit = len(batch) // from the reported record on
		if err != nil && len(batch) > 1 {
			s.limit = (len(batch) + 1) / 2
		}
	}
	sleep(ctx, min(p.o.RetryDelay<<(s.tries-1), 2*time.Second))
}

// invoke runs the handler on batch; failedAt is the index of the first
// record to retry (-1: all handled). err is the handler's error, if it
// failed as a whole.
func (p *Poller) invoke(ctx context.Context, batch []events.DynamoDBEventRecord) (failedAt int, err error) {
	p.invocations.Add(1)
	payload, err := json.Marshal(events.DynamoDBEvent{Records: batch})
	if err != nil {
		return 0, err
	}
	ictx, cancel := context.WithTimeout(ctx, p.o.Mapping.Timeout)
	defer cancel()
	ictx = lambdacontext.NewContext(ictx, &lambdacontext.LambdaContext{AwsRequestID: requestID(), InvokedFunctionArn: p.o.FunctionARN})
	out, err := p.o.Handler(ictx, payload)
	if err == nil && ictx.Err() != nil {
		err = fmt.Errorf("the function timed out after %s", p.o.Mapping.Timeout)
	}
	if err != nil {
		return 0, err
	}
	var resp events.DynamoDBEventResponse
	if len(out) > 0 && string(out) != "null" {
		if err := json.Unmarshal(out, &resp); err != nil {
			return 0, fmt.Errorf("the answer is no partial batch response: %w", err)
		}
	}
	if !p.o.Mapping.ReportItemFailures || len(resp.BatchItemFailures) == 0 {
		return -1, nil
	}
	return lowestFailure(batch, resp.BatchItemFailures), nil
}

// lowestFailure is the index of the first record of batch that failures
// name; 0 (the whole batch) when one names none of them, as Lambda takes
// an empty or unknown itemIdentifier.
func lowestFailure(batch []events.DynamoDBEventRecord, failures []events.DynamoDBBatchItemFailure) int {
	idx := len(batch)
	for _, f := range failures {
		found := false
		for i, r := range batch {
			if r.Change.SequenceNumber == f.ItemIdentifier {
				idx, found = min(idx, i), true
			}
		}
		if !found {
			return 0
		}
	}
	return idx
}

// tooOld reports whether r is past the mapping's MaximumRecordAgeInSeconds.
func (p *Poller) tooOld(r events.DynamoDBEventRecord) bool {
	at := r.Change.ApproximateCreationDateTime.Time
	return p.o.Mapping.MaxRecordAge > 0 && !at.IsZero() && time.Since(at) > p.o.Mapping.MaxRecordAge
}

// deadLetter sends batch to the on-failure destination and goes on past
// it.
func (p *Poller) deadLetter(s *shard, batch []events.DynamoDBEventRecord, condition string, invocations int) {
	l := Letter{Records: append([]events.DynamoDBEventRecord(nil), batch...)}
	l.RequestContext.RequestID, l.RequestContext.FunctionARN = requestID(), p.o.FunctionARN
	l.RequestContext.Condition, l.RequestContext.ApproximateInvokeCount = condition, invocations
	l.Version, l.Timestamp = "1.0", time.Now().UTC().Format(time.RFC3339Nano)
	first, last := batch[0].Change, batch[len(batch)-1].Change
	l.BatchInfo = &notifyfn.BatchInfo{ShardID: s.id, StartSequenceNumber: first.SequenceNumber, EndSequenceNumber: last.SequenceNumber,
		ApproximateArrivalOfFirstRecord: first.ApproximateCreationDateTime.UTC().Format(time.RFC3339),
		ApproximateArrivalOfLastRecord:  last.ApproximateCreationDateTime.UTC().Format(time.RFC3339),
		BatchSize:                       len(batch), StreamARN: p.o.StreamARN}
	if p.o.DeadLetters != nil {
		p.o.DeadLetters.Add(l)
	}
	p.o.Log.Warn("local event source mapping: dead letter", "condition", condition, "records", len(batch),
		"from", first.SequenceNumber, "to", last.SequenceNumber)
	s.pending, s.tries, s.limit = s.pending[len(batch):], 0, 0
}

func errText(err error) string {
	if err == nil {
		return "batch item failure"
	}
	return err.Error()
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// JSONHandler is h, a handler as lambdafn builds it, across the Lambda
// boundary: its answer encoded to JSON.
func JSONHandler(h func(context.Context, json.RawMessage) (any, error)) Handler {
	return func(ctx context.Context, event []byte) ([]byte, error) {
		out, err := h(ctx, event)
		if err != nil {
			return nil, err
		}
		return json.Marshal(out)
	}
}
