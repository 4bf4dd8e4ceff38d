package lexbot

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/rental"
)

// FuzzLexEvent feeds whole Lex V2 events, as JSON, to the code hook, with
// "${ID_TOKEN}" replaced by the token that tokenKind picks: a valid token
// of alice or bob, or a forgery (alg none, expired, sub tampered, an access
// token, another pool's, empty), or the placeholder left as it is. Whatever
// the event, Handle must not panic or fail, its response must pass Validate
// and survive JSON, and the store must see no user's bookings read or
// written unless the event carries that user's valid token (a token is
// valid when its three parts decode to the bytes of one that was minted
// valid). Every input runs on a fresh in-memory store holding the sample
// fleet and one booking of alice's. Seeds in testdata/fuzz/FuzzLexEvent:
// every events/lex-*.json, its dates rendered for storetest.Start, with
// the tokens.
func FuzzLexEvent(f *testing.F) {
	fz := newLexFuzz(f)
	f.Fuzz(func(t *testing.T, event []byte, tokenKind uint8) {
		var tok string
		if i := int(tokenKind) % (len(fz.tokens) + 1); i < len(fz.tokens) {
			tok = fz.tokens[i]
			event = bytes.ReplaceAll(event, []byte("${ID_TOKEN}"), []byte(tok))
		}
		var ev Event
		if json.Unmarshal(event, &ev) != nil {
			return // Lambda would not call the handler with it
		}
		store := fz.store(t)
		bot := New(rental.NewService(store, rental.WithClock(func() time.Time { return storetest.Start })),
			fz.verifier, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})

		resp, err := bot.Handle(context.Background(), ev)
		if err != nil {
			t.Fatalf("Handle returned an error: %v", err)
		}
		if err := Validate(resp); err != nil {
			t.Fatalf("the response breaks the Lex V2 rules: %v\n%s", err, mustJSON(resp))
		}
		var back Response
		if err := json.Unmarshal([]byte(mustJSON(resp)), &back); err != nil {
			t.Fatalf("the response does not survive JSON: %v", err)
		}
		caller, signedIn := fz.identity(ev.SessionState.SessionAttributes[AttrIDToken])
		for _, user := range store.users() {
			if !signedIn || user != caller {
				t.Fatalf("the store served user %q's bookings to a caller whose token (kind %d) is valid for %q: %v",
					user, tokenKind, caller, signedIn)
			}
		}
	})
}

// lexFuzz is what the inputs of FuzzLexEvent share: the sample fleet, a
// fake user pool with its verifier, and tokens minted once (minting signs
// with RSA).
type lexFuzz struct {
	fleet    seed.Fleet
	verifier *auth.Verifier
	tokens   []string            // by tokenKind
	valid    map[string]string   // the valid tokens -> their sub
	parts    map[string][][]byte // the valid tokens -> their decoded parts
}

func newLexFuzz(f *testing.F) *lexFuzz {
	root, err := samtemplate.FindRoot()
	if err != nil {
		f.Fatal(err)
	}
	fleet, err := seed.Load(filepath.Join(root, seed.FleetFile))
	if err != nil {
		f.Fatal(err)
	}
	iss := authtest.NewIssuer(f)
	v, err := auth.New(context.Background(), auth.Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
	if err != nil {
		f.Fatal(err)
	}
	aliceTok, bobTok := iss.IDToken(alice, "alice@example.com"), iss.IDToken(bob, "bob@example.com")
	fz := &lexFuzz{fleet: fleet, verifier: v,
		tokens: []string{
			aliceTok,
			bobTok,
			iss.IDToken(alice, "alice@example.com", authtest.WithAlg("none")),
			iss.IDToken(alice, "alice@example.com", authtest.WithIssuedAt(time.Now().Add(-3*time.Hour))),
			authtest.TamperClaim(f, bobTok, "sub", alice),
			iss.AccessToken(alice),
			authtest.NewIssuer(f).IDToken(alice, "alice@example.com"),
			"",
		},
		valid: map[string]string{aliceTok: alice, bobTok: bob},
		parts: map[string][][]byte{},
	}
	for tok := range fz.valid {
		fz.parts[tok], _ = decodeParts(tok)
	}
	return fz
}

// identity is the user whose valid token raw is, as the bot reads it
// (spaces around, an optional "Bearer " prefix), judged by content rather
// than spelling: base64 lets one token be written several ways.
func (fz *lexFuzz) identity(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	if len(s) >= 7 && strings.EqualFold(s[:6], "bearer") && (s[6] == ' ' || s[6] == '\t') {
		s = strings.TrimSpace(s[7:])
	}
	parts, ok := decodeParts(s)
	if !ok {
		return "", false
	}
	for tok, want := range fz.parts {
		if len(want) == 3 && bytes.Equal(parts[0], want[0]) && bytes.Equal(parts[1], want[1]) && bytes.Equal(parts[2], want[2]) {
			return fz.valid[tok], true
		}
	}
	return "", false
}

func decodeParts(tok string) ([][]byte, bool) {
	segs := strings.Split(tok, ".")
	if len(segs) != 3 {
		return nil, false
	}
	out := make([][]byte, 3)
	for i, seg := range segs {
		b, err := base64.RawURLEncoding.DecodeString(seg)
		if err != nil {
			return nil, false
		}
		out[i] = b
	}
	return out, true
}

// store is a fresh memstore with the sample fleet and alice's booking of
// ber-001 (which the cancel and my-bookings events find), behind a
// recorder of whose bookings are read or written from then on.
func (fz *lexFuzz) store(t *testing.T) *recordingStore {
	t.Helper()
	ctx := context.Background()
	m := memstore.New()
	for _, l := range fz.fleet.Locations {
		if err := m.PutLocation(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range fz.fleet.Cars {
		if err := m.PutCar(ctx, c.Car); err != nil {
			t.Fatal(err)
		}
	}
	svc := rental.NewService(m, rental.WithClock(func() time.Time { return storetest.Start }))
	_, err := svc.CreateBooking(ctx, alice, rental.BookingRequest{CarID: "ber-001",
		Period: rental.Period{Pickup: rental.MustDate("2027-03-05"), Return: rental.MustDate("2027-03-08")}}, "")
	if err != nil {
		t.Fatal(err)
	}
	return &recordingStore{Store: m}
}

// recordingStore notes every user whose bookings are read or written.
type recordingStore struct {
	*memstore.Store
	mu   sync.Mutex
	seen []string
}

func (s *recordingStore) note(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen = append(s.seen, user)
}

func (s *recordingStore) users() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

func (s *recordingStore) ListBookings(ctx context.Context, user string, f rental.BookingFilter) (rental.Page[rental.Booking], error) {
	s.note(user)
	return s.Store.ListBookings(ctx, user, f)
}

func (s *recordingStore) GetBooking(ctx context.Context, user, id string) (rental.Booking, error) {
	s.note(user)
	return s.Store.GetBooking(ctx, user, id)
}

func (s *recordingStore) Write(ctx context.Context, user string, w rental.WriteRequest,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	s.note(user)
	return s.Store.Write(ctx, user, w, fn)
}
