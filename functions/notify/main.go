// Command notify is the Lambda function that sends the booking emails:
// the event source mapping on the table's stream hands it batches of
// booking changes (confirmed, changed, cancelled), EventBridge Scheduler
// the pick-up reminders, and an operator the mapping's dead letters to
// resend. Its handler is notifyfn.Handler.Handle, built by
// lambdafn.NotifyHandler.
package main

import "github.com/carrental/backend/pkg/lambdafn"

func main() { lambdafn.Run(lambdafn.NotifyHandler) }
