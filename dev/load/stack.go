package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"time"

	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/localstack"
)

// Bounds of the stack's start and stop.
const (
	stackStartTimeout = 2 * time.Minute // a busy machine's JVM start, with room to spare
	stackStopTimeout  = 20 * time.Second
)

// Stack is the local stack that the load runs against: one this run
// started (Own), or one that was running already.
type Stack struct {
	State localstack.State
	Own   bool
	Build time.Duration // go build of cmd/local
	Up    time.Duration // from the stack's start to its state file: the first request served
	Says  string        // the stack's own start-up line, "first request served 2.6 s after start"

	proc      *childproc.Process
	cmd       *exec.Cmd
	out       *startupWatch
	dir       string // the binary and the state file
	statePath string
}

// StartStack builds cmd/local (with -race when race is set) and starts it
// as make run does, on a free port with a state file of its own, in its
// own process group (childproc: a Ctrl-C reaches this program, which then
// stops the stack; on Linux the stack dies if this program does). The
// environment passes through: DYNAMODB_ENDPOINT puts the stack's table on
// a running DynamoDB Local. It returns once the stack has served its first
// request, or an error that quotes the stack's last output. log, when not
// nil, gets all of the stack's output.
func StartStack(ctx context.Context, root string, race bool, log io.Writer) (*Stack, error) {
	dir, err := os.MkdirTemp("", "load-stack-")
	if err != nil {
		return nil, err
	}
	s := &Stack{Own: true, dir: dir, statePath: filepath.Join(dir, "local-stack.json"), out: &startupWatch{}}
	bin := filepath.Join(dir, "local")
	args := []string{"build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	build := exec.CommandContext(ctx, "go", append(args, "./cmd/local")...)
	build.Dir = root
	began := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("go build ./cmd/local: %w\n%s", err, out)
	}
	s.Build = time.Since(began)

	s.cmd = exec.Command(bin)
	s.cmd.Dir = root
	s.cmd.Env = append(os.Environ(), "PORT=0", localstack.EnvStateFile+"="+s.statePath, localstack.EnvDataDir+"=") // in memory
	var out io.Writer = s.out
	if log != nil {
		out = io.MultiWriter(s.out, log)
	}
	s.cmd.Stdout, s.cmd.Stderr = out, out
	began = time.Now()
	if s.proc, err = childproc.Start(s.cmd); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start the stack: %w", err)
	}
	if err := s.waitUp(ctx); err != nil {
		_ = s.proc.Stop()
		os.RemoveAll(dir)
		return nil, err
	}
	s.Up = time.Since(began)
	s.Says = s.out.line()
	return s, nil
}

// waitUp waits for the stack's state file, which it writes once it has
// served its first request.
func (s *Stack) waitUp(ctx context.Context) error {
	deadline := time.After(stackStartTimeout)
	for {
		st, err := localstack.ReadState(s.statePath)
		if err == nil {
			s.State = st
			// The start-up report follows the state file at once.
			for end := time.Now().Add(time.Second); s.out.line() == "" && time.Now().Before(end); {
				time.Sleep(10 * time.Millisecond)
			}
			return nil
		}
		select {
		case <-s.proc.Done():
			return fmt.Errorf("the stack exited during start-up:\n%s", s.out.tail.String())
		case <-deadline:
			return fmt.Errorf("the stack did not come up in %s:\n%s", stackStartTimeout, s.out.tail.String())
		case <-ctx.Done():
			return fmt.Errorf("interrupted while the stack started: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// AttachStack is the running stack of the state file at statePath, whose
// API is at baseURL. It is not stopped at the end.
func AttachStack(statePath, baseURL string) (*Stack, error) {
	st, err := localstack.ReadState(statePath)
	if err != nil {
		return nil, fmt.Errorf("%s=%s needs the stack's state file for its DynamoDB endpoint and user pool: %w", EnvBaseURL, baseURL, err)
	}
	st.URL = baseURL
	return &Stack{State: st}, nil
}

// StopReport is how the stack ended.
type StopReport struct {
	Took      time.Duration
	ExitCode  int      // the stack's; -1 when it had to be killed
	Children  int      // child processes it had (JVM, node)
	Left      []string // processes still there afterwards
	StateFile bool     // its state file is still there
	PortErr   error    // its port could not be bound again
	Err       error    // SIGINT or SIGKILL failed
}

// OK reports a clean end: exit 0, nothing left.
func (r StopReport) OK() bool {
	return r.ExitCode == 0 && len(r.Left) == 0 && !r.StateFile && r.PortErr == nil && r.Err == nil
}

func (r StopReport) String() string {
	if r.OK() {
		return fmt.Sprintf("stopped in %.1f s (SIGINT, exit 0); its %d child processes gone, its port free, its state file removed",
			r.Took.Seconds(), r.Children)
	}
	return fmt.Sprintf("NOT CLEAN after %.1f s: exit %d, left running %v, state file left %v, port: %v, error: %v",
		r.Took.Seconds(), r.ExitCode, r.Left, r.StateFile, r.PortErr, r.Err)
}

// Stop ends a stack that this run started as Ctrl-C would (SIGINT; SIGKILL
// to its group when that fails or it is still there 20 s later) and
// checks that it left nothing: no child process, no state file, its port
// free. It does nothing to a stack that was running already.
func (s *Stack) Stop() StopReport {
	if !s.Own {
		return StopReport{}
	}
	defer os.RemoveAll(s.dir)
	children, err := childproc.Descendants(s.proc.Pid())
	if err != nil {
		children = nil // no /proc: the check below has nothing to look at
	}
	r := StopReport{Children: len(children), ExitCode: -1}
	began := time.Now()
	if err := syscall.Kill(s.proc.Pid(), syscall.SIGINT); err != nil && !errors.Is(err, syscall.ESRCH) {
		r.Err = fmt.Errorf("SIGINT: %w", err)
	}
	select {
	case <-s.proc.Done():
		r.ExitCode = s.cmd.ProcessState.ExitCode()
	case <-time.After(stackStopTimeout):
		r.Err = errors.Join(r.Err, s.proc.Stop())
	}
	r.Took = time.Since(began)
	for pid, cmdline := range children {
		if childproc.Alive(pid) {
			r.Left = append(r.Left, fmt.Sprintf("%d %s", pid, cmdline))
		}
	}
	_, err = os.Stat(s.statePath)
	r.StateFile = !errors.Is(err, os.ErrNotExist)
	r.PortErr = childproc.CheckPort("127.0.0.1", s.State.Port)
	return r
}

var startupLine = regexp.MustCompile(`first request served [0-9.]+ s after start`)

// startupWatch keeps the end of the stack's output and the start-up line
// of its report, which the logs of the load's requests push out of the
// tail soon after.
type startupWatch struct {
	tail childproc.Tail
	mu   sync.Mutex
	head []byte // the output until the line is found
	says string
}

// headLimit bounds what startupWatch keeps while it looks for the line.
const headLimit = 64 << 10

func (w *startupWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.says == "" && len(w.head) < headLimit {
		w.head = append(w.head, p...)
		if m := startupLine.Find(w.head); m != nil {
			w.says, w.head = string(m), nil
		}
	}
	w.mu.Unlock()
	return w.tail.Write(p)
}

func (w *startupWatch) line() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.says
}
