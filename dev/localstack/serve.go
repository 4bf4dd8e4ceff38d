package localstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/localsite"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/seslocal"
	"github.com/carrental/backend/dev/webhost"
	"github.com/carrental/backend/pkg/auth"
)

// DefaultPort is where the stack serves unless PORT says otherwise.
const DefaultPort = 3000

// shutdownGrace bounds the wait for requests in flight at shutdown.
const shutdownGrace = 3 * time.Second

// The HTTP server's timeouts, around API Gateway's 29 s for a function
// (localapi.IntegrationTimeout): a request, its body included, must
// arrive within readTimeout (a client that trickles its body is cut off,
// not held for ever); the answer must be written within writeTimeout of
// the request's headers, which leaves room for the whole body and then
// the function's 29 s; an idle keep-alive connection is closed after
// idleTimeout.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = readTimeout + localapi.IntegrationTimeout + 5*time.Second
	idleTimeout       = 60 * time.Second
)

// ServeOptions configures Serve.
type ServeOptions struct {
	// Root is the repository root.
	Root string
	// Port to serve on, on 127.0.0.1; 0 picks a free one.
	Port int
	// DynamoDBEndpoint is a running DynamoDB Local to use; "" starts one.
	DynamoDBEndpoint string
	// ImageBaseURL is the car pictures' base URL (IMAGE_BASE_URL); ""
	// means this server's /static.
	ImageBaseURL string
	// StatePath is where the state file goes (StatePath).
	StatePath string
	// Began is when the process started: the start-up time is counted
	// from it to the first request served.
	Began time.Time
	// Out receives the start-up report.
	Out io.Writer
	// Log receives the functions' and the gateway's log lines.
	Log *slog.Logger
	// ChildOutput receives DynamoDB Local's and cognito-local's output;
	// nil discards it.
	ChildOutput io.Writer
	// Hosts are the host names that requests may name in their Host
	// header besides localhost, 127.0.0.1 and [::1] (LOCAL_HOSTS): see
	// localsite.Options.Hosts.
	Hosts []string
	// DataDir keeps the data from one run to the next
	// (BackendOptions.DataDir; LOCAL_DATA_DIR, make run's .local); ""
	// keeps it in memory.
	DataDir string
}

// Serve runs the local stack until ctx ends: it starts the backends (see
// StartBackends), builds every Api route's handler from the template,
// serves them through localapi beside the web app on 127.0.0.1:Port,
// answers its own first request (GET /locations) to be sure, writes the
// state file and the report to Out, and then serves. When ctx ends it
// stops the HTTP server (requests in flight get 3 s), cognito-local and
// DynamoDB Local, and removes the state file. Errors say what failed and
// what to do: another stack running, the port taken, Java or Node.js
// missing, the tools not fetched.
func Serve(ctx context.Context, o ServeOptions) (err error) {
	if s, err := ReadState(o.StatePath); err == nil {
		return fmt.Errorf("a local stack is already running (pid %d, %s); stop it first, or set %s to run another one",
			s.PID, s.URL, EnvStateFile)
	}
	ln, err := listen(o.Port)
	if err != nil {
		return err
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	url := "http://localhost:" + strconv.Itoa(port)

	tpl, api, err := readAPI(o.Root)
	if err != nil {
		return err
	}
	b, err := startServeBackends(ctx, o, tpl)
	if err != nil {
		return err
	}
	defer func() {
		if stopErr := b.Stop(); stopErr != nil {
			err = errors.Join(err, stopErr)
		}
	}()

	env := functionEnv(o, tpl, b, url)
	notify, err := startServeNotify(ctx, tpl, b, env, o.Log)
	if err != nil {
		return err
	}
	defer notify.Stop()
	lex, lexState, err := lexRuntime(ctx, tpl, env, o.Log)
	if err != nil {
		return err
	}
	handler, err := siteHandler(ctx, o, api, b, env, lex, lexState, notify)
	if err != nil {
		return err
	}
	srv := newHTTPServer(handler, o.Log)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer shutdown(srv)

	if err := probe(ctx, url+"/locations"); err != nil {
		return err
	}
	startup := time.Since(o.Began)
	state := State{PID: os.Getpid(), URL: url, Port: port, StartedAt: time.Now().UTC(),
		DynamoDBEndpoint: b.DynamoDBEndpoint, TableName: b.TableName, CursorSecret: env.CursorSecret,
		AllowedOrigins: env.AllowedOrigins, BookingLimit: env.BookingLimit, ImageBaseURL: env.ImageBaseURL, Cognito: cognitoState(b.Pool),
		Lex: lexState, SESEndpoint: env.SESEndpoint, S3Endpoint: env.S3Endpoint, ImageBucket: env.ImageBucket, DataDir: o.DataDir}
	if err := WriteState(o.StatePath, state); err != nil {
		return err
	}
	defer func() {
		if rmErr := RemoveState(o.StatePath, state.PID); rmErr != nil {
			err = errors.Join(err, rmErr)
		}
	}()
	report(o.Out, reportInput{state: state, api: api, startup: startup, took: b.Took, ownDynamo: o.DynamoDBEndpoint == "",
		webBuilt: isFile(filepath.Join(o.Root, "web", "dist", "index.html")), webSource: isFile(filepath.Join(o.Root, "web", "package.json")),
		dataDir: o.DataDir, fleet: b.FleetLoaded})
	return serveUntilDone(ctx, o.Out, b, served)
}

// readAPI loads the template under root and reads its Api routes.
func readAPI(root string) (*samtemplate.Template, *localapi.API, error) {
	tpl, err := samtemplate.Load(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		return nil, nil, err
	}
	api, err := localapi.Read(tpl.WithResourceRefs())
	if err != nil {
		return nil, nil, err
	}
	return tpl, api, nil
}

// startServeBackends starts the backends for Serve, cognito-local
// included; a start-up cut short by ctx ending says so (StartBackends
// stops what it started).
func startServeBackends(ctx context.Context, o ServeOptions, tpl *samtemplate.Template) (*Backends, error) {
	b, err := StartBackends(ctx, BackendOptions{Root: o.Root, Template: tpl, DynamoDBEndpoint: o.DynamoDBEndpoint,
		Cognito: true, SES: true, ChildOutput: o.ChildOutput, DataDir: o.DataDir, Log: o.Log})
	if err != nil && ctx.Err() != nil {
		return nil, errors.New("interrupted during start-up; nothing is left running")
	}
	return b, err
}

// functionEnv is the functions' environment on the backends b, with the
// pictures under url's /static unless o names another place.
func functionEnv(o ServeOptions, tpl *samtemplate.Template, b *Backends, url string) FunctionEnv {
	env := FunctionEnv{
		TableName: b.TableName, DynamoDBEndpoint: b.DynamoDBEndpoint, CursorSecret: randomHex(32),
		AllowedOrigins: allowedOrigins(tpl), ImageBaseURL: o.ImageBaseURL,
		CognitoIssuer: b.Pool.Issuer, CognitoClientID: b.Pool.ClientID, BookingLimit: bookingLimit(tpl), SiteURL: url,
		ImageBucket: ImageBucketName, S3Endpoint: b.S3.Endpoint(),
	}
	if b.SES != nil {
		env.SESEndpoint = b.SES.Endpoint()
	}
	if env.ImageBaseURL == "" {
		env.ImageBaseURL = url + "/static"
	}
	return env
}

// startServeNotify starts the notify function and its mapping on the
// table's stream.
func startServeNotify(ctx context.Context, tpl *samtemplate.Template, b *Backends, env FunctionEnv, log *slog.Logger) (*Notify, error) {
	arn, err := b.StreamARN(ctx)
	if err != nil {
		return nil, err
	}
	return StartNotify(ctx, tpl, env, arn, log)
}

// shutdown stops srv, giving requests in flight shutdownGrace; then it
// closes what is left.
func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
	}
}

// serveUntilDone waits for ctx to end (nil: a normal stop), a backend to
// die or the HTTP server to fail (served).
func serveUntilDone(ctx context.Context, out io.Writer, b *Backends, served <-chan error) error {
	select {
	case <-ctx.Done():
		fmt.Fprintln(out, "\nstopping: HTTP server, the stream's mapping, aws-ses-v2-local, cognito-local, the S3, DynamoDB Local ...")
		return nil
	case err := <-b.Died():
		return fmt.Errorf("%w; stopped the stack", err)
	case err := <-served:
		return fmt.Errorf("HTTP server: %w", err)
	}
}

// newHTTPServer is the stack's HTTP server, with the timeouts above.
func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
}

// listen binds 127.0.0.1:port, saying what to do when the port is taken.
func listen(port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is taken (is another make run going?): choose another, e.g. PORT=%d make run", port, port+1)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on port %d: %w", port, err)
	}
	return ln, nil
}

// allowedOrigins is the template's AllowedOrigins default, else "*".
func allowedOrigins(tpl *samtemplate.Template) string {
	if v, ok := tpl.ParameterDefault("AllowedOrigins"); ok && v != "" {
		return v
	}
	return "*"
}

// bookingLimit is the template's BookingLimit default ("" if none: the
// functions' own default).
func bookingLimit(tpl *samtemplate.Template) string {
	v, _ := tpl.ParameterDefault("BookingLimit")
	return v
}

// siteHandler wires the gateway (handlers, Cognito authorizer), the Lex
// runtime, the notify function's local paths and the site around them.
func siteHandler(ctx context.Context, o ServeOptions, api *localapi.API, b *Backends, env FunctionEnv,
	lex http.Handler, bot LexState, n *Notify) (http.Handler, error) {
	handlers, err := RESTHandlers(ctx, api, env, o.Log)
	if err != nil {
		return nil, err
	}
	verifier, err := auth.New(ctx, auth.Config{Issuer: b.Pool.Issuer, ClientID: b.Pool.ClientID, JWKSURL: b.Pool.JWKSURL})
	if err != nil {
		return nil, err
	}
	gw, err := localapi.New(localapi.Options{API: api, Handlers: handlers, Verifier: verifier, Logger: o.Log})
	if err != nil {
		return nil, err
	}
	return localsite.New(localsite.Options{
		WebDir:    filepath.Join(o.Root, "web", "dist"),
		ImagesDir: filepath.Join(o.Root, seed.ImagesDir),
		// /static from the bucket, as the image distribution reads it.
		Images:       b.S3.Handler().Objects(webhost.Immutable),
		ImageBaseURL: env.ImageBaseURL,
		// The staff page posts photos to the bucket (presigned POST).
		ConnectOrigins: []string{b.S3.Endpoint()},
		// The API under /api, as in the cloud (the site's distribution).
		Config: localsite.AppConfig{APIBaseURL: "/api", Region: "us-east-1", UserPoolID: b.Pool.ID, UserPoolClientID: b.Pool.ClientID,
			UserPoolEndpoint: "/_cognito", AuthFlowType: "USER_PASSWORD_AUTH", EmailVerification: "code",
			// The chat panel talks to the local runtime on this origin.
			Chatbot: &localsite.ChatbotConfig{BotID: bot.BotID, BotAliasID: bot.BotAliasID, LocaleID: bot.LocaleID, Endpoint: "/"}},
		CognitoEndpoint: b.Pool.Endpoint,
		LastCode:        b.Cognito.LastCode,
		WaitCode:        b.Cognito.WaitCode,
		Hosts:           o.Hosts,
		Log:             o.Log,
		API:             gw,
		Emails:          func(ctx context.Context) ([]seslocal.Email, error) { return seslocal.Emails(ctx, env.SESEndpoint) },
		Schedules:       func() any { return n.Schedules.List() },
		DeadLetters:     func() any { return n.DeadLetters.List() },
		Notify:          n.Handler,
		Lex:             lex,
	}), nil
}

// probe makes the stack's first request and wants a 200.
func probe(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := fetch(ctx, url)
	if err != nil {
		return fmt.Errorf("first request, %w", err)
	}
	return nil
}

// fetch is GET url's body (up to 1 MB); an error unless it answers 200,
// which names the request and says the answer.
func fetch(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s %s", url, resp.Status, body[:min(len(body), 1<<10)])
	}
	return body, nil
}

// isFile reports whether name is a regular file.
func isFile(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}
