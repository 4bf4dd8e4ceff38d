package childproc

import (
	"bytes"
	"sync"
)

// tailSize is how much of a child's output Tail keeps: enough for the error
// that ended a start-up, little enough to quote in an error message.
const tailSize = 4096

// Tail is an io.Writer that keeps the last 4 KiB written to it, for error
// messages that quote a child's last output. Safe for concurrent use; the
// zero value is ready.
type Tail struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write keeps p's end; it never fails.
func (t *Tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if n := t.buf.Len(); n > tailSize {
		t.buf.Next(n - tailSize)
	}
	return len(p), nil
}

// String returns what is kept; "" for a nil Tail.
func (t *Tail) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
