package dynamo

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go"

	"github.com/carrental/backend/pkg/rental"
)

// Client is the part of *dynamodb.Client that the store uses.
type Client interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
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

// Error codes of DynamoDB that mean "too much, slow down". See "Error
// handling with DynamoDB":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
var throttleCodes = map[string]bool{
	"ProvisionedThroughputExceededException": true,
	"ThrottlingException":                    true,
	"RequestLimitExceeded":                   true,
	"TransactionInProgressException":         true,
	"InternalServerError":                    true,
	"ServiceUnavailable":                     true,
}

// mapErr turns an SDK error into the domain's: throttling, server errors
// and timeouts (after the SDK's own retries) become throttled, so the API
// answers 503 with Retry-After; the rest is internal, with the cause kept
// for the logs only.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var re *rental.Error
	if errors.As(err, &re) {
		return err
	}
	var ae smithy.APIError
	if errors.As(err, &ae) && throttleCodes[ae.ErrorCode()] {
		return &rental.Error{Code: rental.CodeThrottled, Message: "the service is busy; try again shortly", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &rental.Error{Code: rental.CodeThrottled, Message: "the service is busy; try again shortly", Err: err}
	}
	return &rental.Error{Code: rental.CodeInternal, Message: "internal error", Err: err}
}
