package apigw_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"

	"github.com/carrental/backend/dev/ddbfault"
)

// lostAnswers lets a share rate of TransactWriteItems commit, then loses
// the answer (a 500 in its place); it loses every retry's answer too (the
// SDK resends a transaction with its ClientRequestToken, and DynamoDB
// answers a resent one as it did the first), so that the caller gives up on
// a write that happened: what a timeout after the request reached DynamoDB
// does. Resent transactions go straight to DynamoDB, past the injector:
// DynamoDB answers them from the token, not by running them again.
type lostAnswers struct {
	next    http.RoundTripper // through the injector
	rate    float64
	mu      sync.Mutex
	tokens  map[string]bool // ClientRequestToken -> its answers are lost
	n       int
	stopped bool
}

func (l *lostAnswers) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.Header.Get("X-Amz-Target"), ".TransactWriteItems") || req.Body == nil {
		return l.next.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	var in struct{ ClientRequestToken string }
	_ = json.Unmarshal(body, &in)
	l.mu.Lock()
	lose, resent := l.tokens[in.ClientRequestToken]
	if !resent {
		lose = !l.stopped && rand.Float64() < l.rate
		l.tokens[in.ClientRequestToken] = lose
	}
	l.mu.Unlock()
	if !lose {
		return l.next.RoundTrip(req)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	l.mu.Lock()
	l.n++
	l.mu.Unlock()
	return ddbfault.ServerError(req)
}

// stop ends the losses: new transactions are answered again.
func (l *lostAnswers) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
}

func (l *lostAnswers) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}
