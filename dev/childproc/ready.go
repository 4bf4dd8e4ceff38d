package childproc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Readiness says how to tell that a started server is ready, for WaitReady.
type Readiness struct {
	Name     string        // the server, for messages: "cognito-local"
	Probe    string        // what Ready asks, for messages: "GET http://127.0.0.1:9229/health"
	Timeout  time.Duration // how long to wait at most
	Interval time.Duration // the pause between probes
	// Ready probes the server once; it bounds its own call by ctx.
	Ready func(ctx context.Context) bool
	// Output, when set, is quoted in the errors: the child's last lines
	// usually say why it did not come up.
	Output *Tail
}

// WaitReady probes the server until Ready answers true. It fails when the
// child exits first ("NAME exited during start-up"), when r.Timeout passes
// ("NAME did not answer PROBE in time"), both with the child's last output,
// or when ctx ends ("start-up of NAME: " and ctx's cause). It does not stop
// the child.
func (p *Process) WaitReady(ctx context.Context, r Readiness) error {
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()
	tick := time.NewTicker(r.Interval)
	defer tick.Stop()
	last := func() string {
		if r.Output == nil {
			return ""
		}
		return "; its last output:\n" + r.Output.String()
	}
	for {
		if r.Ready(ctx) {
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited during start-up%s", r.Name, last())
		case <-ctx.Done():
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("start-up of %s: %w", r.Name, context.Cause(ctx))
			}
			return fmt.Errorf("%s did not answer %s in time (limit %s)%s", r.Name, r.Probe, r.Timeout, last())
		case <-tick.C:
		}
	}
}

// HTTPOK is a Ready that asks GET url and wants a 200, each call bounded
// by a second.
func HTTPOK(url string) func(ctx context.Context) bool {
	client := &http.Client{Timeout: time.Second}
	return func(ctx context.Context) bool {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return false
		}
		resp, err := client.Do(req)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
}
