// Command local runs the car-rental back end on a developer's machine, with
// no AWS account and no Docker (dev/localstack does the work):
//
//	go run ./cmd/local                                serve (what make run runs)
//	go run ./cmd/local url                            the running stack's base URL
//	go run ./cmd/local token EMAIL [PASSWORD]         an ID token from the running stack
//	go run ./cmd/local invoke NAME -e EVENT [--out json|text]
//	                                                  one function on one event
//	go run ./cmd/local event NAME [-e EVENT] [--token ID_TOKEN]
//	                                                  the event, rendered, as invoke runs it
//	go run ./cmd/local mail [-n N] [--body]           the last emails of the local SES
//	go run ./cmd/local remind BOOKING                 run a booking's reminder now
//	go run ./cmd/local dead-letters                   the notify mapping's dead letters
//	go run ./cmd/local resend                         hand them to the notify function again
//	go run ./cmd/local chat [EMAIL [PASSWORD]]        talk to the running stack's chatbot
//	go run ./cmd/local reset                          forget the data kept in LOCAL_DATA_DIR (make reset)
//
// serve starts DynamoDB Local (or uses DYNAMODB_ENDPOINT) with the
// template's table and the sample fleet, and cognito-local with the
// template's user pool and the demo users, and serves every Api route of
// template.yaml as API Gateway would, beside the web app, on
// http://localhost:$PORT (default 3000) until SIGINT or SIGTERM, which stop
// everything it started. IMAGE_BASE_URL overrides where car pictures are
// said to be (default: the server's /static). LOCAL_HOSTS names host names
// besides localhost, 127.0.0.1 and [::1] that requests may use (comma- or
// space-separated; other Host headers are refused: DNS rebinding).
// LOCAL_STACK_STATE moves the state file (default
// .cache/local-stack.json) that token and invoke read. LOCAL_DATA_DIR
// keeps the tables, the users and the photos in a folder from one run to
// the next (make run sets it to .local); unset, everything is in memory
// and gone at exit, as the tests want. reset deletes what a stack kept in
// LOCAL_DATA_DIR (default .local), refusing while a stack uses it.
//
// invoke runs the function in-process on the running stack's services, or,
// when none runs, on services started for the call. The event's
// placeholders (dev/eventfile) are rendered first: "${DATE+30}" is
// the day 30 days from today (UTC), "${ID_TOKEN}" a fresh ID token of
// alice@example.com, "${SUB}" and "${EMAIL}" her sub and e-mail address.
// event prints the event file (default events/NAME.json) rendered the
// same way, for `sam local invoke -e`; without a running stack (or
// --token) the user's placeholders stay and a note says so. url prints
// the running stack's base URL, for scripts: BASE=$(go run ./cmd/local url).
//
// The booking emails: serve feeds the table's stream to the notify
// function as the template's event source mapping would, which sends
// through aws-ses-v2-local; mail lists what it accepted (also at
// /_local/mail), remind runs the target of a booking's reminder schedule
// at once, dead-letters and resend show and hand back what the mapping
// gave up on.
//
// chat talks to the running stack's chatbot (its Lex V2 runtime) as the
// user EMAIL (default alice@example.com), a line of standard input a
// message; a response card's buttons are numbered and a number picks one;
// the end of the input ends the chat, so a script can drive it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/carrental/backend/dev/localstack"
	"github.com/carrental/backend/dev/samtemplate"
)

func main() {
	began := time.Now()
	os.Exit(run(began, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  go run ./cmd/local                                  serve the stack (make run); PORT, DYNAMODB_ENDPOINT, IMAGE_BASE_URL, LOCAL_HOSTS, LOCAL_DATA_DIR
  go run ./cmd/local url                              print the running stack's base URL (http://localhost:PORT)
  go run ./cmd/local token EMAIL [PASSWORD]           print an ID token from the running stack
  go run ./cmd/local invoke NAME -e EVENT [--out json|text]
                                                      run function NAME on the event file EVENT
  go run ./cmd/local event NAME [-e EVENT] [--token ID_TOKEN]
                                                      print the event file (default events/NAME.json) rendered:
                                                      dates, and alice's token, sub and e-mail when a stack runs
  go run ./cmd/local mail [-n N] [--body]             the last N (10) emails the stack sent, with --body their text
  go run ./cmd/local remind BOOKING                   run booking BOOKING's pick-up reminder now
  go run ./cmd/local dead-letters                     the notify mapping's dead letters
  go run ./cmd/local resend                           hand the dead letters to the notify function again
  go run ./cmd/local chat [EMAIL [PASSWORD]]          talk to the running stack's chatbot as EMAIL (default alice@example.com):
                                                      a line a message, a number picks a button, Ctrl-D (end of input) ends
  go run ./cmd/local reset                            delete the data a stack kept in LOCAL_DATA_DIR (default .local)
`

// run is the whole program; the exit code is 0 on success, 1 on failure,
// 2 for bad usage.
func run(began time.Time, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once; the kernel stops the children
	}()
	root, err := samtemplate.FindRoot()
	if err != nil {
		fmt.Fprintln(stderr, "local:", err, "(run it inside the repository)")
		return 1
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cmd, rest := "serve", args
	if len(args) > 0 {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		err = serve(ctx, began, root, stdout, log)
	case "url":
		err = url(root, rest, stdout)
	case "token":
		err = token(ctx, root, rest, stdout)
	case "event":
		err = event(ctx, root, rest, stdout, stderr)
	case "invoke":
		err = invoke(ctx, root, rest, stdout, stderr, log)
	case "mail", "remind", "dead-letters", "resend":
		err = mailCommand(ctx, root, cmd, rest, stdout)
	case "chat":
		err = chat(ctx, root, rest, os.Stdin, stdout, stderr)
	case "reset":
		err = reset(root, rest, stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = errUsage
	}
	switch {
	case errors.Is(err, errUsage):
		fmt.Fprint(stderr, usage)
		return 2
	case err != nil:
		fmt.Fprintln(stderr, "local:", err)
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

func serve(ctx context.Context, began time.Time, root string, stdout io.Writer, log *slog.Logger) error {
	port := localstack.DefaultPort
	if p := os.Getenv("PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 65535 {
			return fmt.Errorf("PORT=%q: want a port number (0 picks a free one)", p)
		}
		port = n
	}
	return localstack.Serve(ctx, localstack.ServeOptions{
		Root: root, Port: port, DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"), ImageBaseURL: os.Getenv("IMAGE_BASE_URL"),
		Hosts:     strings.FieldsFunc(os.Getenv("LOCAL_HOSTS"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }),
		StatePath: localstack.StatePath(root), Began: began, Out: stdout, Log: log, DataDir: os.Getenv(localstack.EnvDataDir),
	})
}

// reset deletes the data kept in $LOCAL_DATA_DIR, or in the repository's
// .local.
func reset(root string, args []string, stdout io.Writer) error {
	if len(args) != 0 {
		return errUsage
	}
	dir := os.Getenv(localstack.EnvDataDir)
	if dir == "" {
		dir = filepath.Join(root, localstack.DefaultDataDir)
	}
	if err := localstack.ResetDataDir(dir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reset: %s holds no data now; the next make run starts as the first (the fleet, the demo users, the sample photos)\n", dir)
	return nil
}

// url prints the running stack's base URL, from its state file.
func url(root string, args []string, stdout io.Writer) error {
	if len(args) != 0 {
		return errUsage
	}
	s, err := localstack.ReadState(localstack.StatePath(root))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, s.URL)
	return nil
}

// event prints an event file rendered as invoke renders it.
func event(ctx context.Context, root string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("event", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var file, tok string
	fs.StringVar(&file, "e", "", "the event file")
	fs.StringVar(&file, "event", "", "the event file")
	fs.StringVar(&tok, "token", "", "an ID token to render the event for")
	names, err := parseInterspersed(fs, args)
	if err != nil || len(names) != 1 {
		return errUsage
	}
	if file == "" {
		file = filepath.Join(root, "events", names[0]+".json")
	}
	out, err := localstack.Event(ctx, localstack.EventOptions{EventFile: file, StatePath: localstack.StatePath(root), Token: tok, Stderr: stderr})
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}

func token(ctx context.Context, root string, args []string, stdout io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return errUsage
	}
	password := ""
	if len(args) == 2 {
		password = args[1]
	}
	t, err := localstack.Token(ctx, localstack.StatePath(root), args[0], password)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, t)
	return nil
}

func invoke(ctx context.Context, root string, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("invoke", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var event, out string
	fs.StringVar(&event, "e", "", "the event file")
	fs.StringVar(&event, "event", "", "the event file")
	fs.StringVar(&out, "out", localstack.OutJSON, "json or text")
	names, err := parseInterspersed(fs, args)
	if err != nil || len(names) != 1 || event == "" {
		return errUsage
	}
	return localstack.Invoke(ctx, localstack.InvokeOptions{
		Root: root, Function: names[0], EventFile: event, Out: out, StatePath: localstack.StatePath(root),
		DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"), Stdout: stdout, Stderr: stderr, Log: log,
	})
}

// parseInterspersed parses flags that may stand before or after the
// positional arguments (invoke NAME -e FILE, or invoke -e FILE NAME) and
// returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// mailCommand runs one of the commands about the booking emails on the
// running stack.
func mailCommand(ctx context.Context, root, cmd string, args []string, stdout io.Writer) error {
	state := localstack.StatePath(root)
	switch cmd {
	case "mail":
		fs := flag.NewFlagSet("mail", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		n := fs.Int("n", 10, "how many")
		body := fs.Bool("body", false, "print the text of each")
		if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *n < 1 {
			return errUsage
		}
		return localstack.Mail(ctx, state, *n, *body, stdout)
	case "remind":
		if len(args) != 1 {
			return errUsage
		}
		return localstack.Remind(ctx, state, args[0], stdout)
	case "dead-letters":
		if len(args) != 0 {
			return errUsage
		}
		return localstack.DeadLetters(ctx, state, stdout)
	}
	if len(args) != 0 {
		return errUsage
	}
	return localstack.Resend(ctx, state, stdout)
}

// chat talks to the running stack's bot as args[0] (default alice), until
// the end of in. What a script feeds in is echoed, so its output reads as
// a conversation; a terminal shows it already.
func chat(ctx context.Context, root string, args []string, in io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 2 {
		return errUsage
	}
	o := localstack.ChatOptions{StatePath: localstack.StatePath(root), In: in, Out: stdout, Echo: !isTerminal(in)}
	if len(args) > 0 {
		o.Email = args[0]
	}
	if len(args) > 1 {
		o.Password = args[1]
	}
	if !o.Echo {
		fmt.Fprintln(stderr, "chat: type a message and Enter; a number picks a button; Ctrl-D ends")
	}
	return localstack.Chat(ctx, o)
}

// isTerminal reports whether r is a terminal (a character device).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
