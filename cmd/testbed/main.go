// Command testbed runs a command, typically the test suite, against a fresh
// in-memory DynamoDB Local:
//
//	go run ./cmd/testbed -- go test -race ./...
//
// Unless DYNAMODB_ENDPOINT is already set, it starts DynamoDB Local from
// <repo>/.cache/dynamodb-local (see `make tools`) on a free port and passes
// its URL to the command as DYNAMODB_ENDPOINT; tests then create their own
// uniquely named tables there (dev/testbed). Standard input and output
// pass through; SIGINT and SIGTERM are forwarded to the command; DynamoDB
// Local is stopped afterwards whatever happens. The exit code is the
// command's (128+N when signal N ended it), 2 for bad usage, 1 when
// DynamoDB Local cannot start.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/samtemplate"
)

func main() {
	os.Exit(run())
}

func run() int {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/testbed -- COMMAND [ARG...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		flag.Usage()
		return 2
	}

	// Signals: before the command runs they cancel the start-up; after, they
	// are forwarded to the command, which decides how to end.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	startCtx, cancelStart := context.WithCancel(context.Background())
	defer cancelStart()
	var (
		mu    sync.Mutex
		child *os.Process
	)
	go func() {
		for sig := range sigs {
			mu.Lock()
			if child != nil {
				_ = child.Signal(sig)
			} else {
				cancelStart()
			}
			mu.Unlock()
		}
	}()

	env := os.Environ()
	if endpoint := os.Getenv("DYNAMODB_ENDPOINT"); endpoint != "" {
		fmt.Fprintf(os.Stderr, "testbed: using DYNAMODB_ENDPOINT=%s\n", endpoint)
	} else {
		root, err := samtemplate.FindRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, "testbed:", err)
			return 1
		}
		began := time.Now()
		srv, err := localdynamo.Start(startCtx, localdynamo.Options{JarDir: filepath.Join(root, ".cache", "dynamodb-local")})
		if err != nil {
			fmt.Fprintln(os.Stderr, "testbed:", err)
			return 1
		}
		defer func() {
			if err := srv.Stop(); err != nil {
				fmt.Fprintln(os.Stderr, "testbed:", err)
			}
		}()
		fmt.Fprintf(os.Stderr, "testbed: DynamoDB Local at %s (started in %.1fs)\n", srv.Endpoint(), time.Since(began).Seconds())
		env = append(env, "DYNAMODB_ENDPOINT="+srv.Endpoint())
	}

	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	mu.Lock()
	err := cmd.Start()
	if err == nil {
		child = cmd.Process
	}
	mu.Unlock()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testbed:", err)
		return 1
	}
	return exitCode(cmd.Wait())
}

// exitCode maps the command's end to our exit code, as a shell would.
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	default:
		fmt.Fprintln(os.Stderr, "testbed:", err)
		return 1
	}
}
