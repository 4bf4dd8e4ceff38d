package notifyfn

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// DeadLetter is what the event source mapping sends to its on-failure
// destination when a batch has used up its retries (or its records their
// age): not the records, but where they are in the stream, which keeps
// them for 24 hours. See "Retaining discarded batches for a DynamoDB
// event source", the invocation record:
// https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
type DeadLetter struct {
	RequestContext struct {
		RequestID              string `json:"requestId"`
		FunctionARN            string `json:"functionArn"`
		Condition              string `json:"condition"` // RetryAttemptsExhausted, RecordAgeExceeded, ...
		ApproximateInvokeCount int    `json:"approximateInvokeCount"`
	} `json:"requestContext"`
	Version   string     `json:"version"`
	Timestamp string     `json:"timestamp"`
	BatchInfo *BatchInfo `json:"DDBStreamBatchInfo"`
}

// BatchInfo locates a batch in the stream.
type BatchInfo struct {
	ShardID                         string `json:"shardId"`
	StartSequenceNumber             string `json:"startSequenceNumber"`
	EndSequenceNumber               string `json:"endSequenceNumber"`
	ApproximateArrivalOfFirstRecord string `json:"approximateArrivalOfFirstRecord"`
	ApproximateArrivalOfLastRecord  string `json:"approximateArrivalOfLastRecord"`
	BatchSize                       int    `json:"batchSize"`
	StreamARN                       string `json:"streamArn"`
}

// StreamReader is the part of *dynamodbstreams.Client that reads a
// batch back.
type StreamReader interface {
	GetShardIterator(ctx context.Context, in *dynamodbstreams.GetShardIteratorInput, opts ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
	GetRecords(ctx context.Context, in *dynamodbstreams.GetRecordsInput, opts ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
}

// maxPages bounds the GetRecords calls of one batch: a batch holds at
// most 10,000 records, and a page up to 1,000.
const maxPages = 20

// ErrGone is the error of a batch whose records the stream no longer has
// (older than 24 hours): resend them from the table by hand
// (docs/operations.md).
var ErrGone = errors.New("notifyfn: the stream no longer holds these records")

// ReadBatch reads b's records back from the stream, from its start
// sequence number to its end, as the mapping delivered them.
func ReadBatch(ctx context.Context, s StreamReader, b BatchInfo) ([]events.DynamoDBEventRecord, error) {
	it, err := s.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: &b.StreamARN, ShardId: &b.ShardID,
		ShardIteratorType: streamtypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: &b.StartSequenceNumber})
	var trimmed *streamtypes.TrimmedDataAccessException
	if errors.As(err, &trimmed) {
		return nil, ErrGone
	} else if err != nil {
		return nil, fmt.Errorf("notifyfn: shard iterator: %w", err)
	}
	var out []events.DynamoDBEventRecord
	next := it.ShardIterator
	for page := 0; next != nil && page < maxPages; page++ {
		res, err := s.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: next, Limit: aws.Int32(1000)})
		if err != nil {
			return nil, fmt.Errorf("notifyfn: records: %w", err)
		}
		for _, r := range res.Records {
			seq := aws.ToString(r.Dynamodb.SequenceNumber)
			if seqLess(b.EndSequenceNumber, seq) {
				return out, nil
			}
			out = append(out, Record(r, b.StreamARN))
		}
		if len(res.Records) == 0 {
			break // the open shard's tip
		}
		next = res.NextShardIterator
	}
	if len(out) == 0 {
		return nil, ErrGone
	}
	return out, nil
}

// seqLess orders sequence numbers: decimal strings of any length.
func seqLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
