// Command notify is the Lambda function that sends the booking emails:
// the event source mapping on the table's stream hands it batches of
// booking changes (confirmed, changed, cancelled), EventBridge Scheduler
// the pick-up reminders, and an operator the mapping's dead letters to
// resend. Its handler is notifyfn.Handler.Handle, built by
// notifywire.Handler.
package main

import (
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdafn/notifywire"
)

func main() { lambdafn.Run(notifywire.Handler) }
