package lexlocal_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2/types"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/lexlocal"
	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/localstack"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
)

// stack is the chatbot as a user meets it, in-process: template.yaml's bot
// in the runtime, its code hook built as functions/lex-fulfillment builds
// it, on DynamoDB Local with the sample fleet, with cognito-local's pool
// and its real signed ID tokens; beside it the REST API through the local
// gateway, which the tests use to see what is stored (GET /bookings) and
// to take cars (POST /bookings). The code hook's token verifier runs on a
// clock the test may move (skew), so a token can expire mid-conversation.
type stack struct {
	t    *testing.T
	url  string
	lex  *lexruntimev2.Client
	pool cognitolocal.Pool
	skew atomic.Int64 // added to the verifier's clock, in nanoseconds
	tz   *time.Location
}

// The time zone that the conversations' dates are said in.
const timeZone = "Europe/Berlin"

func newStack(t *testing.T) *stack {
	t.Helper()
	endpoint := os.Getenv(testbed.EnvEndpoint)
	if endpoint == "" {
		t.Fatalf("%s is not set: run make test, or go run ./cmd/testbed -- go test ./dev/lexlocal/", testbed.EnvEndpoint)
	}
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := localstack.StartBackends(ctx, localstack.BackendOptions{Root: root, Template: tpl, DynamoDBEndpoint: endpoint, Cognito: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Stop(); err != nil {
			t.Error(err)
		}
	})
	s := &stack{t: t, pool: b.Pool}
	if s.tz, err = time.LoadLocation(timeZone); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env := localstack.FunctionEnv{TableName: b.TableName, DynamoDBEndpoint: b.DynamoDBEndpoint,
		CursorSecret: "conversations-test-cursor-secret-0123456789", AllowedOrigins: "*", ImageBaseURL: "http://localhost/static",
		CognitoIssuer: b.Pool.Issuer, CognitoClientID: b.Pool.ClientID}

	// The code hook, as lexwire.Handler builds it, with the skewed clock.
	_, svc, err := lambdafn.Service(ctx, func(name string) string {
		return map[string]string{"TABLE_NAME": env.TableName, "DYNAMODB_ENDPOINT": env.DynamoDBEndpoint, "CURSOR_SECRET": env.CursorSecret,
			"ALLOWED_ORIGINS": "*", "IMAGE_BASE_URL": env.ImageBaseURL, "COGNITO_ISSUER": env.CognitoIssuer,
			"COGNITO_CLIENT_ID": env.CognitoClientID, "AWS_REGION": "us-east-1", "AWS_LAMBDA_FUNCTION_NAME": "lex-fulfillment"}[name]
	})
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := auth.New(ctx, auth.Config{Issuer: b.Pool.Issuer, ClientID: b.Pool.ClientID, JWKSURL: b.Pool.JWKSURL,
		Now: func() time.Time { return time.Now().Add(time.Duration(s.skew.Load())) }})
	if err != nil {
		t.Fatal(err)
	}
	hook := lambdalog.Wrap(log, "lex-fulfillment", lexbot.Outcome, lexbot.New(svc, verifier, lexbot.Options{Logger: log}).Handle)
	bots, err := lexlocal.Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := lexlocal.New(lexlocal.Options{Bots: bots, CodeHooks: map[string]lexbot.Handler{"LexFulfillmentFunction": hook}})
	if err != nil {
		t.Fatal(err)
	}

	// The REST API, as the local stack serves it.
	api, err := localapi.Read(tpl.WithResourceRefs())
	if err != nil {
		t.Fatal(err)
	}
	handlers, err := localstack.RESTHandlers(ctx, api, env, log)
	if err != nil {
		t.Fatal(err)
	}
	apiVerifier, err := auth.New(ctx, auth.Config{Issuer: b.Pool.Issuer, ClientID: b.Pool.ClientID, JWKSURL: b.Pool.JWKSURL})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := localapi.New(localapi.Options{API: api, Handlers: handlers, Verifier: apiVerifier, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(lexlocal.PathPrefix, rt)
	mux.Handle("/", gw)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.url = srv.URL
	s.lex = lexClient(srv.URL)
	return s
}

// user is a fresh ID token of a new user of the pool.
func (s *stack) user(name string) string {
	s.t.Helper()
	email := fmt.Sprintf("%s-%d@example.com", name, time.Now().UnixNano())
	if _, err := cognitolocal.SeedUser(s.t.Context(), s.pool, email, cognitolocal.DemoPassword); err != nil {
		s.t.Fatal(err)
	}
	token, err := cognitolocal.IDToken(s.t.Context(), s.pool, email, cognitolocal.DemoPassword)
	if err != nil {
		s.t.Fatal(err)
	}
	return token
}

// storedBooking is a booking as GET /bookings returns it.
type storedBooking struct {
	ID, CarID, LocationID, PickupDate, ReturnDate, Status string
}

// bookings are the user's bookings, from the REST API.
func (s *stack) bookings(token string) []storedBooking {
	s.t.Helper()
	var out struct{ Bookings []storedBooking }
	s.rest("GET", "/bookings", token, "", &out)
	return out.Bookings
}

// rest calls the REST API and decodes its 2xx answer into out.
func (s *stack) rest(method, path, token, body string, out any) {
	s.t.Helper()
	req, err := http.NewRequestWithContext(s.t.Context(), method, s.url+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "conv-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 || json.Unmarshal(data, out) != nil {
		s.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
}

// day is today in Berlin plus n days.
func (s *stack) day(n int) time.Time { return time.Now().In(s.tz).AddDate(0, 0, n) }

// said writes day n as people type it ("January 26") and as the bot
// writes it ("Tuesday 26 January 2027").
func (s *stack) said(n int) string  { return s.day(n).Format("January 2") }
func (s *stack) spelt(n int) string { return s.day(n).Format("Monday 2 January 2006") }
func (s *stack) iso(n int) string   { return s.day(n).Format(time.DateOnly) }

// exchange is one turn: what the user says, and what the bot must say (each
// a part of its messages, in the order given), and its next step.
type exchange struct {
	say   string
	wants []string
	next  string
}

// talk holds a conversation in a session of its own, as the web app does:
// the token with every message, the attributes the bot returned handed
// back. pick replaces "#N" in what is said with the value of button N of
// the last answer's card.
type talk struct {
	s       *stack
	session string
	token   string
	attrs   map[string]string
	buttons []types.Button
	last    string // the last answer's text, for failures
}

func (s *stack) talk(token string) *talk {
	return &talk{s: s, session: "conv-" + strconv.FormatInt(time.Now().UnixNano(), 36), token: token, attrs: map[string]string{}}
}

func (c *talk) turn(e exchange) {
	c.s.t.Helper()
	utterance := e.say
	if n, ok := strings.CutPrefix(utterance, "#"); ok {
		i, _ := strconv.Atoi(n)
		if i < 1 || i > len(c.buttons) {
			c.s.t.Fatalf("no button %s in the last answer %q", n, c.last)
		}
		utterance = aws.ToString(c.buttons[i-1].Value)
	}
	attrs := map[string]string{lexbot.AttrIDToken: c.token}
	for k, v := range c.attrs {
		if k != lexbot.AttrIDToken {
			attrs[k] = v
		}
	}
	out, err := c.s.lex.RecognizeText(c.s.t.Context(), &lexruntimev2.RecognizeTextInput{BotId: aws.String(botID), BotAliasId: aws.String(aliasID),
		LocaleId: aws.String(locale), SessionId: aws.String(c.session), Text: aws.String(utterance),
		SessionState: &types.SessionState{SessionAttributes: attrs}, RequestAttributes: map[string]string{"x-amz-lex:time-zone": timeZone}})
	if err != nil {
		c.s.t.Fatalf("%q: %v", utterance, err)
	}
	c.attrs = out.SessionState.SessionAttributes
	c.buttons = nil
	var cards []string
	for _, m := range out.Messages {
		if m.ImageResponseCard != nil {
			c.buttons = append(c.buttons, m.ImageResponseCard.Buttons...)
			for _, b := range m.ImageResponseCard.Buttons {
				cards = append(cards, "["+aws.ToString(b.Text)+"]")
			}
		}
	}
	said := text(out.Messages) + " " + strings.Join(cards, " ")
	c.last = said
	rest := said
	for _, w := range e.wants {
		i := strings.Index(rest, w)
		if i < 0 {
			c.s.t.Errorf("user: %s\nbot [%s]: %s\nwant, in this order: %q (missing %q)", e.say, next(out.SessionState), said, e.wants, w)
			return
		}
		rest = rest[i+len(w):]
	}
	if got := next(out.SessionState); e.next != "" && got != e.next {
		c.s.t.Errorf("user: %s\nbot [%s]: %s\nwant the next step %s", e.say, got, said, e.next)
	}
}

var bookingNumber = regexp.MustCompile(`Your booking number is ([0-9A-Z]{26})`)

// TestConversations: whole conversations through RecognizeText, each
// with the bot's messages and what is stored afterwards.
func TestConversations(t *testing.T) {
	s := newStack(t)
	quote := func(kind, what, where string, from, to int) string {
		return fmt.Sprintf("The best price for %s at %s is a %s", kind, where, what) + "|" + fmt.Sprintf("Pick-up %s, return %s: %d days", s.spelt(from), s.spelt(to), to-from)
	}
	split := func(q string) []string { return strings.Split(q, "|") }

	t.Run("book in one sentence with every slot", func(t *testing.T) {
		token := s.user("one-sentence")
		c := s.talk(token)
		c.turn(exchange{"Book an SUV in Paris from " + s.said(40) + " to " + s.said(43),
			append(split(quote("an SUV", "Citroën C5 Aircross", "Paris Gare de Lyon", 40, 43)), "Shall I book it?", "[Yes]", "[No]"), "ConfirmIntent"})
		c.turn(exchange{"yes", []string{"Done! Your SUV Citroën C5 Aircross at Paris Gare de Lyon is booked", "Your booking number is "}, "Close"})
		got := s.bookings(token)
		if len(got) != 1 || got[0].CarID != "par-005" || got[0].PickupDate != s.iso(40) || got[0].ReturnDate != s.iso(43) || got[0].Status != "CONFIRMED" {
			t.Errorf("stored: %+v", got)
		}
		if m := bookingNumber.FindStringSubmatch(c.last); m == nil || len(got) == 0 || m[1] != got[0].ID {
			t.Errorf("the bot named %v, stored %+v", m, got)
		}
	})

	t.Run("book over several turns", func(t *testing.T) {
		token := s.user("several-turns")
		c := s.talk(token)
		c.turn(exchange{"I'd like to rent a car", []string{"Where would you like to pick up the car?"}, "ElicitSlot PickupCity"})
		c.turn(exchange{"in munich please", []string{"When would you like to pick up the car?"}, "ElicitSlot PickupDate"})
		c.turn(exchange{"in 50 days", []string{"When will you bring the car back?"}, "ElicitSlot ReturnDate"})
		c.turn(exchange{s.said(52), []string{"Which type of car would you like"}, "ElicitSlot CarType"})
		c.turn(exchange{"a cheap one", split(quote("an economy car", "Fiat 500", "Munich Airport", 50, 52)), "ConfirmIntent"})
		c.turn(exchange{"#1", []string{"Done! Your economy Fiat 500 at Munich Airport is booked"}, "Close"})
		if got := s.bookings(token); len(got) != 1 || got[0].CarID != "muc-001" || got[0].PickupDate != s.iso(50) || got[0].ReturnDate != s.iso(52) {
			t.Errorf("stored: %+v", got)
		}
	})

	t.Run("change your mind at the confirmation", func(t *testing.T) {
		token := s.user("mind")
		c := s.talk(token)
		c.turn(exchange{"Book a luxury car in Berlin from " + s.said(60) + " to " + s.said(62), split(quote("a luxury car", "BMW 5 Series", "Berlin Hauptbahnhof", 60, 62)), "ConfirmIntent"})
		c.turn(exchange{"no thanks", []string{"No problem, I haven't booked anything."}, "Close"})
		if got := s.bookings(token); len(got) != 0 {
			t.Errorf("stored: %+v", got)
		}
		// A new request after that starts afresh.
		c.turn(exchange{"show my bookings", []string{"no upcoming bookings"}, "Close"})
	})

	t.Run("an unknown city", func(t *testing.T) {
		token := s.user("city")
		c := s.talk(token)
		c.turn(exchange{"I need a car in Reykjavik", []string{"Sorry, we have no rental station in Reykjavik.",
			"We serve Auckland, Berlin, London, Munich, New York, Paris, San Francisco and Sydney.", "Where would you like to pick up the car?"}, "ElicitSlot PickupCity"})
		c.turn(exchange{"London", []string{"When would you like to pick up the car?"}, "ElicitSlot PickupDate"})
		if got := s.bookings(token); len(got) != 0 {
			t.Errorf("stored: %+v", got)
		}
	})

	t.Run("a date in the past", func(t *testing.T) {
		token := s.user("past")
		c := s.talk(token)
		c.turn(exchange{"Rent a car in Paris from yesterday to " + s.said(3), []string{s.spelt(-1) + " is in the past",
			"When would you like to pick up the car?"}, "ElicitSlot PickupDate"})
		c.turn(exchange{"tomorrow", []string{"Which type of car would you like"}, "ElicitSlot CarType"})
		if got := s.bookings(token); len(got) != 0 {
			t.Errorf("stored: %+v", got)
		}
	})

	t.Run("nothing free, then accept an alternative", func(t *testing.T) {
		// Another customer has Berlin's only SUV for those days.
		other := s.user("other")
		var taken storedBooking
		s.rest("POST", "/bookings", other, fmt.Sprintf(`{"carId":"ber-005","pickupDate":%q,"returnDate":%q}`, s.iso(70), s.iso(75)), &taken)

		token := s.user("alternative")
		c := s.talk(token)
		c.turn(exchange{"Book a 4x4 in Berlin from " + s.said(71) + " to " + s.said(73), []string{
			"Sorry, no SUV is free at Berlin Hauptbahnhof from " + s.spelt(71) + " to " + s.spelt(73) + ".",
			"Free for your dates (2 days): economy from €78.00", "Which type would you like?", "[Economy from €78.00]"}, "ElicitSlot CarType"})
		c.turn(exchange{"#1", append(split(quote("an economy car", "Volkswagen Polo", "Berlin Hauptbahnhof", 71, 73)), "Shall I book it?"), "ConfirmIntent"})
		c.turn(exchange{"yes please", []string{"Done! Your economy Volkswagen Polo at Berlin Hauptbahnhof is booked"}, "Close"})
		if got := s.bookings(token); len(got) != 1 || got[0].CarID != "ber-001" || got[0].PickupDate != s.iso(71) {
			t.Errorf("stored: %+v", got)
		}
	})

	t.Run("list my bookings and cancel one", func(t *testing.T) {
		token := s.user("list")
		var first, second storedBooking
		s.rest("POST", "/bookings", token, fmt.Sprintf(`{"carId":"muc-003","pickupDate":%q,"returnDate":%q}`, s.iso(80), s.iso(82)), &first)
		s.rest("POST", "/bookings", token, fmt.Sprintf(`{"carId":"muc-004","pickupDate":%q,"returnDate":%q}`, s.iso(90), s.iso(93)), &second)
		c := s.talk(token)
		c.turn(exchange{"What have I booked?", []string{"You have 2 upcoming bookings:",
			s.spelt(80) + " to " + s.spelt(82) + ": Audi A3 Sportback at Munich Airport", "(booking " + first.ID + ")",
			s.spelt(90) + " to " + s.spelt(93) + ": BMW 3 Series at Munich Airport", "(booking " + second.ID + ")"}, "Close"})
		c.turn(exchange{"Cancel booking " + second.ID, []string{"Shall I cancel booking " + second.ID + ": BMW 3 Series at Munich Airport",
			"This can't be undone.", "[Yes]", "[No]"}, "ConfirmIntent"})
		c.turn(exchange{"yes", []string{"Done: booking " + second.ID + " (BMW 3 Series at Munich Airport, " + s.spelt(90)}, "Close"})
		status := map[string]string{}
		for _, b := range s.bookings(token) {
			status[b.ID] = b.Status
		}
		if status[first.ID] != "CONFIRMED" || status[second.ID] != "CANCELLED" {
			t.Errorf("stored: %v", status)
		}
	})

	t.Run("gibberish", func(t *testing.T) {
		token := s.user("gibberish")
		c := s.talk(token)
		c.turn(exchange{"flurb wizzle 42 ???", []string{"I can book a rental car for you, list your upcoming bookings or cancel one."}, "Close"})
		c.turn(exchange{"show my reservations", []string{"You have no upcoming bookings"}, "Close"})
		if got := s.bookings(token); len(got) != 0 {
			t.Errorf("stored: %+v", got)
		}
	})

	t.Run("an expired token mid-conversation", func(t *testing.T) {
		token := s.user("expired")
		c := s.talk(token)
		c.turn(exchange{"Book a van in Paris from " + s.said(100) + " to " + s.said(102), split(quote("a van", "Renault Trafic", "Paris Gare de Lyon", 100, 102)), "ConfirmIntent"})
		s.skew.Store(int64(61 * time.Minute)) // the token is an hour old now
		defer s.skew.Store(0)
		c.turn(exchange{"yes", []string{"Please sign in on our website first"}, "Close"})
		s.skew.Store(0)
		if got := s.bookings(token); len(got) != 0 {
			t.Errorf("stored: %+v", got)
		}
	})
}
