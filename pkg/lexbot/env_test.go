package lexbot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/rental"
)

// The users of the tests: Cognito subs, as the token's sub claim.
const (
	alice = "4c2f9d7e-1a3b-4e5f-8a9b-0c1d2e3f4a5b"
	bob   = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
)

// env is one test's bot on DynamoDB Local: a fresh table filled with a
// fleet, a rental Service whose clock stands at storetest.Start, a fake
// Cognito pool minting real RS256 tokens, and the bot's log.
type env struct {
	t      *testing.T
	svc    *rental.Service
	bot    *Bot
	iss    *authtest.Issuer
	db     *dynamodb.Client
	table  string
	clock  *storetest.Clock
	logBuf *syncBuffer
	// handler is bot.Handle wrapped with lambdalog.Wrap: one line a turn.
	handler func(context.Context, Event) (Response, error)
}

// fleetKind chooses the data of an env.
type fleetKind int

const (
	// fixture is storetest's: Berlin (BER: two economy cars at 39 and 41
	// EUR a day, an SUV, a luxury car), Los Angeles (LAX: one van) and
	// Auckland (AKL: one compact).
	fixture fleetKind = iota
	// sampleFleet is seed/fleet.json, what `make run` loads: the fleet the
	// events/lex-*.json files are written for.
	sampleFleet
)

func newEnv(t *testing.T, kind fleetKind) *env {
	t.Helper()
	client, table := testbed.Table(t)
	store := dynamo.New(client, table, []byte("lexbot-test-cursor-secret-0123456789"))
	e := &env{t: t, db: client, table: table, iss: authtest.NewIssuer(t), logBuf: &syncBuffer{}}
	switch kind {
	case fixture:
		se := storetest.NewEnv(t, store)
		e.svc, e.clock = se.Service, se.Clock
	case sampleFleet:
		root, err := samtemplate.FindRoot()
		if err != nil {
			t.Fatal(err)
		}
		f, err := seed.Load(filepath.Join(root, seed.FleetFile))
		if err != nil {
			t.Fatal(err)
		}
		if err := seed.Put(context.Background(), store, f); err != nil {
			t.Fatal(err)
		}
		e.clock = &storetest.Clock{}
		e.clock.Set(storetest.Start)
		e.svc = rental.NewService(store, rental.WithClock(e.clock.Now))
	}
	verifier, err := auth.New(context.Background(), auth.Config{Issuer: e.iss.Issuer(), ClientID: e.iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(e.logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e.bot = New(e.svc, verifier, Options{Logger: log})
	e.handler = lambdalog.Wrap(log, "lex-fulfillment", Outcome, e.bot.Handle) // as functions/lex-fulfillment does
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("bot log:\n%s", e.logBuf.String())
		}
	})
	return e
}

// token is a valid ID token of user.
func (e *env) token(user string) string { return e.iss.IDToken(user, user+"@example.com") }

// handle runs the bot on ev and holds the response to the Lex V2 rules.
func (e *env) handle(ev Event) Response {
	e.t.Helper()
	resp, err := e.handler(context.Background(), ev)
	if err != nil {
		e.t.Fatalf("Handle returned an error: %v", err)
	}
	if err := Validate(resp); err != nil {
		e.t.Fatalf("response breaks the Lex V2 rules: %v\n%s", err, mustJSON(resp))
	}
	// What Lex receives is JSON: it must survive the trip.
	var back Response
	if err := json.Unmarshal([]byte(mustJSON(resp)), &back); err != nil {
		e.t.Fatalf("response does not round-trip: %v", err)
	}
	return resp
}

// book makes a booking for user through the Service, as the website would.
func (e *env) book(user, carID string, pickup, ret string) rental.Booking {
	e.t.Helper()
	bk, err := e.svc.CreateBooking(context.Background(), user, rental.BookingRequest{CarID: carID,
		Period: rental.Period{Pickup: rental.MustDate(pickup), Return: rental.MustDate(ret)}}, "")
	if err != nil {
		e.t.Fatalf("book %s: %v", carID, err)
	}
	return bk
}

// bookings returns user's bookings, newest first.
func (e *env) bookings(user string) []rental.Booking {
	e.t.Helper()
	page, err := e.svc.ListBookings(context.Background(), user, rental.BookingQuery{Limit: rental.MaxPageSize})
	if err != nil {
		e.t.Fatal(err)
	}
	return page.Items
}

// bookingItems counts the booking items in the whole table, whoever they
// belong to, read straight from DynamoDB Local.
func (e *env) bookingItems() int {
	e.t.Helper()
	out, err := e.db.Scan(context.Background(), &dynamodb.ScanInput{
		TableName:                 &e.table,
		FilterExpression:          aws.String("begins_with(SK, :b)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":b": &types.AttributeValueMemberS{Value: "BOOKING#"}},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return int(out.Count)
}

// readEvent renders events/name as the local stack's invoke does, but for
// the day of the env's clock (storetest.Start) and with token in place of
// "${ID_TOKEN}".
func readEvent(t *testing.T, name, token string) Event {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := eventfile.Read(filepath.Join(root, "events", name), eventfile.Values{Today: storetest.Start, IDToken: token})
	if err != nil {
		t.Fatal(err)
	}
	var ev Event
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// content is the text of the response's messages (cards: see cards).
func content(r Response) string {
	var parts []string
	for _, m := range r.Messages {
		if m.ContentType != ImageResponseCard {
			parts = append(parts, m.Content)
		}
	}
	return strings.Join(parts, "\n")
}

// cards are the response's cards, each as "title: text=value, ...".
func cards(r Response) []string {
	var out []string
	for _, m := range r.Messages {
		if c := m.ImageResponseCard; m.ContentType == ImageResponseCard && c != nil {
			var buttons []string
			for _, b := range c.Buttons {
				buttons = append(buttons, b.Text+"="+b.Value)
			}
			out = append(out, c.Title+": "+strings.Join(buttons, ", "))
		}
	}
	return out
}

// action is the response's dialog action type and, for ElicitSlot, the slot.
func action(r Response) string {
	da := r.SessionState.DialogAction
	if da.Type == ElicitSlot {
		return string(da.Type) + " " + da.SlotToElicit
	}
	return string(da.Type)
}

// state is the response's intent state ("" without an intent).
func state(r Response) IntentState {
	if r.SessionState.Intent == nil {
		return ""
	}
	return r.SessionState.Intent.State
}

func mustJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// syncBuffer is a bytes.Buffer for a logger used from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
