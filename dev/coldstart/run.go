package coldstart

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/carrental/backend/dev/childproc"
)

// Run is one cold start: a fresh process of a bootstrap and its first
// invocation.
type Run struct {
	// Init is from exec to the first GET /next: the process start, the
	// Go runtime's and the packages' initialisation, and main's work
	// before lambda.Start (Lambda's "Init Duration").
	Init time.Duration
	// First is from handing out the event to receiving the response: the
	// first invocation, with whatever was left for it to do (the first
	// connection to DynamoDB, the JWKS fetch).
	First time.Duration
	// Outcome is the response's status code (REST) or dialog action (Lex).
	Outcome string
}

// runTimeout bounds one run: a function that never asks for work or never
// answers is broken, not slow.
const runTimeout = 20 * time.Second

// RunOnce starts bin with env (plus AWS_LAMBDA_RUNTIME_API) against a
// runtime API of its own, hands it event and measures; then kills it.
func RunOnce(ctx context.Context, bin string, env []string, event []byte) (Run, error) {
	api, err := NewRuntimeAPI(1, func(int) []byte { return event })
	if err != nil {
		return Run{}, err
	}
	defer api.Close()
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(env, "AWS_LAMBDA_RUNTIME_API="+api.Addr)
	var out childproc.Tail // its logs, quoted when a run fails
	cmd.Stdout, cmd.Stderr = &out, &out
	fail := func(format string, args ...any) (Run, error) {
		return Run{}, fmt.Errorf("%s: %s; output:\n%s", bin, fmt.Sprintf(format, args...), strings.TrimSpace(out.String()))
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Run{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()

	var r Run
	select {
	case at := <-api.Ready:
		r.Init = at.Sub(start)
	case a := <-api.Answers:
		return fail("%s before the first invocation: %s", a.Kind, a.Body)
	case err := <-exited:
		exited <- err
		return fail("exited before asking for work: %v", err)
	case <-ctx.Done():
		return fail("no GET /next within %v", runTimeout)
	}
	select {
	case a := <-api.Answers:
		if a.Kind != "response" {
			return fail("%s: %s", a.Kind, a.Body)
		}
		r.First, r.Outcome = a.Took, Outcome(a.Body)
	case err := <-exited:
		exited <- err
		return fail("exited during the invocation: %v", err)
	case <-ctx.Done():
		return fail("no response within %v", runTimeout)
	}
	return r, nil
}
