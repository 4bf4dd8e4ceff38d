package dynamo

import (
	"context"
	"errors"
	"net"
	"syscall"

	"github.com/aws/smithy-go"

	"github.com/carrental/backend/pkg/rental"
)

// throttleCodes are DynamoDB's "too much, slow down" errors (after the
// SDK's own retries). See "Error handling with DynamoDB":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
var throttleCodes = map[string]bool{
	"ProvisionedThroughputExceededException": true,
	"ThrottlingException":                    true,
	"RequestLimitExceeded":                   true,
}

// unavailableCodes are DynamoDB's errors that say it could not do the
// request now, not that there was too much: a server error, or a
// transaction with the same ClientRequestToken still in progress.
var unavailableCodes = map[string]bool{
	"InternalServerError":            true,
	"ServiceUnavailable":             true,
	"TransactionInProgressException": true,
}

// mapErr turns an SDK error into the domain's, saying what happened:
// throttled for DynamoDB's throttling; unavailable for a server error, a
// timeout (ctx's deadline, the SDK's attempt timeout), a connection
// refused or reset, a DNS failure; internal for the rest, the cause kept
// for the logs only.
func (s *Store) mapErr(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var re *rental.Error
	if errors.As(err, &re) {
		return err
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch {
		case throttleCodes[ae.ErrorCode()]:
			return &rental.Error{Code: rental.CodeThrottled, Message: "the database is busy; try again shortly", Err: err}
		case unavailableCodes[ae.ErrorCode()]:
			return unavailable(err)
		}
	}
	if unreachable(err) || ctx.Err() != nil {
		return unavailable(err)
	}
	return internal(err)
}

func unavailable(err error) *rental.Error {
	return &rental.Error{Code: rental.CodeUnavailable, Message: "the database did not answer; try again shortly", Err: err}
}

// unreachable reports whether err says the database could not be reached
// or did not answer: a deadline, a refused or reset connection, a DNS
// failure, any network timeout.
func unreachable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var dns *net.DNSError
	var ne net.Error
	var op *net.OpError
	return errors.As(err, &dns) || (errors.As(err, &ne) && ne.Timeout()) || errors.As(err, &op)
}
