package seslocal

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/carrental/backend/dev/childproc"
)

// host is where the server listens: loopback only.
const host = "127.0.0.1"

// startTimeout bounds the wait for the first answered GET /health-check.
const startTimeout = 20 * time.Second

//go:embed preload.cjs
var preload []byte

// entryPoint is the server's command line below the install folder.
var entryPoint = filepath.Join("node_modules", "aws-ses-v2-local", "dist", "cli.js")

// Options configures Start.
type Options struct {
	// Dir is where `make tools` installed aws-ses-v2-local:
	// <repo>/.cache/ses-local.
	Dir string
	// Port to listen on, on 127.0.0.1; 0 picks a free one.
	Port int
	// Stdout receives node's output; nil discards it (the last lines are
	// quoted when the start fails).
	Stdout io.Writer
}

// Server is a running aws-ses-v2-local. Stop it when done.
type Server struct {
	endpoint string
	proc     *childproc.Process
	out      *childproc.Tail
	tmp      string // holds the preload
}

// Start runs aws-ses-v2-local with the machine's node and returns once it
// answers GET /health-check, within 20 s. Errors say what to do: node
// missing, the server not installed (make tools), the port taken, an
// early exit with its last output. On any error nothing is left running.
// ctx bounds the start only.
func Start(ctx context.Context, o Options) (*Server, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("seslocal: node not found on PATH: install Node.js 20 with npm, then run make tools")
	}
	script := filepath.Join(o.Dir, entryPoint)
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("seslocal: %s not found: run make tools (it installs aws-ses-v2-local)", script)
	}
	port := o.Port
	if port == 0 {
		if port, err = childproc.FreePort(host); err != nil {
			return nil, fmt.Errorf("seslocal: %w", err)
		}
	} else if err := childproc.CheckPort(host, port); err != nil {
		return nil, fmt.Errorf("seslocal: port %d is taken: %w", port, err)
	}
	s := &Server{endpoint: "http://" + host + ":" + strconv.Itoa(port), out: &childproc.Tail{}}
	if s.tmp, err = os.MkdirTemp("", "ses-local-"); err != nil {
		return nil, fmt.Errorf("seslocal: %w", err)
	}
	if err := s.start(ctx, node, script, port, o.Stdout); err != nil {
		_ = os.RemoveAll(s.tmp)
		return nil, fmt.Errorf("seslocal: %w", err)
	}
	return s, nil
}

func (s *Server) start(ctx context.Context, node, script string, port int, stdout io.Writer) error {
	pre := filepath.Join(s.tmp, "preload.cjs")
	if err := os.WriteFile(pre, preload, 0o644); err != nil {
		return err
	}
	cmd := exec.Command(node, "--require", pre, script, "--host", host, "--port", strconv.Itoa(port))
	cmd.Dir = s.tmp
	w := io.Writer(s.out)
	if stdout != nil {
		w = io.MultiWriter(stdout, s.out)
	}
	cmd.Stdout, cmd.Stderr = w, w
	cmd.Env = append(os.Environ(), "AWS_SES_ACCOUNT=")
	proc, err := childproc.Start(cmd)
	if err != nil {
		return fmt.Errorf("start %s: %w", node, err)
	}
	s.proc = proc
	err = proc.WaitReady(ctx, childproc.Readiness{
		Name: "aws-ses-v2-local", Probe: "GET " + s.endpoint + "/health-check", Timeout: startTimeout,
		Interval: 50 * time.Millisecond, Output: s.out, Ready: childproc.HTTPOK(s.endpoint + "/health-check"),
	})
	if err != nil {
		_ = proc.Stop()
		if strings.Contains(s.out.String(), "EADDRINUSE") {
			return fmt.Errorf("port %d is taken: %w", port, err)
		}
		return err
	}
	return nil
}

// Endpoint is the server's URL, "http://127.0.0.1:PORT": SES_ENDPOINT.
func (s *Server) Endpoint() string { return s.endpoint }

// Done is closed when node has exited, after Stop or by itself.
func (s *Server) Done() <-chan struct{} { return s.proc.Done() }

// Ended waits until Done and says how node ended, with its last output.
func (s *Server) Ended() string { return s.proc.Ended(s.out) }

// Stop kills the server and waits until it is gone; its emails go with it.
// It is safe to call more than once.
func (s *Server) Stop() error {
	err := s.proc.Stop()
	_ = os.RemoveAll(s.tmp)
	if err != nil {
		return fmt.Errorf("seslocal: %w", err)
	}
	return nil
}
