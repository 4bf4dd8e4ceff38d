package apigw

import (
	"strconv"
	"sync/atomic"
)

// When to retry after a 503, in seconds (Retry-After, RFC 9110 10.2.3).
// throttled: the booking transaction's own retries have already waited,
// so one second lets a burst pass. unavailable: the database did not
// answer; the wait doubles with each unavailable answer of this
// container since its last success (1, 2, 4, ... up to
// maxUnavailableWait) and starts again at one after a success, so clients
// back off while it is down and come back soon after.
const (
	throttledWait      = 1
	maxUnavailableWait = 30
)

// outage counts a container's unavailable answers in a row.
type outage struct{ streak atomic.Int32 }

// wait notes one more unavailable answer and returns its Retry-After.
func (o *outage) wait() string {
	n := o.streak.Add(1)
	w := maxUnavailableWait
	if n <= 5 { // 2^5 = 32 > 30
		w = min(1<<(n-1), maxUnavailableWait)
	}
	return strconv.Itoa(w)
}

// ended notes a success.
func (o *outage) ended() { o.streak.Store(0) }
