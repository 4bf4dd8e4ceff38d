// Package localdynamo starts and stops Amazon DynamoDB Local (the jar that
// `make tools` puts in .cache/dynamodb-local) for tests and the local stack,
// and makes SDK clients for a local endpoint.
//
// The JVM runs as an dev/childproc child: in its own process group, so
// a Ctrl-C in the terminal reaches the program that started it, not the JVM,
// and that program decides when to stop it; Stop kills the whole group and
// waits, so no JVM outlives the run. On Linux the JVM also gets SIGKILL when
// its parent dies (Pdeathsig), as a backstop for a parent that is killed
// before it can call Stop.
package localdynamo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/childproc"
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
	// Port to listen on, on every interface: DynamoDB Local 3.3.1 has no
	// bind-address option (its Jetty server is made with a port only, and
	// reads no system property for a host; see docs/local-stack.md, "What
	// a web page, or another machine, can reach"). 0 picks a free one.
	Port int
	// Stdout receives the JVM's stdout and stderr; nil discards them. The
	// last lines are kept anyway and quoted when the start fails.
	Stdout io.Writer
	// DBPath keeps the tables in a folder (-dbPath; the one file
	// shared-local-instance.db, as with -sharedDb), from one run to the
	// next; "" keeps them in memory (-inMemory), gone at Stop. One server
	// at a time per folder: the caller must see to that.
	DBPath string
}

// Server is a running DynamoDB Local. Stop it when done.
type Server struct {
	endpoint string
	proc     *childproc.Process
	out      *childproc.Tail // the JVM's last output
}

// Start runs DynamoDB Local in memory (-inMemory -sharedDb
// -disableTelemetry), or on opts.DBPath, and returns once it answers a ListTables call, within
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
			if port, err = childproc.FreePort(""); err != nil {
				return nil, fmt.Errorf("localdynamo: %w", err)
			}
		} else if err := childproc.CheckPort("", port); err != nil {
			return nil, fmt.Errorf("localdynamo: port %d is taken (is another DynamoDB Local running? pick another port or 0): %w", port, err)
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
	out := &childproc.Tail{}
	var w io.Writer = out
	if opts.Stdout != nil {
		w = io.MultiWriter(opts.Stdout, out)
	}
	args := []string{"-Djava.library.path=" + filepath.Join(opts.JarDir, "DynamoDBLocal_lib"),
		"-jar", filepath.Join(opts.JarDir, "DynamoDBLocal.jar")}
	args = append(append(args, storage(opts.DBPath)...), "-sharedDb", "-disableTelemetry", "-port", strconv.Itoa(port))
	cmd := exec.Command(java, args...)
	cmd.Dir = opts.JarDir
	cmd.Stdout, cmd.Stderr = w, w

	s := &Server{endpoint: "http://127.0.0.1:" + strconv.Itoa(port), out: out}
	var err error
	if s.proc, err = childproc.Start(cmd); err != nil {
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

// storage is the JVM's arguments for where the tables live.
func storage(dbPath string) []string {
	if dbPath == "" {
		return []string{"-inMemory"}
	}
	return []string{"-dbPath", dbPath}
}

// waitReady polls ListTables until it succeeds, the JVM exits, ctx ends or
// startTimeout passes.
func (s *Server) waitReady(ctx context.Context, out *childproc.Tail) error {
	client, err := NewClient(ctx, s.endpoint)
	if err != nil {
		return err
	}
	err = s.proc.WaitReady(ctx, childproc.Readiness{
		Name: "DynamoDB Local", Probe: "ListTables on " + s.endpoint, Timeout: startTimeout, Interval: 100 * time.Millisecond, Output: out,
		Ready: func(ctx context.Context) bool {
			ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			_, err := client.ListTables(ctx, &dynamodb.ListTablesInput{}, func(o *dynamodb.Options) {
				o.RetryMaxAttempts = 1
			})
			return err == nil
		},
	})
	if err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	return nil
}

// Endpoint returns the server's URL, "http://127.0.0.1:PORT".
func (s *Server) Endpoint() string { return s.endpoint }

// Done is closed when the JVM has exited: after Stop, or by itself (a
// crash, a kill -9), which a long-running caller should watch for.
func (s *Server) Done() <-chan struct{} { return s.proc.Done() }

// Ended waits until Done is closed and says how the JVM ended, with its
// last output.
func (s *Server) Ended() string { return s.proc.Ended(s.out) }

// Stop kills the JVM's process group and waits until the JVM has been
// reaped. It is safe to call more than once and from several goroutines;
// all data is lost unless the server ran on a DBPath.
func (s *Server) Stop() error {
	if err := s.proc.Stop(); err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	return nil
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
