// Package localesm plays Lambda's event source mapping for a DynamoDB
// stream on the local stack and in tests: it reads DynamoDB Local's
// stream (the DynamoDB Streams API: DescribeStream, GetShardIterator,
// GetRecords) and invokes a function's handler in-process with batches of
// records, as the mapping of template.yaml says (Mapping, read by
// FromTemplate):
//
//   - records pass the mapping's FilterCriteria first (equality patterns,
//     as the template's); the others count as handled and are dropped;
//   - batches of up to BatchSize records of one shard, in order, the
//     event encoded to JSON and the answer decoded from it, as across the
//     Lambda boundary, under the function's Timeout;
//   - a partial batch response (ReportBatchItemFailures) keeps what came
//     before the lowest reported sequence number and retries from it; an
//     error retries the batch, bisected when BisectBatchOnFunctionError is
//     set; the same batch from the reported record on, when both are;
//   - after MaximumRetryAttempts retries, or once a record is older than
//     MaximumRecordAgeInSeconds, the batch goes to the on-failure sink
//     (DeadLetters): the invocation record that Lambda sends to an SQS
//     queue (notifyfn.DeadLetter: the shard and the sequence numbers, not
//     the records), and, locally only, the records themselves; then the
//     mapping goes on past it.
//
// What differs from Lambda: one poller a stream, shards one after the
// other (a child after its parent), every invocation of a failing record
// counted toward MaximumRetryAttempts, bisected or not; a local queue in
// memory for the on-failure destination (no SQS), which the local stack
// shows at /_local/dead-letters.
package localesm
