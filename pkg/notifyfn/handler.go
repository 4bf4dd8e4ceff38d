package notifyfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/notify"
)

// Handler is the notify function: every event it gets goes to one
// Notifier. Build it once per container.
type Handler struct {
	n       *notify.Notifier
	streams StreamReader // for Resend; nil refuses dead letters
}

// New is the Handler of n, reading dead letters' batches back with
// streams.
func New(n *notify.Notifier, streams StreamReader) *Handler { return &Handler{n: n, streams: streams} }

// envelope tells the event shapes apart by their top-level keys.
type envelope struct {
	Records   json.RawMessage      `json:"Records"`
	Reminder  *notify.ReminderTask `json:"reminder"`
	BatchInfo *BatchInfo           `json:"DDBStreamBatchInfo"`
}

// ErrUnknownEvent is the error of an event of none of the shapes.
var ErrUnknownEvent = errors.New("notifyfn: not a stream batch, a reminder or a dead letter of the stream")

// Handle is the Lambda handler. It takes:
//   - a batch of the stream ({"Records":[...]}): Batch, answered with
//     events.DynamoDBEventResponse;
//   - a reminder's schedule payload (notify.ReminderEvent): Remind,
//     answered {"result":"sent"} (or seen, notDue, noAddress); an error
//     makes EventBridge Scheduler retry, then dead-letter it;
//   - a dead letter of the mapping (DeadLetter, the body of the
//     queue's message, for a resend): Resend, answered as a batch; an
//     error when a record fails again.
func (h *Handler) Handle(ctx context.Context, raw json.RawMessage) (any, error) {
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("notifyfn: event: %w", err)
	}
	switch {
	case env.Records != nil:
		var ev events.DynamoDBEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, fmt.Errorf("notifyfn: stream batch: %w", err)
		}
		lambdalog.Add(ctx, slog.String("event", "stream"))
		return h.Batch(ctx, ev)
	case env.Reminder != nil:
		lambdalog.Add(ctx, slog.String("event", "reminder"), slog.String("bookingId", env.Reminder.BookingID))
		return h.Remind(ctx, *env.Reminder)
	case env.BatchInfo != nil:
		lambdalog.Add(ctx, slog.String("event", "resend"))
		return h.Resend(ctx, *env.BatchInfo)
	}
	return nil, ErrUnknownEvent
}

// ReminderResult is the answer to a reminder.
type ReminderResult struct {
	Result notify.Result `json:"result"`
}

// Remind sends task's reminder (notify.Notifier.Remind), its calls
// stopping before the deadline.
func (h *Handler) Remind(ctx context.Context, task notify.ReminderTask) (ReminderResult, error) {
	if err := task.Check(); err != nil {
		return ReminderResult{}, err
	}
	ctx, cancel := bounded(ctx)
	defer cancel()
	res, err := h.n.Remind(ctx, task)
	lambdalog.Add(ctx, slog.String("result", string(res)))
	return ReminderResult{Result: res}, err
}

// Resend runs a dead letter's batch again: its records read back from the
// stream (ReadBatch), then Batch. The markers make it safe: what was sent
// before is seen, not sent again. Errors: the records are gone
// (ErrGone), the stream cannot be read, or a record fails again (the
// answer names it).
func (h *Handler) Resend(ctx context.Context, b BatchInfo) (events.DynamoDBEventResponse, error) {
	if h.streams == nil {
		return events.DynamoDBEventResponse{}, errors.New("notifyfn: no stream reader for resends")
	}
	recs, err := ReadBatch(ctx, h.streams, b)
	if err != nil {
		return events.DynamoDBEventResponse{}, err
	}
	resp, err := h.Batch(ctx, events.DynamoDBEvent{Records: recs})
	if err == nil && len(resp.BatchItemFailures) > 0 {
		err = fmt.Errorf("notifyfn: record %s failed again", resp.BatchItemFailures[0].ItemIdentifier)
	}
	return resp, err
}

// Outcome describes an invocation for its log line (lambdalog.Wrap): the
// stream's item failures; nothing of the records or addresses.
func Outcome(_ json.RawMessage, resp any) []slog.Attr {
	if r, ok := resp.(events.DynamoDBEventResponse); ok {
		return []slog.Attr{slog.Int("batchItemFailures", len(r.BatchItemFailures))}
	}
	return nil
}
