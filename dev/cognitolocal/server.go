package cognitolocal

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

// host is where cognito-local listens: loopback only, unlike DynamoDB Local
// it has a bind-address setting.
const host = "127.0.0.1"

// startTimeout bounds the wait for the first answered GET /health.
const startTimeout = 20 * time.Second

// preload is loaded into node before cognito-local (preload.cjs says
// why): its console shows each code box at once, and it refuses requests
// that carry an Origin header or name another host than 127.0.0.1 or
// localhost (a web page's). preloadFile is its name in the data folder.
//
//go:embed preload.cjs
var preload []byte

const preloadFile = ".cognito-local-preload.cjs"

// entryPoint is cognito-local's start script below the install folder.
var entryPoint = filepath.Join("node_modules", "cognito-local", "lib", "bin", "start.js")

// Options configures Start.
type Options struct {
	// Dir is where `make tools` installed cognito-local, e.g.
	// <repo>/.cache/cognito-local (see DefaultDir).
	Dir string
	// DataDir is the server's working folder, where it keeps .cognito/ (its
	// configuration and users). "" makes a fresh temporary folder that Stop
	// removes. Start replaces .cognito/config.json.
	DataDir string
	// Port to listen on, on 127.0.0.1. 0 picks a free one.
	Port int
	// Stdout receives node's stdout and stderr; nil discards them. The last
	// lines are kept anyway and quoted when the start fails.
	Stdout io.Writer
}

// Server is a running cognito-local. Stop it when done.
type Server struct {
	endpoint   string
	proc       *childproc.Process
	out        *childproc.Tail // node's last output
	codes      *codeLog
	dataDir    string
	ownDataDir bool
}

// Start runs cognito-local with the machine's node and returns once it
// answers GET /health, within 20 s. Errors name the cause and what to do:
// node missing from PATH ("install Node.js 20"), cognito-local not installed
// ("run make tools"), the port taken, an early exit (with its last output),
// the timeout or ctx's end. On any error nothing is left running. ctx bounds
// the start-up only: once Start returns, the server runs until Stop.
func Start(ctx context.Context, opts Options) (*Server, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("cognitolocal: node not found on PATH: install Node.js 20 with npm, then run make tools")
	}
	script := filepath.Join(opts.Dir, entryPoint)
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("cognitolocal: %s not found: run make tools (it installs cognito-local)", script)
	}
	s := &Server{codes: newCodeLog(), dataDir: opts.DataDir}
	if s.dataDir == "" {
		if s.dataDir, err = os.MkdirTemp("", "cognito-local-"); err != nil {
			return nil, fmt.Errorf("cognitolocal: %w", err)
		}
		s.ownDataDir = true
	}
	// A picked port can be taken by someone else before node binds it;
	// then try another one.
	for attempt := 1; ; attempt++ {
		port := opts.Port
		if port == 0 {
			if port, err = childproc.FreePort(host); err != nil {
				break
			}
		} else if err = childproc.CheckPort(host, port); err != nil {
			err = fmt.Errorf("port %d is taken (is another cognito-local running? pick another port or 0): %w", port, err)
			break
		}
		err = s.start(ctx, node, script, port, opts.Stdout)
		if !errors.Is(err, errPortTaken) || opts.Port != 0 || attempt == 3 {
			break
		}
	}
	if err != nil {
		_ = s.removeDataDir() // the start-up error says more
		return nil, fmt.Errorf("cognitolocal: %w", err)
	}
	return s, nil
}

var errPortTaken = errors.New("port taken")

func (s *Server) start(ctx context.Context, node, script string, port int, stdout io.Writer) error {
	s.endpoint = "http://" + host + ":" + strconv.Itoa(port)
	if err := writeConfig(s.dataDir, port, s.endpoint); err != nil {
		return err
	}
	out := &childproc.Tail{}
	w := io.MultiWriter(out, s.codes)
	if stdout != nil {
		w = io.MultiWriter(stdout, out, s.codes)
	}
	preloadPath := filepath.Join(s.dataDir, preloadFile)
	if err := os.WriteFile(preloadPath, preload, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", preloadPath, err)
	}
	cmd := exec.Command(node, "--require", preloadPath, script)
	cmd.Dir = s.dataDir
	cmd.Env = childEnv(os.Environ())
	cmd.Stdout, cmd.Stderr = w, w
	proc, err := childproc.Start(cmd)
	if err != nil {
		return fmt.Errorf("start %s: %w", node, err)
	}
	s.proc, s.out = proc, out
	if err := s.waitReady(ctx, out); err != nil {
		_ = proc.Stop()
		if strings.Contains(out.String(), "EADDRINUSE") {
			return fmt.Errorf("port %d is taken: %w", port, errPortTaken)
		}
		return err
	}
	return nil
}

// childEnv is env without the variables that would change what we
// configured (PORT, HOST feed cognito-local's defaults; CODE fixes every
// code), plus:
//   - COLUMNS: boxen wraps its code box at the terminal width, 80 without
//     a terminal, and a long address would wrap across lines;
//   - the switch that silences the AWS SDK for JavaScript v2's
//     end-of-support notice on every start.
func childEnv(env []string) []string {
	out := make([]string, 0, len(env)+2)
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "PORT", "HOST", "CODE", "COLUMNS":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "COLUMNS=1000", "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1")
}

// waitReady polls GET /health until it answers 200, node exits, ctx ends
// or startTimeout passes.
func (s *Server) waitReady(ctx context.Context, out *childproc.Tail) error {
	health := s.endpoint + "/health"
	return s.proc.WaitReady(ctx, childproc.Readiness{
		Name: "cognito-local", Probe: "GET " + health, Timeout: startTimeout, Interval: 50 * time.Millisecond, Output: out,
		Ready: childproc.HTTPOK(health),
	})
}

// Endpoint returns the server's URL, "http://127.0.0.1:PORT": the
// BaseEndpoint for SDK clients (see NewClient).
func (s *Server) Endpoint() string { return s.endpoint }

// Issuer returns the iss claim of the tokens of user pool poolID,
// "http://127.0.0.1:PORT/<poolID>".
func (s *Server) Issuer(poolID string) string { return issuer(s.endpoint, poolID) }

// JWKSURL returns the URL of user pool poolID's JSON Web Key Set, the
// issuer plus "/.well-known/jwks.json", as in the cloud.
func (s *Server) JWKSURL(poolID string) string { return jwksURL(s.endpoint, poolID) }

func issuer(endpoint, poolID string) string {
	return strings.TrimRight(endpoint, "/") + "/" + poolID
}

func jwksURL(endpoint, poolID string) string {
	return issuer(endpoint, poolID) + "/.well-known/jwks.json"
}

// Done is closed when node has exited: after Stop, or by itself (a crash,
// a kill -9), which a long-running caller should watch for.
func (s *Server) Done() <-chan struct{} { return s.proc.Done() }

// Ended waits until Done is closed and says how node ended, with its last
// output.
func (s *Server) Ended() string { return s.proc.Ended(s.out) }

// Stop kills node's process group, waits until it has been reaped and, when
// Start made the data folder, removes it: every user and pool is gone. It
// is safe to call more than once and from several goroutines.
func (s *Server) Stop() error {
	var errs []error
	if err := s.proc.Stop(); err != nil {
		errs = append(errs, fmt.Errorf("cognitolocal: %w", err))
	}
	if err := s.removeDataDir(); err != nil {
		errs = append(errs, fmt.Errorf("cognitolocal: %w", err))
	}
	return errors.Join(errs...)
}

func (s *Server) removeDataDir() error {
	if !s.ownDataDir {
		return nil
	}
	return os.RemoveAll(s.dataDir)
}
