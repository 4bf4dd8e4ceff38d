package localstack

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/carrental/backend/dev/localesm"
	"github.com/carrental/backend/dev/localschedule"
	"github.com/carrental/backend/dev/localsite"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lambdafn/notifywire"
)

// Notify is the notify function on the local stack: its handler as
// functions/notify builds it (SES at SES_ENDPOINT, the reminders'
// schedules in memory), and the template's event source mapping feeding
// it from the table's stream, with its dead letters in memory.
type Notify struct {
	Handler     func(context.Context, json.RawMessage) (any, error)
	Schedules   *localschedule.Schedules
	DeadLetters *localesm.DeadLetters
	poller      *localesm.Poller
}

// StartNotify builds the notify function on env and starts the mapping
// NotifyMapping of tpl on the stream streamARN of env's DynamoDB. Stop it
// when done.
func StartNotify(ctx context.Context, tpl *samtemplate.Template, env FunctionEnv, streamARN string, log *slog.Logger) (*Notify, error) {
	n := &Notify{Schedules: localschedule.New(), DeadLetters: &localesm.DeadLetters{}}
	h, err := NotifyHandler(ctx, env, n.Schedules, log)
	if err != nil {
		return nil, err
	}
	m, err := localesm.FromTemplate(tpl, NotifyMapping)
	if err != nil {
		return nil, err
	}
	n.Handler = h
	n.poller = localesm.Start(context.WithoutCancel(ctx), localesm.Options{Streams: localesm.NewStreamsClient(env.DynamoDBEndpoint),
		StreamARN: streamARN, Mapping: m, Handler: localesm.JSONHandler(h), DeadLetters: n.DeadLetters,
		FunctionARN: localsite.NotifyARN, Log: log})
	return n, nil
}

// NotifyHandler builds the notify function's handler as its Lambda main
// does, with the reminders' schedules kept in s.
func NotifyHandler(ctx context.Context, env FunctionEnv, s *localschedule.Schedules, log *slog.Logger) (func(context.Context, json.RawMessage) (any, error), error) {
	return notifywire.New(ctx, env.getenv(NotifyFunction), log, notifywire.Options{Reminders: s})
}

// Stop ends the mapping; a batch in the handler is cancelled.
func (n *Notify) Stop() { n.poller.Stop() }
