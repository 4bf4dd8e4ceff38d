package notifyfn

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/notify"
	"github.com/carrental/backend/pkg/rental"
)

// Time limits within an invocation: a record is not started with less
// than recordBudget left before the deadline (its calls: the marker, SES
// with the SDK's retries, the marker again, Scheduler), and every call
// stops answerMargin before it, so that the function answers in time and
// the mapping hears which record to retry.
const (
	recordBudget = 8 * time.Second
	answerMargin = 500 * time.Millisecond
)

// Batch handles one batch of the table's stream: each record, in order,
// to Notifier.Apply. At the first record that fails (or that there is no
// time left for) it stops and reports that record's sequence number as
// the batch's one item failure: the mapping keeps what came before and
// retries from there (with BisectBatchOnFunctionError, only from there),
// up to its MaximumRetryAttempts, then sends the batch's description to
// its on-failure destination. A record of another item than a booking
// (a car, an account, a sent marker) is skipped.
func (h *Handler) Batch(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	counts := map[notify.Result]int{}
	defer func() { logCounts(ctx, len(ev.Records), counts) }()
	for _, r := range ev.Records {
		if left(ctx) < recordBudget {
			lambdalog.Add(ctx, slog.String("stoppedAt", r.Change.SequenceNumber), slog.String("why", "deadline"))
			return failed(r), nil
		}
		res, err := h.record(ctx, r)
		if err != nil {
			lambdalog.Error(ctx, slog.String("failedAt", r.Change.SequenceNumber), slog.String("error", err.Error()))
			return failed(r), nil
		}
		counts[res]++
	}
	return events.DynamoDBEventResponse{}, nil
}

// record is one stream record: its images as bookings, then Apply,
// whose calls stop answerMargin before the deadline.
func (h *Handler) record(ctx context.Context, r events.DynamoDBEventRecord) (notify.Result, error) {
	c, ok, err := change(r)
	if err != nil || !ok {
		return notify.Ignored, err
	}
	ctx, cancel := bounded(ctx)
	defer cancel()
	return h.n.Apply(ctx, c)
}

// change is the bookings of r's images; ok is false when r is not about
// a booking.
func change(r events.DynamoDBEventRecord) (notify.Change, bool, error) {
	var c notify.Change
	for _, side := range []struct {
		image map[string]events.DynamoDBAttributeValue
		to    **rental.Booking
	}{{r.Change.OldImage, &c.Old}, {r.Change.NewImage, &c.New}} {
		av, err := item(side.image)
		if err != nil {
			return c, false, fmt.Errorf("record %s: %w", r.Change.SequenceNumber, err)
		}
		b, ok, err := dynamo.BookingFromItem(av)
		if err != nil {
			return c, false, fmt.Errorf("record %s: %w", r.Change.SequenceNumber, err)
		}
		if ok {
			*side.to = &b
		}
	}
	return c, c.Old != nil || c.New != nil, nil
}

func failed(r events.DynamoDBEventRecord) events.DynamoDBEventResponse {
	return events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{{ItemIdentifier: r.Change.SequenceNumber}}}
}

// left is the time until ctx's deadline; a long time when it has none.
func left(ctx context.Context) time.Duration {
	if d, ok := ctx.Deadline(); ok {
		return time.Until(d)
	}
	return time.Hour
}

// bounded is ctx ending answerMargin before its deadline.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok {
		return context.WithDeadline(ctx, d.Add(-answerMargin))
	}
	return context.WithCancel(ctx)
}

// logCounts puts the batch's size and what became of its records on the
// invocation's line.
func logCounts(ctx context.Context, n int, counts map[notify.Result]int) {
	attrs := []slog.Attr{slog.Int("records", n)}
	for _, r := range []notify.Result{notify.Sent, notify.Seen, notify.Ignored, notify.NoAddress} {
		if counts[r] > 0 {
			attrs = append(attrs, slog.Int(string(r), counts[r]))
		}
	}
	lambdalog.Add(ctx, attrs...)
}
