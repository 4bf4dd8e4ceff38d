// Package notifyfn is the notify function's side of Lambda: it decodes the
// events the function gets and hands them to a notify.Notifier.
//
//   - batch.go: a batch of the table's stream from the event source
//     mapping (events.DynamoDBEvent), answered with a partial batch
//     response (batchItemFailures): the records in order, stopping at the
//     first that fails, or that there is no time left for, so that the
//     mapping retries from it and no later record of a booking overtakes
//     an earlier one;
//   - attrs.go: stream images (Lambda's JSON, and the DynamoDB Streams
//     API's records) as the table's attribute values, so that
//     dynamo.BookingFromItem reads them;
//   - resend.go: a dead letter of the mapping (its on-failure invocation
//     record, which names the shard and the sequence numbers of the batch),
//     read back from the stream and run again;
//   - handler.go: one handler for the three shapes and the reminders of
//     EventBridge Scheduler (notify.ReminderEvent).
//
// Formats: "Using AWS Lambda with Amazon DynamoDB" (the event),
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, and
// "Configuring partial batch response with DynamoDB and Lambda",
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html.
package notifyfn
