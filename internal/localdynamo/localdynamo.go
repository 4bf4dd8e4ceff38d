// Package localdynamo starts and stops Amazon DynamoDB Local (the jar that
// `make tools` puts in .cache/dynamodb-local) for tests and the local stack,
// and makes SDK clients for a local endpoint.
//
// The JVM runs in its own process group, so a Ctrl-C in the terminal reaches
// the program that started it, not the JVM, and that program decides when to
// stop it; Stop kills the whole group and waits, so no JVM outlives the run.
// On Linux the JVM also gets SIGKILL when its parent dies (Pdeathsig), as a
// backstop for a parent that is killed before it can call Stop.
package localdynamo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Region and static credentials that every local client uses. The server
// runs with -sharedDb, so other credentials would see the same tables, but
// one fixed set keeps tools and tests alike.
const (
	Region    = "us-east-1"
	AccessKey = "local"
	SecretKey = "local"
)

// startTimeout bounds the wait for the first answered ListTables.
const startTimeout = 30 * time.Second

// Options configures Start.
type Options struct {
	// JarDir holds DynamoDBLocal.jar and DynamoDBLocal_lib/ (native SQLite
	// libraries and dependencies), e.g. <repo>/.cache/dynamodb-local.
	JarDir string
	// Port to listen on (all interfaces: DynamoDB Local has no bind-address
	// option). 0 picks a free one.
	Port int
	// Stdout receives the JVM's stdout and stderr; nil discards them. The
	// last lines are kept anyway and quoted when the start fails.
	Stdout io.Writer
}

// Server is a running DynamoDB Local. Stop it when done.
type Server struct {
	endpoint string
	pid      int
	done     chan struct{} // closed when the JVM has exited and been reaped
	stopOnce sync.Once
	stopErr  error
}

// Start runs DynamoDB Local in memory (-inMemory -sharedDb
// -disableTelemetry) and returns once it answers a ListTables call, within
// 30 s. Errors name the cause and what to do: java missing from PATH, the jar
// missing ("run make tools"), the port taken, an early JVM exit (with its last
// output), the timeout or ctx's end. On any error nothing is left running.
// ctx bounds the start-up only: once Start returns, the server runs until
// Stop.
func Start(ctx context.Context, opts Options) (*Server, error) {
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, errors.New("localdynamo: java not found on PATH: install a Java 17 runtime, e.g. apt-get install openjdk-17-jre-headless")
	}
	jar := filepath.Join(opts.JarDir, "DynamoDBLocal.jar")
	if _, err := os.Stat(jar); err != nil {
		return nil, fmt.Errorf("localdynamo: %s not found: run make tools (it fetches DynamoDB Local)", jar)
	}
	// A picked port can be taken by someone else before the JVM binds it;
	// then try another one.
	for attempt := 1; ; attempt++ {
		port := opts.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		} else if err := checkPort(port); err != nil {
			return nil, err
		}
		s, err := start(ctx, java, opts, port)
		if errors.Is(err, errPortTaken) && opts.Port == 0 && attempt < 3 {
			continue
		}
		return s, err
	}
}

var errPortTaken = errors.New("port taken")

func start(ctx context.Context, java string, opts Options, port int) (*Server, error) {
	out := &tail{}
	var w io.Writer = out
	if opts.Stdout != nil {
		w = io.MultiWriter(opts.Stdout, out)
	}
	cmd := exec.Command(java,
		"-Djava.library.path="+filepath.Join(opts.JarDir, "DynamoDBLocal_lib"),
		"-jar", filepath.Join(opts.JarDir, "DynamoDBLocal.jar"),
		"-inMemory", "-sharedDb", "-disableTelemetry", "-port", strconv.Itoa(port))
	cmd.Dir = opts.JarDir
	cmd.Stdout, cmd.Stderr = w, w
	cmd.SysProcAttr = sysProcAttr()

	s := &Server{endpoint: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan struct{})}
	// Pdeathsig fires when the OS thread that forked the child exits, not the
	// process. Starting and reaping the JVM on one locked thread keeps that
	// thread alive exactly as long as the JVM.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer close(s.done)
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		s.pid = cmd.Process.Pid
		started <- nil
		_ = cmd.Wait() // an exit status after our SIGKILL says nothing
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("localdynamo: start %s: %w", java, err)
	}

	if err := s.waitReady(ctx, out); err != nil {
		_ = s.Stop()
		if strings.Contains(out.String(), "Address already in use") {
			return nil, fmt.Errorf("localdynamo: port %d is taken: %w", port, errPortTaken)
		}
		return nil, err
	}
	return s, nil
}

// waitReady polls ListTables until it succeeds, the JVM exits, ctx ends or
// startTimeout passes.
func (s *Server) waitReady(ctx context.Context, out *tail) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	client, err := NewClient(ctx, s.endpoint)
	if err != nil {
		return err
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		callCtx, callCancel := context.WithTimeout(ctx, 2*time.Second)
		_, err := client.ListTables(callCtx, &dynamodb.ListTablesInput{}, func(o *dynamodb.Options) {
			o.RetryMaxAttempts = 1
		})
		callCancel()
		if err == nil {
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("localdynamo: DynamoDB Local exited during start-up; its last output:\n%s", out.String())
		case <-ctx.Done():
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("localdynamo: start-up of DynamoDB Local: %w", context.Cause(ctx))
			}
			return fmt.Errorf("localdynamo: DynamoDB Local did not answer ListTables on %s in time (limit %s); its last output:\n%s",
				s.endpoint, startTimeout, out.String())
		case <-tick.C:
		}
	}
}

// Endpoint returns the server's URL, "http://127.0.0.1:PORT".
func (s *Server) Endpoint() string { return s.endpoint }

// Stop kills the JVM's process group and waits until the JVM has been
// reaped. It is safe to call more than once and from several goroutines;
// all data is lost (the server runs in memory).
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		select {
		case <-s.done:
			return // already exited
		default:
		}
		if err := killGroup(s.pid); err != nil {
			s.stopErr = fmt.Errorf("localdynamo: stop pid %d: %w", s.pid, err)
		}
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.stopErr = fmt.Errorf("localdynamo: pid %d still running 10s after SIGKILL", s.pid)
		}
	})
	return s.stopErr
}

// NewClient returns a DynamoDB client for a local endpoint such as
// Server.Endpoint() or $DYNAMODB_ENDPOINT, with Region and the static
// credentials above. It reads no AWS configuration from the environment or
// ~/.aws, so a developer's profile can neither break it nor point it at AWS.
// ctx is unused today; it is there so that loading configuration later
// needs no signature change. The error is reserved for a malformed endpoint.
func NewClient(ctx context.Context, endpoint string) (*dynamodb.Client, error) {
	if !strings.HasPrefix(endpoint, "http://") && !strings.HasPrefix(endpoint, "https://") {
		return nil, fmt.Errorf("localdynamo: endpoint %q: want http://host:port", endpoint)
	}
	return dynamodb.New(dynamodb.Options{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		BaseEndpoint: aws.String(endpoint),
	}), nil
}

// freePort asks the kernel for a port that is free on all interfaces.
func freePort() (int, error) {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		return 0, fmt.Errorf("localdynamo: pick a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkPort fails when port cannot be bound on all interfaces, as the JVM
// would, so that the caller learns it at once and not after a JVM start.
func checkPort(port int) error {
	l, err := net.Listen("tcp", ":"+strconv.Itoa(port))
	if err != nil {
		return fmt.Errorf("localdynamo: port %d is taken (is another DynamoDB Local running? pick another port or 0): %w", port, err)
	}
	return l.Close()
}

// tail keeps the last 4 KiB written to it, for error messages.
type tail struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if n := t.buf.Len(); n > 4096 {
		t.buf.Next(n - 4096)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}
