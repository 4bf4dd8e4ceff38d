// Command load is `make load`: a bounded load run against the local stack,
// then an audit of its table (dev/load does the work).
//
//	go run ./cmd/load
//
// It builds cmd/local and starts it on a free port, creates 50 users in its
// cognito-local, and lets them search, book, change and cancel 20 hot cars
// for LOAD_DURATION (default 60s, at most 5m); then it reads the table,
// checks it, prints throughput, latency percentiles and outcomes per route,
// stops the stack and checks that nothing is left running. The last line
// is `audit: N overlaps, N lost, N orphans, N 5xx`; the exit code is 0
// when everything held, 1 when something did not, 2 when the run could
// not be made.
//
// LOAD_BASE_URL=http://localhost:3000 runs against a stack that is already
// running (make run) instead, found through its state file
// (LOCAL_STACK_STATE, default .cache/local-stack.json), and leaves it
// running. DYNAMODB_ENDPOINT passes through to the stack it starts.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/carrental/backend/dev/load"
	"github.com/carrental/backend/dev/localstack"
	"github.com/carrental/backend/dev/samtemplate"
)

func main() {
	os.Exit(run())
}

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once; the kernel stops the stack (childproc)
	}()
	root, err := samtemplate.FindRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err, "(run it inside the repository)")
		return 2
	}
	cfg, err := load.ConfigFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		return 2
	}
	cfg.Root, cfg.StatePath = root, localstack.StatePath(root)
	return load.Run(ctx, cfg, os.Stdout)
}
