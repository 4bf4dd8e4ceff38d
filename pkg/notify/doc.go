// Package notify turns booking changes into the customer's emails:
// booking confirmed, changed (old and new, the new total), cancelled, and
// the pick-up reminder the day before. It is the domain of notices, with
// no AWS import: the stream of the table (pkg/dynamostream), SES
// (pkg/sesmail), EventBridge Scheduler (pkg/schedules) and the table's
// sent markers (pkg/dynamo) are adapters around it.
//
//   - notice.go: which change of a booking is which notice (Classify);
//   - render.go and templates/: the email of a notice, plain text and
//     HTML (Render);
//   - reminder.go: when a reminder is due (ReminderAt);
//   - notifier.go: Apply (one change, exactly once) and Remind (one
//     reminder, exactly once), on the ports of ports.go.
//
// Exactly once: each booking has one sent marker holding the highest
// version whose notice SES accepted and the pick-up day whose reminder it
// accepted. A record of a version at or below the marker is a duplicate
// or comes late (re-ordered) and sends nothing; the marker is written,
// under a condition, right after SES accepts. Only an invocation that ends
// between SES's answer and that write can send twice.
package notify
