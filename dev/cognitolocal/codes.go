package cognitolocal

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// LastCode returns the last code that cognito-local "sent" to email (matched
// without regard to case): the code of a sign-up, a forgotten password, an
// attribute verification or MFA. Temporary passwords of AdminCreateUser
// are left out. ok is false when no code has been sent to email.
//
// The code is read from cognito-local's console, which the server writes
// before it answers the request that sent the code (preload.cjs sees to
// it), but which reaches us through a pipe, a moment after the answer may
// have: right after such a request, use WaitCode.
func (s *Server) LastCode(email string) (code string, ok bool) {
	return s.codes.last(email)
}

// WaitCode waits until a code other than prev has been sent to email and
// returns it; prev is "" for a first code, or the code the caller already
// has (say, from sign-up, before a ForgotPassword). It fails when ctx ends.
// Codes are random six-digit numbers: a new code equal to prev (one chance
// in a million) is not noticed.
func (s *Server) WaitCode(ctx context.Context, email, prev string) (string, error) {
	return s.codes.wait(ctx, email, prev)
}

// codeLog is an io.Writer for cognito-local's console output: it reads it
// line by line and remembers the last code sent to each address.
//
// A delivery is one log line whose message is a box drawn by boxen:
//
//	[1796038780291] INFO: 443f7498 SignUp ╭──────────╮
//	│   Confirmation Code Delivery            │
//	│   Username:    69d85e3c-db9b-...        │
//	│   Destination: carol@example.com        │
//	│   Code:        622161                   │
//	╰──────────╯ {"reqId":"443f7498","target":"SignUp"}
//
// with ANSI colours. The word before "╭" is the API operation.
type codeLog struct {
	mu      sync.Mutex
	partial []byte            // an incomplete last line
	inBox   bool              // between ╭ and ╰
	op      string            // the operation of the current box
	dest    string            // its Destination
	code    string            // its Code
	codes   map[string]string // lower-case address -> last code
	changed chan struct{}     // closed, and replaced, when codes changes
}

func newCodeLog() *codeLog {
	return &codeLog{codes: map[string]string{}, changed: make(chan struct{})}
}

// Write never fails: a line it does not understand is skipped.
func (l *codeLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	data := append(l.partial, p...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		l.line(string(data[:i]))
		data = data[i+1:]
	}
	// A line longer than any box is not ours; keep memory bounded.
	if len(data) > 64<<10 {
		data = nil
	}
	l.partial = append(l.partial[:0], data...)
	return len(p), nil
}

var (
	ansi     = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)
	boxStart = regexp.MustCompile(`(\S+)\s*╭`)
)

func (l *codeLog) line(s string) {
	s = ansi.ReplaceAllString(s, "")
	if m := boxStart.FindStringSubmatch(s); m != nil {
		l.inBox, l.op, l.dest, l.code = true, m[1], "", ""
		return
	}
	if !l.inBox {
		return
	}
	if strings.Contains(s, "╰") {
		l.inBox = false
		if l.op != "AdminCreateUser" && l.dest != "" && l.code != "" {
			l.codes[strings.ToLower(l.dest)] = l.code
			close(l.changed)
			l.changed = make(chan struct{})
		}
		return
	}
	field := strings.TrimSpace(strings.Trim(s, "│ \t\r"))
	if v, ok := strings.CutPrefix(field, "Destination:"); ok {
		l.dest = strings.TrimSpace(v)
	} else if v, ok := strings.CutPrefix(field, "Code:"); ok {
		l.code = strings.TrimSpace(v)
	}
}

func (l *codeLog) last(email string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	code, ok := l.codes[strings.ToLower(email)]
	return code, ok
}

func (l *codeLog) wait(ctx context.Context, email, prev string) (string, error) {
	for {
		l.mu.Lock()
		code, ok := l.codes[strings.ToLower(email)]
		changed := l.changed
		l.mu.Unlock()
		if ok && code != prev {
			return code, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return "", fmt.Errorf("cognitolocal: no new code sent to %s: %w", email, ctx.Err())
		}
	}
}
