// Package schedules keeps pkg/notify's reminders as EventBridge Scheduler
// one-time schedules: one a booking, named reminder-<bookingId> in the
// stack's schedule group, created when the booking is confirmed, moved
// when it changes, deleted when it is cancelled, and deleted by Scheduler
// itself once it has run (ActionAfterCompletion DELETE). Its target is
// the notify function, with the booking's notify.ReminderEvent as input.
package schedules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/aws-sdk-go-v2/service/scheduler/types"

	"github.com/carrental/backend/pkg/notify"
)

// Client is the part of *scheduler.Client that Reminders uses.
type Client interface {
	CreateSchedule(ctx context.Context, in *scheduler.CreateScheduleInput, opts ...func(*scheduler.Options)) (*scheduler.CreateScheduleOutput, error)
	UpdateSchedule(ctx context.Context, in *scheduler.UpdateScheduleInput, opts ...func(*scheduler.Options)) (*scheduler.UpdateScheduleOutput, error)
	DeleteSchedule(ctx context.Context, in *scheduler.DeleteScheduleInput, opts ...func(*scheduler.Options)) (*scheduler.DeleteScheduleOutput, error)
}

// Config says where the schedules go and what they run.
type Config struct {
	// Group is the schedule group (SCHEDULE_GROUP).
	Group string
	// RoleARN is the role Scheduler assumes to invoke the target
	// (SCHEDULER_ROLE_ARN).
	RoleARN string
	// DeadLetterARN is the SQS queue that gets a reminder Scheduler could
	// not deliver (NOTIFY_DLQ_ARN); "" for none.
	DeadLetterARN string
	// Target is the ARN of the function to invoke, read per call: the
	// notify function's own (lambdacontext's InvokedFunctionArn).
	Target func(ctx context.Context) (string, error)
}

// Scheduler's retries of a reminder it could not deliver: a few, within
// an hour (a reminder that late is still worth sending).
const (
	retryAttempts = 3
	retryMaxAge   = 3600
)

// Reminders is notify.Reminders on EventBridge Scheduler.
type Reminders struct {
	c   Client
	cfg Config
}

var _ notify.Reminders = (*Reminders)(nil)

// New is Reminders on c.
func New(c Client, cfg Config) *Reminders { return &Reminders{c: c, cfg: cfg} }

// Name is the schedule of booking id.
func Name(bookingID string) string { return "reminder-" + bookingID }

// Expression is Scheduler's one-time expression of at, in at's location:
// at(2027-03-04T18:00:00) with the zone "Europe/Berlin" beside it. See
// "Schedule types", one-time schedules:
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#one-time
func Expression(at time.Time) (expr, zone string) {
	return "at(" + at.Format("2006-01-02T15:04:05") + ")", at.Location().String()
}

// Set creates the booking's schedule, or moves it (UpdateSchedule, which
// replaces it whole): an update first, a create when there is none, and
// an update again if another call created it meanwhile.
func (r *Reminders) Set(ctx context.Context, t notify.ReminderTask, at time.Time) error {
	target, err := r.target(ctx, t)
	if err != nil {
		return err
	}
	expr, zone := Expression(at)
	name := Name(t.BookingID)
	update := &scheduler.UpdateScheduleInput{Name: &name, GroupName: &r.cfg.Group, ScheduleExpression: &expr,
		ScheduleExpressionTimezone: &zone, FlexibleTimeWindow: &types.FlexibleTimeWindow{Mode: types.FlexibleTimeWindowModeOff},
		Target: target, ActionAfterCompletion: types.ActionAfterCompletionDelete}
	_, err = r.c.UpdateSchedule(ctx, update)
	var missing *types.ResourceNotFoundException
	if !errors.As(err, &missing) {
		return wrap("update", name, err)
	}
	_, err = r.c.CreateSchedule(ctx, &scheduler.CreateScheduleInput{Name: &name, GroupName: &r.cfg.Group,
		ScheduleExpression: &expr, ScheduleExpressionTimezone: &zone, FlexibleTimeWindow: update.FlexibleTimeWindow,
		Target: target, ActionAfterCompletion: types.ActionAfterCompletionDelete})
	var conflict *types.ConflictException
	if errors.As(err, &conflict) {
		_, err = r.c.UpdateSchedule(ctx, update)
	}
	return wrap("create", name, err)
}

// Clear deletes the booking's schedule; one that is gone already (run, or
// never made) is no error.
func (r *Reminders) Clear(ctx context.Context, bookingID string) error {
	name := Name(bookingID)
	_, err := r.c.DeleteSchedule(ctx, &scheduler.DeleteScheduleInput{Name: &name, GroupName: &r.cfg.Group})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		return nil
	}
	return wrap("delete", name, err)
}

// target is the schedule's target: the function, its input, the retries
// and the dead-letter queue.
func (r *Reminders) target(ctx context.Context, t notify.ReminderTask) (*types.Target, error) {
	arn, err := r.cfg.Target(ctx)
	if err != nil {
		return nil, fmt.Errorf("schedules: the target: %w", err)
	}
	input, err := json.Marshal(notify.ReminderEvent{Reminder: &t})
	if err != nil {
		return nil, err
	}
	out := &types.Target{Arn: &arn, RoleArn: &r.cfg.RoleARN, Input: aws.String(string(input)),
		RetryPolicy: &types.RetryPolicy{MaximumRetryAttempts: aws.Int32(retryAttempts), MaximumEventAgeInSeconds: aws.Int32(retryMaxAge)}}
	if r.cfg.DeadLetterARN != "" {
		out.DeadLetterConfig = &types.DeadLetterConfig{Arn: &r.cfg.DeadLetterARN}
	}
	return out, nil
}

func wrap(op, name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("schedules: %s %s: %w", op, name, err)
}
