package localesm

import (
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/notifyfn"
)

// Letter is what the local on-failure destination keeps of a batch: the
// invocation record that Lambda would send to the SQS queue, and the
// records themselves, which the queue would not have (the stream keeps
// them 24 hours; a resend reads them from there, as in the cloud).
type Letter struct {
	notifyfn.DeadLetter
	Records []events.DynamoDBEventRecord `json:"records"`
}

// DeadLetters is the local on-failure destination: letters in memory, in
// the order they came. It is safe for concurrent use.
type DeadLetters struct {
	mu      sync.Mutex
	letters []Letter
}

// Add keeps l.
func (d *DeadLetters) Add(l Letter) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.letters = append(d.letters, l)
}

// List is every letter so far, oldest first.
func (d *DeadLetters) List() []Letter {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Letter(nil), d.letters...)
}
