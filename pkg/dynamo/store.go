package dynamo

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/pkg/rental"
)

// Client is the part of *dynamodb.Client that the store uses.
type Client interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store is rental.Store and rental.Fleet on one DynamoDB table. It is safe
// for concurrent use; build one per Lambda container.
type Store struct {
	db      Client
	table   string
	cursors cursors
	retry   Backoff
	now     func() time.Time
	usage   meter
	tracer  func(ctx context.Context, name string, fn func(context.Context) error) error
}

var (
	_ rental.Store = (*Store)(nil)
	_ rental.Fleet = (*Store)(nil)
)

// Option configures a Store.
type Option func(*Store)

// WithBackoff replaces the retry policy of Write's lost races.
func WithBackoff(b Backoff) Option { return func(s *Store) { s.retry = b } }

// WithTracer wraps each booking transaction (the whole Write, retries
// included) in a tracing span named name; pkg/tracing passes an X-Ray
// subsegment.
func WithTracer(t func(ctx context.Context, name string, fn func(context.Context) error) error) Option {
	return func(s *Store) { s.tracer = t }
}

// New is a Store on table through db. cursorSecret keys the HMAC of page
// cursors: every function of one deployment must share it, and it should be
// at least 32 random bytes.
func New(db Client, table string, cursorSecret []byte, opts ...Option) *Store {
	s := &Store{db: db, table: table, cursors: newCursors(cursorSecret), retry: DefaultBackoff, now: time.Now,
		tracer: func(ctx context.Context, _ string, fn func(context.Context) error) error { return fn(ctx) }}
	for _, o := range opts {
		o(s)
	}
	return s
}

// AnswerMargin is how long before its context's deadline (Lambda's) the
// store stops calling and waiting, so that the function has time to answer
// before Lambda ends it.
const AnswerMargin = 300 * time.Millisecond

// bounded is ctx with a deadline AnswerMargin before ctx's own (none when
// ctx has none).
func (s *Store) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok {
		return context.WithDeadline(ctx, d.Add(-AnswerMargin))
	}
	return ctx, func() {}
}

// internal wraps an unexpected error as internal (nil stays nil).
func internal(err error) error {
	if err == nil {
		return nil
	}
	return &rental.Error{Code: rental.CodeInternal, Message: "internal error", Err: err}
}
