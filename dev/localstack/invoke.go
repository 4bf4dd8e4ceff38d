package localstack

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/localschedule"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lexbot"
)

// invokeTimeout bounds one invocation, as a function's Timeout would.
const invokeTimeout = 30 * time.Second

// Output formats of Invoke.
const (
	OutJSON = "json" // the function's response as JSON, indented
	OutText = "text" // REST: status, headers, body; Lex: the bot's messages
)

// InvokeOptions configures Invoke.
type InvokeOptions struct {
	// Root is the repository root.
	Root string
	// Function is the function's folder under functions/, e.g. "get-car".
	Function string
	// EventFile is the event, e.g. events/get-car.json: an API Gateway
	// REST proxy event for a REST function, a Lex V2 code-hook event for
	// lex-fulfillment.
	EventFile string
	// Out is OutJSON ("" too) or OutText.
	Out string
	// StatePath is the state file of a running stack (StatePath).
	StatePath string
	// DynamoDBEndpoint is used when no stack runs: a running DynamoDB
	// Local; "" starts one for the invocation.
	DynamoDBEndpoint string
	// Stdout receives the response; Stderr says which stack ran it.
	Stdout, Stderr io.Writer
	// Log receives the function's log lines.
	Log *slog.Logger
}

// Invoke runs one function on one event in-process, as `sam local invoke`
// does in a container, and writes its response. It uses the running
// stack's DynamoDB and cognito-local when there is one (state file), and
// otherwise starts DynamoDB Local with the sample fleet (and cognito-local
// for lex-fulfillment or an event with a placeholder of the user) for this
// one call, stopping them afterwards. The event is rendered first
// (dev/eventfile): ${DATE+N} counts from today (UTC), ${ID_TOKEN} is
// a fresh ID token of alice@example.com, ${SUB} and ${EMAIL} her sub and
// e-mail address (so that a REST event books for her). The event then
// goes to the handler as it is: no authorizer runs (claims in a REST
// event are taken as they are, as Lambda would). Errors: unknown function
// or format, an unreadable event or an unknown placeholder, backends that
// do not start; a function's own failure is its response (REST) or an
// error (Lex).
func Invoke(ctx context.Context, o InvokeOptions) error {
	if o.Out == "" {
		o.Out = OutJSON
	}
	if o.Out != OutJSON && o.Out != OutText {
		return fmt.Errorf("--out %q: want %s or %s", o.Out, OutJSON, OutText)
	}
	kind, err := functionKind(o.Root, o.Function)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(o.EventFile)
	if err != nil {
		return fmt.Errorf("event: %w", err)
	}
	values := eventfile.Values{Today: time.Now()}
	if _, err := eventfile.Render(data, values); err != nil { // before anything starts
		return fmt.Errorf("%s: %w", o.EventFile, err)
	}
	needsUser := eventfile.NeedsUser(data)
	env, pool, stop, err := invokeBackends(ctx, o, backendsFor(kind, needsUser))
	if err != nil {
		return err
	}
	defer stop()
	if needsUser {
		if values, err = aliceValues(ctx, pool, values.Today); err != nil {
			return err
		}
	}
	event, err := eventfile.Render(data, values)
	if err != nil {
		return fmt.Errorf("%s: %w", o.EventFile, err)
	}

	ctx, cancel := context.WithTimeout(ctx, invokeTimeout)
	defer cancel()
	ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: localapi.NewRequestID(),
		InvokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:" + o.Function})
	out, err := run(ctx, o, kind, env, event)
	if err != nil {
		return err
	}
	if o.Out == OutText {
		return writeText(o.Stdout, out)
	}
	enc := json.NewEncoder(o.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// aliceValues are the values of an event's placeholders for the demo user
// alice@example.com of pool: a fresh ID token, her sub and e-mail address
// (read from the token), and today.
func aliceValues(ctx context.Context, pool cognitolocal.Pool, today time.Time) (eventfile.Values, error) {
	token, err := cognitolocal.IDToken(ctx, pool, cognitolocal.DemoAlice, cognitolocal.DemoPassword)
	if err != nil {
		return eventfile.Values{}, err
	}
	return tokenValues(token, today)
}

// tokenValues are the values of an event's placeholders for the user of
// an ID token: the token, and the sub and e-mail address that its payload
// names (read, not verified: the token is the caller's own).
func tokenValues(token string, today time.Time) (eventfile.Values, error) {
	var claims struct {
		Sub   string `json:"sub"`
		Email string `json:"email"`
	}
	if err := jwtPayload(token, &claims); err != nil {
		return eventfile.Values{}, err
	}
	if claims.Sub == "" {
		return eventfile.Values{}, errors.New("the ID token's payload names no sub")
	}
	return eventfile.Values{Today: today, IDToken: token, Sub: claims.Sub, Email: claims.Email}, nil
}

// jwtPayload decodes the payload of a JWT into claims (read, not
// verified: the token is the caller's own).
func jwtPayload(token string, claims any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errors.New("the ID token is not a JWT (three parts separated by dots)")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return fmt.Errorf("the ID token's payload: %w", err)
	}
	if err := json.Unmarshal(payload, claims); err != nil {
		return fmt.Errorf("the ID token's payload: %w", err)
	}
	return nil
}

// EventOptions configures Event.
type EventOptions struct {
	// EventFile is the event file, e.g. events/create-booking.json.
	EventFile string
	// StatePath is the state file of a running stack (StatePath).
	StatePath string
	// Token, when not "", is the ID token to render the event for (the
	// user's sub and e-mail address are read from it): a token of a
	// deployed stack's pool, say. "" takes a fresh one of alice from the
	// running stack.
	Token string
	// Today is the day ${DATE+N} counts from; zero is today.
	Today time.Time
	// Stderr receives a note when placeholders are left.
	Stderr io.Writer
}

// Event renders an event file (dev/eventfile) as Invoke would and
// returns it: the dates for today, the user's placeholders for the user
// of o.Token or, when a stack runs, for alice@example.com (a fresh token).
// With neither, the user's placeholders are left as they are and a note
// on o.Stderr says so. Errors: an unreadable file, an unknown placeholder,
// a token that is not a JWT, cognito-local refusing the sign-in.
func Event(ctx context.Context, o EventOptions) ([]byte, error) {
	data, err := os.ReadFile(o.EventFile)
	if err != nil {
		return nil, fmt.Errorf("event: %w", err)
	}
	values := eventfile.Values{Today: o.Today}
	if values.Today.IsZero() {
		values.Today = time.Now()
	}
	if eventfile.NeedsUser(data) {
		switch s, err := ReadState(o.StatePath); {
		case o.Token != "":
			values, err = tokenValues(o.Token, values.Today)
			if err != nil {
				return nil, err
			}
		case err == nil:
			values, err = aliceValues(ctx, s.Cognito.Pool(), values.Today)
			if err != nil {
				return nil, err
			}
		case errors.Is(err, ErrNotRunning):
			// Rendered below without the user.
		default:
			return nil, err
		}
	}
	out, err := eventfile.Render(data, values)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.EventFile, err)
	}
	if left := eventfile.Left(out); len(left) > 0 && o.Stderr != nil {
		fmt.Fprintf(o.Stderr, "event: no local stack is running, so %s %s left as in the file: start one (make run) for alice's, or pass --token with an ID token of your pool\n",
			strings.Join(left, ", "), map[bool]string{true: "is", false: "are"}[len(left) == 1])
	}
	return out, nil
}

// The kinds of function that invoke runs.
const (
	kindREST   = "rest"   // one with an Api event
	kindLex    = "lex"    // the Lex code hook
	kindNotify = "notify" // the booking emails'
)

// functionKind checks that function is one of the template's and tells
// its kind.
func functionKind(root, function string) (string, error) {
	refs, err := samtemplate.LoadWith(filepath.Join(root, samtemplate.FileName), samtemplate.ParseOptions{ResourceRefs: true})
	if err != nil {
		return "", err
	}
	id := lambdafn.LogicalID(function)
	known := refs.LogicalIDs("AWS::Serverless::Function")
	if !slices.Contains(known, id) {
		var names []string
		for _, k := range known {
			if f, err := lambdafn.Folder(k); err == nil {
				names = append(names, f)
			}
		}
		return "", fmt.Errorf("no function %q in template.yaml; there are: %s", function, strings.Join(names, ", "))
	}
	api, err := localapi.Read(refs)
	if err != nil {
		return "", err
	}
	for _, r := range api.Routes {
		if r.Function == id {
			return kindREST, nil
		}
	}
	switch function {
	case LexFunction:
		return kindLex, nil
	case NotifyFunction:
		return kindNotify, nil
	}
	return "", fmt.Errorf("%s is neither a REST function (no Api event) nor %s or %s: invoke cannot run it", function, LexFunction, NotifyFunction)
}

// backendsFor says which backends a function of kind needs besides
// DynamoDB: cognito-local for the bot or an event of the user, the local
// SES for notify.
func backendsFor(kind string, needsUser bool) BackendOptions {
	return BackendOptions{Cognito: kind == kindLex || needsUser, SES: kind == kindNotify}
}

// invokeBackends returns the functions' environment and pool: the running
// stack's, or temporary backends' (with cognito-local if withCognito).
// stop ends what was started here.
func invokeBackends(ctx context.Context, o InvokeOptions, need BackendOptions) (FunctionEnv, cognitolocal.Pool, func(), error) {
	s, err := ReadState(o.StatePath)
	if err == nil {
		fmt.Fprintf(o.Stderr, "invoke: on the running stack (pid %d, %s)\n", s.PID, s.URL)
		return s.env(), s.Cognito.Pool(), func() {}, nil
	}
	if !errors.Is(err, ErrNotRunning) {
		return FunctionEnv{}, cognitolocal.Pool{}, nil, err
	}
	what := "DynamoDB Local"
	if o.DynamoDBEndpoint != "" {
		what = "a table on " + o.DynamoDBEndpoint
	}
	if need.Cognito {
		what += " and cognito-local"
	}
	if need.SES {
		what += " and aws-ses-v2-local"
	}
	fmt.Fprintf(o.Stderr, "invoke: no local stack is running; starting %s for this invocation\n", what)
	tpl, err := samtemplate.Load(filepath.Join(o.Root, samtemplate.FileName))
	if err != nil {
		return FunctionEnv{}, cognitolocal.Pool{}, nil, err
	}
	need.Root, need.Template, need.DynamoDBEndpoint = o.Root, tpl, o.DynamoDBEndpoint
	b, err := StartBackends(ctx, need)
	if err != nil {
		return FunctionEnv{}, cognitolocal.Pool{}, nil, err
	}
	stop := func() {
		if err := b.Stop(); err != nil {
			fmt.Fprintln(o.Stderr, "invoke:", err)
		}
	}
	env := FunctionEnv{TableName: b.TableName, DynamoDBEndpoint: b.DynamoDBEndpoint, CursorSecret: randomHex(32),
		AllowedOrigins: allowedOrigins(tpl), BookingLimit: bookingLimit(tpl), ImageBaseURL: "http://localhost:3000/static",
		CognitoIssuer: b.Pool.Issuer, CognitoClientID: b.Pool.ClientID, SiteURL: "http://localhost:3000",
		ImageBucket: ImageBucketName, S3Endpoint: b.S3.Endpoint()}
	if b.SES != nil {
		env.SESEndpoint = b.SES.Endpoint()
	}
	return env, b.Pool, stop, nil
}

// run builds the function's handler and runs it on the event.
func run(ctx context.Context, o InvokeOptions, kind string, env FunctionEnv, event []byte) (any, error) {
	switch kind {
	case kindREST:
		h, err := restHandler(ctx, lambdafn.LogicalID(o.Function), env, o.Log)
		if err != nil {
			return nil, err
		}
		return handle(ctx, o, event, "an API Gateway REST proxy event", h)
	case kindNotify:
		h, err := NotifyHandler(ctx, env, localschedule.New(), o.Log)
		if err != nil {
			return nil, err
		}
		return handle(ctx, o, event, "a stream batch, a reminder or a dead letter", h)
	}
	h, err := LexHandler(ctx, env, o.Log)
	if err != nil {
		return nil, err
	}
	return handle(ctx, o, event, "a Lex V2 code-hook event", h)
}

// handle decodes the event as the handler's event type (kind names it
// for the error) and runs the handler on it.
func handle[E, R any](ctx context.Context, o InvokeOptions, event []byte, kind string, h func(context.Context, E) (R, error)) (any, error) {
	var ev E
	if err := json.Unmarshal(event, &ev); err != nil {
		return nil, fmt.Errorf("%s: not %s: %w", o.EventFile, kind, err)
	}
	resp, err := h(ctx, ev)
	if err != nil {
		return nil, fmt.Errorf("%s returned an error (API Gateway would answer 502, Lex its generic failure): %w", o.Function, err)
	}
	return resp, nil
}

// writeText writes a response for people: a REST response as HTTP (status
// line, headers, the body indented when it is JSON), a Lex response as the
// bot's messages and its next step.
func writeText(w io.Writer, out any) error {
	var b strings.Builder
	switch r := out.(type) {
	case events.APIGatewayProxyResponse:
		fmt.Fprintf(&b, "HTTP %d %s\n", r.StatusCode, http.StatusText(r.StatusCode))
		for _, k := range slices.Sorted(maps.Keys(r.Headers)) {
			fmt.Fprintf(&b, "%s: %s\n", k, r.Headers[k])
		}
		b.WriteString("\n")
		var pretty bytes.Buffer
		if json.Indent(&pretty, []byte(r.Body), "", "  ") == nil {
			b.Write(pretty.Bytes())
		} else {
			b.WriteString(r.Body)
		}
		b.WriteString("\n")
	case lexbot.Response:
		for _, m := range r.Messages {
			fmt.Fprintf(&b, "bot: %s\n", m.Content)
		}
		if a := r.SessionState.DialogAction; a != nil {
			fmt.Fprintf(&b, "(next: %s", a.Type)
			if a.SlotToElicit != "" {
				fmt.Fprintf(&b, " %s", a.SlotToElicit)
			}
			if in := r.SessionState.Intent; in != nil {
				fmt.Fprintf(&b, "; intent %s %s", in.Name, in.State)
			}
			b.WriteString(")\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
