// Package notifywire wires the notify function (functions/notify): its
// settings, SES, EventBridge Scheduler and the stream reader around
// pkg/notify. Apart from pkg/lambdafn so that only the notify function
// links those SDK clients: every other function's binary stays as small
// as its own wiring (docs/figures.md, "Binary sizes").
package notifywire

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/notify"
	"github.com/carrental/backend/pkg/notifyfn"
	"github.com/carrental/backend/pkg/schedules"
	"github.com/carrental/backend/pkg/sesmail"
)

// Config is the notify function's own settings, besides Config's.
type Config struct {
	// From is the sender (MAIL_FROM); when empty, SES_IDENTITY if that is
	// an address, else no-reply@ the identity's domain.
	From string
	// SESEndpoint overrides SES's endpoint (SES_ENDPOINT): the local
	// aws-ses-v2-local server.
	SESEndpoint string
	// SiteURL is the website, for the link to a booking (SITE_URL).
	SiteURL string
	// ReminderHour is when reminders go, the day before the pick-up at
	// the location (REMINDER_HOUR, 0-23; default 18).
	ReminderHour int
	// ScheduleGroup, SchedulerRoleARN and DeadLetterARN place the
	// reminders' schedules (SCHEDULE_GROUP, SCHEDULER_ROLE_ARN,
	// NOTIFY_DLQ_ARN); without a group there are no reminders.
	ScheduleGroup, SchedulerRoleARN, DeadLetterARN string
}

// ConfigFromEnv reads the notify function's settings with getenv;
// the error names every missing or bad variable.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{From: getenv("MAIL_FROM"), SESEndpoint: getenv("SES_ENDPOINT"),
		SiteURL: strings.TrimRight(getenv("SITE_URL"), "/"), ReminderHour: notify.DefaultReminderHour,
		ScheduleGroup: getenv("SCHEDULE_GROUP"), SchedulerRoleARN: getenv("SCHEDULER_ROLE_ARN"), DeadLetterARN: getenv("NOTIFY_DLQ_ARN")}
	var errs []error
	if c.From == "" {
		c.From = fromIdentity(getenv("SES_IDENTITY"))
	}
	if c.From == "" {
		errs = append(errs, errors.New("MAIL_FROM and SES_IDENTITY are not set"))
	}
	if c.SiteURL == "" {
		errs = append(errs, errors.New("SITE_URL is not set"))
	}
	if h := getenv("REMINDER_HOUR"); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil || n < 0 || n > 23 {
			errs = append(errs, fmt.Errorf("REMINDER_HOUR=%q: want an hour, 0 to 23", h))
		}
		c.ReminderHour = n
	}
	if c.ScheduleGroup != "" && c.SchedulerRoleARN == "" {
		errs = append(errs, errors.New("SCHEDULE_GROUP is set but SCHEDULER_ROLE_ARN is not"))
	}
	return c, errors.Join(errs...)
}

// fromIdentity is the sender an SES identity allows: the address itself,
// or no-reply@ a domain; "" for none.
func fromIdentity(identity string) string {
	if identity == "" || strings.Contains(identity, "@") {
		return identity
	}
	return "no-reply@" + identity
}

// Options replace parts of the notify function, for the local
// stack: Reminders (which has no EventBridge Scheduler).
type Options struct {
	Reminders notify.Reminders
}

// Handler builds the notify function from the environment read
// with getenv, once per container: the sent markers and the locations in
// the table, SES, EventBridge Scheduler (when SCHEDULE_GROUP is set) and
// the stream reader for resends, wrapped to log one line per invocation.
// No network I/O happens here. The Lambda main and the local stack both
// build it here.
func Handler(ctx context.Context, getenv func(string) string, log *slog.Logger) (func(context.Context, json.RawMessage) (any, error), error) {
	return New(ctx, getenv, log, Options{})
}

// New is Handler with parts replaced by o.
func New(ctx context.Context, getenv func(string) string, log *slog.Logger, o Options) (func(context.Context, json.RawMessage) (any, error), error) {
	cfg, err := lambdafn.FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	nc, err := ConfigFromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	awsCfg, err := lambdafn.AWSConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	db := lambdafn.DynamoClient(awsCfg, cfg)
	store := lambdafn.Store(db, cfg)
	reminders := o.Reminders
	if reminders == nil && nc.ScheduleGroup != "" {
		reminders = schedules.New(scheduler.NewFromConfig(awsCfg), schedules.Config{Group: nc.ScheduleGroup,
			RoleARN: nc.SchedulerRoleARN, DeadLetterARN: nc.DeadLetterARN, Target: ownARN})
	}
	ses := sesv2.NewFromConfig(awsCfg, func(o *sesv2.Options) {
		if nc.SESEndpoint != "" {
			o.BaseEndpoint = aws.String(nc.SESEndpoint)
		}
	})
	n := notify.New(notify.Ports{Mailer: sesmail.New(ses), Marks: dynamo.NewNotices(db, cfg.TableName),
		Places: notify.CachedPlaces(store, nil), Bookings: store, Reminders: reminders},
		notify.Config{From: nc.From, SiteURL: nc.SiteURL, ReminderHour: nc.ReminderHour})
	streams := dynamodbstreams.NewFromConfig(awsCfg, func(o *dynamodbstreams.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
	h := notifyfn.New(n, streams)
	return lambdalog.Wrap(log, getenv("AWS_LAMBDA_FUNCTION_NAME"), notifyfn.Outcome, h.Handle), nil
}

// ownARN is the ARN of the function being invoked, the reminders' target.
func ownARN(ctx context.Context) (string, error) {
	if lc, ok := lambdacontext.FromContext(ctx); ok && lc.InvokedFunctionArn != "" {
		return lc.InvokedFunctionArn, nil
	}
	return "", errors.New("no Lambda context: the function's own ARN is unknown")
}
