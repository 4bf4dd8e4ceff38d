package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carrental/backend/dev/apitest"
	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/locals3"
	"github.com/carrental/backend/dev/localstack"
	"github.com/carrental/backend/dev/samtemplate"
)

// TestEndToEnd builds cmd/local, starts it as `make run` would (its own
// cognito-local; DYNAMODB_ENDPOINT's DynamoDB Local when the test run has
// one, as under make test, else its own) on a free port, and walks the
// whole flow over HTTP, holding every API exchange to api/openapi.yaml:
// locations, cars with dates, sign-in through cognito-local's InitiateAuth
// (via /_cognito), a booking with an Idempotency-Key and its replay, my
// bookings, the booking with its ETag, a change of dates with If-Match, a
// cancellation twice, the authorizer's 401 with CORS headers, a preflight.
// Then the url, event and invoke commands on the running stack: url prints
// its base URL, event renders events/create-booking.json for alice, and
// invoke books it for her (the booking is in her GET /bookings); and chat,
// fed by a here-document, books a car by talking to the bot. Last, it
// sends SIGINT and checks that the stack exits, removes its state file,
// frees its port and leaves none of its child processes (JVM, node)
// behind.
func TestEndToEnd(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	stack := startStack(t, root)
	c := &client{t: t, base: stack.state.URL, contract: apitest.Shared(t)}

	// Browse.
	var locations struct {
		Locations []struct{ ID, TimeZone string }
	}
	c.json(c.call("GET", "/locations", "", nil), http.StatusOK, &locations)
	if len(locations.Locations) < 5 {
		t.Fatalf("%d locations", len(locations.Locations))
	}
	pickup := time.Now().AddDate(0, 0, 30).Format(time.DateOnly)
	ret := time.Now().AddDate(0, 0, 33).Format(time.DateOnly)
	var cars struct {
		Cars []struct {
			ID       string
			ImageURL string `json:"imageUrl"`
			Quote    struct{ Days int }
		}
	}
	c.json(c.call("GET", "/cars?locationId=ber&type=compact&pickupDate="+pickup+"&returnDate="+ret, "", nil), http.StatusOK, &cars)
	if len(cars.Cars) == 0 || cars.Cars[0].Quote.Days != 3 {
		t.Fatalf("cars = %+v, want free compacts with a 3-day quote", cars)
	}
	car := cars.Cars[0]
	if r := c.raw("GET", strings.TrimPrefix(car.ImageURL, c.base), "", nil); r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("GET %s: %d %s", car.ImageURL, r.status, r.header.Get("Content-Type"))
	}
	// As the cloud serves them: the photo, under its content-addressed key,
	// for a year; the page of cars gzip-compressed, as API Gateway with the
	// template's MinimumCompressionSize does.
	if r := c.raw("GET", strings.TrimPrefix(car.ImageURL, c.base), "", nil); r.header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("GET %s: Cache-Control %q", car.ImageURL, r.header.Get("Cache-Control"))
	}
	if r := c.raw("GET", "/api/cars?locationId=ber&pickupDate="+pickup+"&returnDate="+ret, "", map[string]string{"Accept-Encoding": "gzip, deflate, br"}); r.status != 200 || r.header.Get("Content-Encoding") != "gzip" {
		t.Errorf("GET /api/cars with Accept-Encoding: %d, Content-Encoding %q, want gzip", r.status, r.header.Get("Content-Encoding"))
	}

	// Sign in as the web app does: the pool from /config.json, InitiateAuth through /_cognito.
	token := c.signIn(cognitolocal.DemoAlice, cognitolocal.DemoPassword)
	auth := map[string]string{"Authorization": token}

	// Book, then replay the same request.
	body := fmt.Sprintf(`{"carId":%q,"pickupDate":%q,"returnDate":%q}`, car.ID, pickup, ret)
	book := map[string]string{"Authorization": token, "Content-Type": "application/json", "Idempotency-Key": "e2e-" + strconv.FormatInt(time.Now().UnixNano(), 36)}
	type booking struct {
		ID, CarID, PickupDate, ReturnDate, Status string
		Version                                   int
	}
	var created, replayed booking
	first := c.call("POST", "/bookings", body, book)
	c.json(first, http.StatusCreated, &created)
	if created.CarID != car.ID || created.Status != "CONFIRMED" || first.header.Get("Location") != "/bookings/"+created.ID {
		t.Errorf("created %+v, Location %q", created, first.header.Get("Location"))
	}
	c.awaitMail(created.ID, 1, 5*time.Second) // its confirmation, from the stream, within 5 s
	again := c.call("POST", "/bookings", body, book)
	c.json(again, http.StatusCreated, &replayed)
	if !bytes.Equal(again.body, first.body) {
		t.Errorf("replay answered %s, want the first answer %s", again.body, first.body)
	}

	// My bookings, and the booking with its ETag.
	var mine struct{ Bookings []booking }
	c.json(c.call("GET", "/bookings", "", auth), http.StatusOK, &mine)
	if len(mine.Bookings) == 0 || mine.Bookings[0].ID != created.ID {
		t.Errorf("my bookings = %+v, want %s first", mine.Bookings, created.ID)
	}
	var got booking
	get := c.call("GET", "/bookings/"+created.ID, "", auth)
	c.json(get, http.StatusOK, &got)
	etag := get.header.Get("ETag")
	if got.ID != created.ID || etag != `"`+strconv.Itoa(got.Version)+`"` {
		t.Errorf("got %+v, ETag %q", got, etag)
	}

	// Change the dates if it is still that version; a stale version is refused.
	later := time.Now().AddDate(0, 0, 35).Format(time.DateOnly)
	change := map[string]string{"Authorization": token, "Content-Type": "application/json", "If-Match": etag}
	var changed booking
	c.json(c.call("PATCH", "/bookings/"+created.ID, `{"returnDate":"`+later+`"}`, change), http.StatusOK, &changed)
	if changed.ReturnDate != later || changed.Version != got.Version+1 {
		t.Errorf("changed = %+v", changed)
	}
	c.json(c.call("PATCH", "/bookings/"+created.ID, `{"returnDate":"`+ret+`"}`, change), http.StatusPreconditionFailed, nil)

	// Cancel, twice.
	for range 2 {
		var cancelled booking
		c.json(c.call("DELETE", "/bookings/"+created.ID, "", auth), http.StatusOK, &cancelled)
		if cancelled.Status != "CANCELLED" {
			t.Errorf("cancelled = %+v", cancelled)
		}
	}

	c.staffFlow(token)

	// API Gateway's own answers: the authorizer's 401 with CORS headers, a preflight, an unknown path.
	for _, h := range []map[string]string{{"Content-Type": "application/json"}, {"Content-Type": "application/json", "Authorization": "not-a-token"}} {
		r := c.call("POST", "/bookings", body, h)
		if r.status != http.StatusUnauthorized || string(r.body) != `{"message":"Unauthorized"}` ||
			r.header.Get("Access-Control-Allow-Origin") != "*" || r.header.Get("Access-Control-Allow-Headers") == "" {
			t.Errorf("POST /bookings without a valid token: %d %s %v", r.status, r.body, r.header)
		}
	}
	pre := c.raw("OPTIONS", "/bookings/"+created.ID, "", map[string]string{"Origin": "http://localhost:5173", "Access-Control-Request-Method": "PATCH"})
	if pre.status != http.StatusOK || pre.header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "PATCH") ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "If-Match") || pre.header.Get("Access-Control-Max-Age") != "600" {
		t.Errorf("preflight: %d %v", pre.status, pre.header)
	}
	if r := c.raw("GET", "/bookings/a/b", "", auth); r.status != http.StatusForbidden || string(r.body) != `{"message":"Missing Authentication Token"}` {
		t.Errorf("GET /bookings/a/b: %d %s", r.status, r.body)
	}

	// One email for each change, newest first on the mail page.
	mails := c.awaitMail(created.ID, 3, 5*time.Second)
	for i, want := range []string{"Booking cancelled:", "Booking changed:", "Booking confirmed:"} {
		if !strings.Contains(mails[i], "<h2>"+want) {
			t.Errorf("email %d on /_local/mail: want %q:\n%s", i, want, mails[i])
		}
	}
	if out := stack.command(t, "mail"); strings.Count(out, "Booking ") < 3 || !strings.Contains(out, "to alice@example.com  Booking cancelled:") {
		t.Errorf("local mail printed:\n%s", out)
	}

	stack.commands(t, c, auth)
	stack.chat(t, c, auth)
	c.localOnly()
	c.codes()
	// cognito-local at its own port takes no request from a web page either.
	direct := &client{t: t, base: stack.state.Cognito.Endpoint}
	r := direct.raw("POST", "/", `{"MaxResults":60}`, map[string]string{"Content-Type": "application/x-amz-json-1.1",
		"X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools", "Origin": "https://evil.example"})
	if r.status != http.StatusForbidden || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("ListUserPools at cognito-local with an Origin: %d %v %s, want 403", r.status, r.header, r.body)
	}
	stack.stop(t)
}

// commands runs the url, event and invoke commands on the running stack, as
// the README shows them: url prints the base URL; event prints
// events/create-booking.json with nothing left to fill in; invoke books it
// for alice, whose bookings (auth) then hold it.
func (s *stack) commands(t *testing.T, c *client, auth map[string]string) {
	t.Helper()
	if out := s.command(t, "url"); strings.TrimSpace(out) != s.state.URL {
		t.Errorf("url printed %q, want %s", out, s.state.URL)
	}
	if out := s.command(t, "event", "create-booking"); strings.Contains(out, "${") || !strings.Contains(out, `"email": "alice@example.com"`) {
		t.Errorf("event create-booking printed, with a stack running:\n%s", out)
	}
	var resp struct {
		StatusCode int
		Body       string
	}
	out := s.command(t, "invoke", "create-booking", "-e", "events/create-booking.json")
	var created struct{ ID, PickupDate string }
	if err := json.Unmarshal([]byte(out), &resp); err != nil || resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(resp.Body), &created) != nil {
		t.Fatalf("invoke create-booking: %v\n%s", err, out)
	}
	if want := time.Now().UTC().AddDate(0, 0, 102).Format(time.DateOnly); created.PickupDate != want {
		t.Errorf("invoke create-booking booked from %s, want %s (${DATE+102})", created.PickupDate, want)
	}
	var mine struct{ Bookings []struct{ ID string } }
	c.json(c.call("GET", "/bookings", "", auth), http.StatusOK, &mine)
	found := false
	for _, b := range mine.Bookings {
		found = found || b.ID == created.ID
	}
	if !found {
		t.Errorf("alice's bookings %+v lack %s, the booking that invoke create-booking made", mine.Bookings, created.ID)
	}
	// Its reminder, run now as EventBridge Scheduler would the evening
	// before the pick-up; a second run sends nothing.
	c.awaitMail(created.ID, 1, 5*time.Second)
	for _, want := range []string{`{"result":"sent"}`, `{"result":"seen"}`} {
		if out := s.command(t, "remind", created.ID); !strings.Contains(out, want) {
			t.Errorf("local remind %s printed %q, want %s", created.ID, out, want)
		}
	}
	if got := c.awaitMail(created.ID, 2, 5*time.Second); !strings.Contains(got[0], "<h2>Reminder: pick up your") {
		t.Errorf("the reminder on /_local/mail:\n%s", got[0])
	}
}

// awaitMail waits up to within for n emails about booking id on the
// stack's mail page, then half a second more to see that no other comes,
// and returns them, newest first.
func (c *client) awaitMail(id string, n int, within time.Duration) []string {
	c.t.Helper()
	about := func() []string {
		var out []string
		for _, a := range strings.Split(string(c.raw("GET", "/_local/mail", "", nil).body), "<article")[1:] {
			if strings.Contains(a, id) {
				out = append(out, a)
			}
		}
		return out
	}
	began := time.Now()
	for len(about()) < n {
		if time.Since(began) > within {
			c.t.Fatalf("%d emails about booking %s on /_local/mail after %s, want %d", len(about()), id, within, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if got := about(); len(got) != n {
		c.t.Fatalf("%d emails about booking %s on /_local/mail, want exactly %d", len(got), id, n)
	}
	return about()
}

// command runs the stack's binary with args on the running stack (its
// state file) and returns its standard output.
func (s *stack) command(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(s.bin, args...)
	cmd.Dir = s.cmd.Dir
	cmd.Env = append(os.Environ(), localstack.EnvStateFile+"="+s.statePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("local %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// localOnly: what a web page open in the developer's browser must not
// reach, and how the gateway takes odd paths and queries. cognito-local's
// admin API is not behind /_cognito, and /_cognito sends no CORS headers;
// a request for another Host (DNS rebinding) is a 403 everywhere; paths
// are matched as sent, with no redirect; ";" in a query is a character.
func (c *client) localOnly() {
	c.t.Helper()
	var cfg struct{ UserPoolID, UserPoolClientID string }
	c.json(c.raw("GET", "/config.json", "", nil), http.StatusOK, &cfg)
	for _, op := range []string{"ListUsers", "AdminSetUserPassword", "AdminCreateUser", "DescribeUserPoolClient"} {
		in := `{"UserPoolId":"` + cfg.UserPoolID + `","Username":"alice@example.com","Password":"Pwned-123","Permanent":true,"ClientId":"` + cfg.UserPoolClientID + `"}`
		r := c.raw("POST", "/_cognito", in, map[string]string{"Content-Type": "application/x-amz-json-1.1",
			"X-Amz-Target": "AWSCognitoIdentityProviderService." + op, "Origin": "https://evil.example"})
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"__type":"NotAuthorizedException"`) ||
			r.header.Get("Access-Control-Allow-Origin") != "" {
			c.t.Errorf("%s through /_cognito: %d %v %s, want 400 NotAuthorizedException without CORS", op, r.status, r.header, r.body)
		}
	}
	c.signIn(cognitolocal.DemoAlice, cognitolocal.DemoPassword) // AdminSetUserPassword did not get through
	pre := c.raw("OPTIONS", "/_cognito", "", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "content-type,x-amz-target"})
	if pre.status == http.StatusOK || pre.status == http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "" {
		c.t.Errorf("preflight of /_cognito: %d %v, want it refused", pre.status, pre.header)
	}

	// A page can post a form, but not with a header of its own (that takes
	// a preflight, which the stack never answers): no mail on its say-so.
	if r := c.raw("POST", "/_local/notify", `{"reminder":{"userId":"x","bookingId":"y","pickupDate":"2027-03-05"}}`,
		map[string]string{"Content-Type": "text/plain", "Origin": "https://evil.example"}); r.status != http.StatusForbidden {
		c.t.Errorf("POST /_local/notify without X-Local-Stack: %d %s, want 403", r.status, r.body)
	}
	for _, target := range []string{"/_local/last-code?email=alice@example.com", "/_local/mail", "/_cognito", "/locations", "/config.json", "/"} {
		r := c.do("GET", target, "", map[string]string{"Host": "evil.example:" + c.port()})
		if r.status != http.StatusForbidden || string(r.body) != `{"message":"Forbidden"}` {
			c.t.Errorf("GET %s with Host evil.example: %d %s, want 403 Forbidden", target, r.status, r.body)
		}
	}
	for _, host := range []string{"127.0.0.1:" + c.port(), "[::1]:" + c.port()} {
		if r := c.do("GET", "/locations", "", map[string]string{"Host": host}); r.status != http.StatusOK {
			c.t.Errorf("GET /locations with Host %s: %d %s", host, r.status, r.body)
		}
	}

	for _, target := range []string{"/cars/..", "/cars//ber-001", "/api/cars/..", "/api//cars", "/cars/../locations"} {
		r := c.do("GET", target, "", nil)
		if r.status/100 == 3 || r.status == http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			c.t.Errorf("GET %s: %d %s %s, want the API's own answer, no redirect and no web app", target, r.status, r.header.Get("Location"), r.body)
		}
	}
	if r := c.do("GET", "/cars?locationId=ber;x", "", nil); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "locationId must be") {
		c.t.Errorf("GET /cars?locationId=ber;x: %d %s, want the function's 400 about locationId=ber;x, not a missing locationId", r.status, r.body)
	}
}

// codes: a code that cognito-local "emails" is at /_local/last-code as soon
// as the request that sent it has been answered through /_cognito: a
// sign-up's, then a forgotten password's, never the one before.
func (c *client) codes() {
	c.t.Helper()
	var cfg struct{ UserPoolClientID string }
	c.json(c.raw("GET", "/config.json", "", nil), http.StatusOK, &cfg)
	email := "e2e-codes-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "@example.com"
	cognito := func(op, body string) {
		c.t.Helper()
		r := c.raw("POST", "/_cognito", body, map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op})
		if r.status != http.StatusOK {
			c.t.Fatalf("%s: %d %s", op, r.status, r.body)
		}
	}
	lastCode := func() string {
		c.t.Helper()
		var got struct{ Code string }
		c.json(c.raw("GET", "/_local/last-code?email="+email, "", nil), http.StatusOK, &got)
		return got.Code
	}
	cognito("SignUp", `{"ClientId":"`+cfg.UserPoolClientID+`","Username":"`+email+`","Password":"Passw0rd!demo","UserAttributes":[{"Name":"email","Value":"`+email+`"}]}`)
	signUp := lastCode()
	cognito("ConfirmSignUp", `{"ClientId":"`+cfg.UserPoolClientID+`","Username":"`+email+`","ConfirmationCode":"`+signUp+`"}`)
	for i := range 3 {
		prev := lastCode()
		cognito("ForgotPassword", `{"ClientId":"`+cfg.UserPoolClientID+`","Username":"`+email+`"}`)
		if code := lastCode(); code == prev {
			c.t.Errorf("ForgotPassword %d: /_local/last-code right after it answered %s, the code before it", i+1, code)
		}
	}
}

// do makes one request without following redirects; "Host" in header sets
// the Host header.
func (c *client) do(method, path, body string, header map[string]string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	// The path goes as it is, "//" and ".." included (url.Parse keeps
	// them), in origin form: with the Host header below, not the URL's.
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	return c.send(&http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, req)
}

// port is the stack's port.
func (c *client) port() string {
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(c.base, "http://"))
	return port
}

// TestChildDies: when cognito-local dies under the running stack (kill -9
// of its node), the stack does not go on answering 500s: it stops
// everything, says which child ended and how, and exits 1, leaving
// nothing behind. (DynamoDB Local's JVM is watched the same way; under
// make test the stack uses the test run's shared one, which this test
// must not kill.)
func TestChildDies(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	s := startStack(t, root)
	children := descendants(t, s.cmd.Process.Pid)
	node := 0
	for pid, cmdline := range children {
		if strings.Contains(cmdline, "cognito-local") {
			node = pid
		}
	}
	if node == 0 {
		t.Fatalf("no cognito-local among the stack's children %v", children)
	}
	if err := syscall.Kill(node, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("the stack exited with %v, want exit status 1", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the stack still runs 20 s after cognito-local died")
	}
	if out := s.out.String(); !strings.Contains(out, "local: cognito-local exited unexpectedly (signal: killed") {
		t.Errorf("the stack did not say why it stopped:\n%s", out)
	}
	s.checkGone(t, children)
}

// stack is the cmd/local process under test.
type stack struct {
	bin       string // the built cmd/local
	cmd       *exec.Cmd
	state     localstack.State
	statePath string
	out       *childproc.Tail // the last 4 KiB of its output
	exited    chan error
}

// startStack builds and starts cmd/local and waits until it has served
// its first request (its state file appears).
func startStack(t *testing.T, root string) *stack {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "local")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, "./cmd/local")...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/local: %v\n%s", err, out)
	}
	s := &stack{bin: bin, statePath: filepath.Join(t.TempDir(), "local-stack.json"), out: &childproc.Tail{}, exited: make(chan error, 1)}
	s.cmd = exec.Command(bin)
	s.cmd.Dir = root
	s.cmd.Env = append(os.Environ(), "PORT=0", localstack.EnvStateFile+"="+s.statePath, localstack.EnvDataDir+"=") // in memory
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	began := time.Now()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill() // a failed test; the children die with it (Pdeathsig)
			<-s.exited
		}
		if t.Failed() {
			t.Logf("the stack's output:\n%s", s.out)
		}
	})
	deadline := time.After(90 * time.Second)
	for {
		st, err := localstack.ReadState(s.statePath)
		if err == nil {
			s.state = st
			break
		}
		select {
		case err := <-s.exited:
			s.exited <- err
			t.Fatalf("the stack exited during start-up: %v\n%s", err, s.out)
		case <-deadline:
			t.Fatalf("the stack did not come up in 90 s:\n%s", s.out)
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Logf("stack up at %s after %.1f s (it says: %s)", s.state.URL, time.Since(began).Seconds(), s.startupLine())
	return s
}

var startupPattern = regexp.MustCompile(`first request served [0-9.]+ s after start`)

func (s *stack) startupLine() string { return startupPattern.FindString(s.out.String()) }

// stop sends SIGINT and checks that the stack ends cleanly: exit status 0
// within 20 s, its state file gone, its port free, and none of its child
// processes (nor theirs) still there.
func (s *stack) stop(t *testing.T) {
	t.Helper()
	children := descendants(t, s.cmd.Process.Pid)
	if len(children) == 0 {
		t.Error("the stack has no child processes: cognito-local should be one")
	}
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			t.Errorf("the stack exited with %v after SIGINT", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the stack did not stop within 20 s of SIGINT")
	}
	s.checkGone(t, children)
}

// checkGone checks what a stack that has exited left: none of children,
// no state file, its port free.
func (s *stack) checkGone(t *testing.T, children map[int]string) {
	t.Helper()
	for pid, cmdline := range children {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			t.Errorf("child process %d (%s) is still there after the stack stopped", pid, cmdline)
		}
	}
	if _, err := os.Stat(s.statePath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("state file %s: %v, want it removed", s.statePath, err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.state.Port)))
	if err != nil {
		t.Errorf("port %d is not free after the stack stopped: %v", s.state.Port, err)
	} else {
		ln.Close()
	}
}

// descendants maps the pid of every process below pid to its command
// line (childproc.Descendants); it skips the test without /proc.
func descendants(t *testing.T, pid int) map[int]string {
	t.Helper()
	out, err := childproc.Descendants(pid)
	if err != nil {
		t.Skip(err)
	}
	return out
}

// client talks to the stack and holds the API's exchanges to the contract.
type client struct {
	t        *testing.T
	base     string
	contract *apitest.Contract
}

type response struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
}

// raw makes one request and returns the response, unchecked.
func (c *client) raw(method, path, body string, header map[string]string) response {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.send(http.DefaultClient, req)
}

// send makes the request with client and returns the response, unchecked.
func (c *client) send(client *http.Client, req *http.Request) response {
	c.t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.RequestURI(), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{method: req.Method, path: req.URL.RequestURI(), status: resp.StatusCode, header: resp.Header, body: b}
}

// call is raw for an operation of the contract, whose request and
// response must conform to it.
func (c *client) call(method, path, body string, header map[string]string) response {
	c.t.Helper()
	r := c.raw(method, path, body, header)
	req, err := http.NewRequest(method, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.contract.Check(context.Background(), req, []byte(body), apitest.Response{Status: r.status, Header: r.header, Body: r.body})
	if err != nil {
		c.t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		c.t.Errorf("%s %s -> %d %s: not as api/openapi.yaml says: %v", method, path, r.status, r.body, err)
	}
	return r
}

// json checks r's status and decodes its body into v (unless nil).
func (c *client) json(r response, status int, v any) {
	c.t.Helper()
	if r.status != status {
		c.t.Fatalf("%s %s: %d %s, want %d", r.method, r.path, r.status, r.body, status)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			c.t.Fatalf("%s %s: %v in %s", r.method, r.path, err, r.body)
		}
	}
}

// signIn signs in with USER_PASSWORD_AUTH through the stack's /_cognito,
// with the app client of /config.json, and returns the ID token.
func (c *client) signIn(email, password string) string {
	c.t.Helper()
	var cfg struct{ UserPoolClientID, UserPoolEndpoint string }
	c.json(c.raw("GET", "/config.json", "", nil), http.StatusOK, &cfg)
	if cfg.UserPoolEndpoint != "/_cognito" || cfg.UserPoolClientID == "" {
		c.t.Fatalf("/config.json: %+v", cfg)
	}
	in, _ := json.Marshal(map[string]any{"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": cfg.UserPoolClientID,
		"AuthParameters": map[string]string{"USERNAME": email, "PASSWORD": password}})
	r := c.raw("POST", cfg.UserPoolEndpoint, string(in), map[string]string{
		"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"})
	var out struct{ AuthenticationResult struct{ IdToken string } }
	c.json(r, http.StatusOK, &out)
	if out.AuthenticationResult.IdToken == "" {
		c.t.Fatalf("InitiateAuth: no ID token in %s", r.body)
	}
	return out.AuthenticationResult.IdToken
}

// staffFlow is issue 16's check on the running stack: staff add a car at a
// location, upload its photo through the presigned POST of the local S3,
// name it, and the car is in the public search with an imageUrl that
// serves the photo; a customer's token (customer) is 403 on every admin
// route; a photo of another type than signed, or too large, is refused by
// the S3 itself.
func (c *client) staffFlow(customer string) {
	c.t.Helper()
	staff := map[string]string{"Authorization": c.signIn(cognitolocal.DemoStaff, cognitolocal.DemoPassword), "Content-Type": "application/json"}
	id := "e2e-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	var car struct{ ID, ImageURL string }
	c.json(c.call("POST", "/admin/cars", `{"id":"`+id+`","make":"Kia","model":"Ceed","type":"compact","seats":5,"transmission":"manual","locationId":"muc","dailyRate":4700}`, staff),
		http.StatusCreated, &car)
	var upload struct {
		URL    string
		Fields map[string]string
		Key    string
	}
	c.json(c.call("POST", "/admin/cars/"+id+"/photo", `{"contentType":"image/png"}`, staff), http.StatusCreated, &upload)
	png := []byte("\x89PNG\r\n\x1a\n a photo of a Kia")
	ctx := context.Background()
	if res, err := locals3.Post(ctx, locals3.Upload{URL: upload.URL, Fields: upload.Fields}, png); err != nil || res.Status/100 != 2 {
		c.t.Fatalf("the presigned upload: %v, %d %s", err, res.Status, res.Body)
	}
	wrong := maps.Clone(upload.Fields)
	wrong["Content-Type"] = "text/html"
	if res, err := locals3.Post(ctx, locals3.Upload{URL: upload.URL, Fields: wrong}, png); err != nil || res.Status != http.StatusForbidden {
		c.t.Errorf("an upload of another type than signed: %v, %d %s", err, res.Status, res.Body)
	}
	if res, err := locals3.Post(ctx, locals3.Upload{URL: upload.URL, Fields: upload.Fields}, bytes.Repeat([]byte("x"), 5<<20+1)); err != nil || res.Status != http.StatusBadRequest {
		c.t.Errorf("an upload over 5 MB: %v, %d %s", err, res.Status, res.Body)
	}
	c.json(c.call("PATCH", "/admin/cars/"+id, `{"photoKey":"`+upload.Key+`"}`, staff), http.StatusOK, &car)
	var found struct {
		Cars []struct{ ID, ImageURL string }
	}
	c.json(c.call("GET", "/cars?locationId=muc&type=compact&limit=100", "", nil), http.StatusOK, &found)
	var url string
	for _, fc := range found.Cars {
		if fc.ID == id {
			url = fc.ImageURL
		}
	}
	if r := c.raw("GET", strings.TrimPrefix(url, c.base), "", nil); url == "" || r.status != http.StatusOK || !bytes.Equal(r.body, png) {
		c.t.Errorf("the new car in the search: imageUrl %q serves %d (%d bytes)", url, r.status, len(r.body))
	}
	customerAuth := map[string]string{"Authorization": customer, "Content-Type": "application/json"}
	for _, r := range [][3]string{
		{"POST", "/admin/cars", `{"make":"Kia","model":"Rio","type":"economy","seats":5,"transmission":"manual","locationId":"muc","dailyRate":3000}`},
		{"PATCH", "/admin/cars/" + id, `{"dailyRate":100}`}, {"DELETE", "/admin/cars/" + id, ""},
		{"POST", "/admin/cars/" + id + "/photo", `{"contentType":"image/png"}`},
		{"POST", "/admin/locations", `{"id":"osl","name":"Oslo","city":"Oslo","country":"NO","timeZone":"Europe/Oslo","address":"Jernbanetorget 1","currency":"EUR"}`},
		{"PATCH", "/admin/locations/muc", `{"name":"x"}`}, {"GET", "/admin/desk?locationId=muc", ""},
		{"PUT", "/admin/customers/x/bookings/y/status", `{"status":"NO_SHOW"}`},
	} {
		c.json(c.call(r[0], r[1], r[2], customerAuth), http.StatusForbidden, nil)
	}
	c.json(c.call("DELETE", "/admin/cars/"+id, "", staff), http.StatusOK, nil)
}
