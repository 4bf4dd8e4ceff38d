package coldstart

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// Stack is what the functions talk to during the benchmark, all on this
// machine: DynamoDB Local with template.yaml's table and the sample fleet,
// the stand-in user pool, and a UDP sink where the X-Ray SDK sends its
// segments (as to the X-Ray daemon in Lambda; the sink discards them).
type Stack struct {
	root   string
	ddb    *localdynamo.Server
	client *dynamodb.Client
	tpl    *samtemplate.Template
	fleet  seed.Fleet
	pool   *issuer
	xray   *net.UDPConn
	// today is the day the events are rendered for (dev/eventfile):
	// the functions run on the real clock.
	today time.Time
}

// cursorSecret is the benchmark's CURSOR_SECRET.
const cursorSecret = "cold-start-benchmark-cursor-secret-0123456789"

// StartStack starts DynamoDB Local (from root/.cache, as `make tools`
// fetches it), the user pool and the X-Ray sink.
func StartStack(ctx context.Context, root string) (*Stack, error) {
	s := &Stack{root: root, today: time.Now()}
	var err error
	if s.tpl, err = samtemplate.Load(filepath.Join(root, samtemplate.FileName)); err != nil {
		return nil, err
	}
	if s.fleet, err = seed.Load(filepath.Join(root, seed.FleetFile)); err != nil {
		return nil, err
	}
	if s.ddb, err = localdynamo.Start(ctx, localdynamo.Options{JarDir: filepath.Join(root, ".cache", "dynamodb-local")}); err != nil {
		return nil, err
	}
	if s.client, err = localdynamo.NewClient(ctx, s.ddb.Endpoint()); err != nil {
		s.Stop()
		return nil, err
	}
	if s.pool, err = newIssuer(); err != nil {
		s.Stop()
		return nil, err
	}
	if s.xray, err = net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}); err != nil {
		s.Stop()
		return nil, err
	}
	go func() { // drain, so that the SDK's writes never fail or block
		buf := make([]byte, 64<<10)
		for {
			if _, err := s.xray.Read(buf); err != nil {
				return
			}
		}
	}()
	return s, nil
}

// Stop stops what StartStack started.
func (s *Stack) Stop() {
	if s.xray != nil {
		s.xray.Close()
	}
	if s.pool != nil {
		s.pool.close()
	}
	if s.ddb != nil {
		s.ddb.Stop()
	}
}

// The user (${SUB}) and booking of events/get-booking.json,
// update-booking.json and cancel-booking.json (and the user of
// create-booking.json).
const (
	eventUser    = "5f3c8e2a-7b1d-4c9e-a6f0-2d8b4e1c9a37"
	eventEmail   = "bench@example.com"
	eventBooking = "01KB2X7Q9M4N6P8R0S2T4V6W8Y"
)

// The days of the events' booking: create-booking.json's ${DATE+102} to
// ${DATE+105}.
const eventPickup, eventReturn = 102, 105

// Table creates a fresh table from template.yaml's Table resource, with
// the sample fleet and, when withBooking, the booking that the booking
// events address (car ber-002, eventPickup to eventReturn days after
// today, version 1). A fresh
// table a run keeps every first invocation the same: the change and the
// cancellation find the booking as the events expect it.
func (s *Stack) Table(ctx context.Context, withBooking bool) (name string, drop func(), err error) {
	id := make([]byte, 6)
	rand.Read(id)
	name = "coldstart-" + hex.EncodeToString(id)
	in, err := s.tpl.TableInput("Table", name)
	if err != nil {
		return "", nil, err
	}
	if _, err := s.client.CreateTable(ctx, in); err != nil {
		return "", nil, err
	}
	drop = func() {
		s.client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	}
	if ttl, err := s.tpl.TTLAttribute("Table"); err == nil && ttl != "" {
		s.client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(name),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(ttl), Enabled: aws.Bool(true)}})
	}
	store := dynamo.New(s.client, name, []byte(cursorSecret))
	if err := seed.Put(ctx, store, s.fleet); err != nil {
		drop()
		return "", nil, fmt.Errorf("seed: %w", err)
	}
	if withBooking {
		svc := rental.NewService(store, rental.WithIDs(func() string { return eventBooking }))
		_, err := svc.CreateBooking(ctx, eventUser, rental.BookingRequest{CarID: "ber-002", LocationID: "ber",
			Period: rental.Period{Pickup: s.day(eventPickup), Return: s.day(eventReturn)}}, "")
		if err != nil {
			drop()
			return "", nil, fmt.Errorf("the events' booking: %w", err)
		}
	}
	return name, drop, nil
}

// Env is the environment of function (its folder name) on table: what
// Lambda sets (function name, memory, region, handler, task root, X-Ray
// daemon address, credentials: fake ones here, DynamoDB Local accepts
// any) and what template.yaml sets (Globals' TABLE_NAME, CURSOR_SECRET,
// ALLOWED_ORIGINS, IMAGE_BASE_URL and the Lex function's COGNITO_*), plus
// DYNAMODB_ENDPOINT. Nothing else of this machine's environment is passed
// on, so no real AWS credentials or settings can leak in.
func (s *Stack) Env(function, table string) []string {
	env := []string{
		"AWS_LAMBDA_FUNCTION_NAME=car-rental-bench-" + function,
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512", // the template's Globals
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/car-rental-bench-" + function,
		"AWS_LAMBDA_LOG_STREAM_NAME=bench",
		"AWS_LAMBDA_LOG_FORMAT=JSON",
		"AWS_LAMBDA_LOG_LEVEL=INFO",
		"AWS_EXECUTION_ENV=AWS_Lambda_provided.al2023",
		"AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=" + localdynamo.AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + localdynamo.SecretKey,
		"AWS_SESSION_TOKEN=bench",
		"AWS_XRAY_DAEMON_ADDRESS=" + s.xray.LocalAddr().String(),
		"AWS_XRAY_CONTEXT_MISSING=LOG_ERROR",
		"_HANDLER=bootstrap",
		"LAMBDA_TASK_ROOT=" + s.root,
		"TZ=:UTC",
		"TABLE_NAME=" + table,
		"CURSOR_SECRET=" + cursorSecret,
		"ALLOWED_ORIGINS=*",
		"IMAGE_BASE_URL=https://images.example.com",
		"DYNAMODB_ENDPOINT=" + s.ddb.Endpoint(),
	}
	if strings.HasPrefix(function, "lex-") {
		env = append(env, "COGNITO_ISSUER="+s.pool.url, "COGNITO_CLIENT_ID="+issuerClientID)
	}
	if function == "notify" {
		// SES on a port where nothing listens: the email fails at once, and
		// the batch is answered with its item failure (no SES here).
		env = append(env, "SITE_URL=https://cars.example.com", "MAIL_FROM=bookings@example.com", "SES_ENDPOINT=http://127.0.0.1:9")
	}
	return env
}

// Event is the event a function's first invocation gets: events/<name>.json
// for a REST function; events/lex-my-bookings.json for the Lex function;
// rendered (dev/eventfile) for today, with the events' user and a
// fresh ID token of that user from the stand-in pool (so the Lex
// function's first turn fetches the JWKS, verifies the token and lists
// the user's bookings).
func (s *Stack) Event(function string) ([]byte, error) {
	name := function
	if strings.HasPrefix(function, "lex-") {
		name = "lex-my-bookings"
	}
	token, err := s.pool.idToken(eventUser)
	if err != nil {
		return nil, err
	}
	return eventfile.Read(filepath.Join(s.root, "events", name+".json"),
		eventfile.Values{Today: s.today, IDToken: token, Sub: eventUser, Email: eventEmail})
}

// Today is the day the events are rendered for.
func (s *Stack) Today() time.Time { return s.today }

// day is the day n days after the stack's today (UTC, as the events'
// ${DATE+n}).
func (s *Stack) day(n int) rental.Date {
	return rental.DateOf(s.today.UTC()).AddDays(n)
}
