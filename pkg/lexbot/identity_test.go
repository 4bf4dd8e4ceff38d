package lexbot

import (
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/authtest"
)

// TestForgedTokensNeverBook sends the fulfillment event, the one that
// books, with a token that must not pass, one test per forgery. The bot
// asks the user to sign in and the table holds no booking afterwards; the
// MyBookings event, which reads personal data, is refused the same way.
func TestForgedTokensNeverBook(t *testing.T) {
	forgeries := []struct {
		name  string
		token func(e *env) string
	}{
		{"signed by another key", func(e *env) string { return e.iss.IDToken(alice, "a@example.com", authtest.WithForeignKey()) }},
		{"alg none", func(e *env) string { return e.iss.IDToken(alice, "a@example.com", authtest.WithAlg("none")) }},
		{"HS256 signed with the public key", func(e *env) string {
			return e.iss.IDToken(alice, "a@example.com", authtest.WithAlg("HS256"))
		}},
		{"wrong audience", func(e *env) string {
			return e.iss.IDToken(alice, "a@example.com", authtest.WithClientID("another-app-client"))
		}},
		{"an access token", func(e *env) string { return e.iss.AccessToken(alice) }},
		{"expired", func(e *env) string {
			return e.iss.IDToken(alice, "a@example.com", authtest.WithIssuedAt(time.Now().Add(-2*time.Hour)))
		}},
		{"another pool", func(e *env) string { return authtest.NewIssuer(e.t).IDToken(alice, "a@example.com") }},
		{"sub changed after signing", func(e *env) string {
			return authtest.TamperClaim(e.t, e.token(bob), "sub", alice)
		}},
		{"not a JWT", func(e *env) string { return "not-a-token" }},
		{"empty", func(e *env) string { return "" }},
	}
	for _, f := range forgeries {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, sampleFleet)
			tok := f.token(e)
			for _, name := range []string{"lex-book-fulfill.json", "lex-my-bookings.json", "lex-cancel-fulfill.json"} {
				resp := e.handle(readEvent(t, name, tok))
				if action(resp) != "Close" || state(resp) != Failed || !strings.Contains(content(resp), "Please sign in") {
					t.Errorf("%s: %s %s %q, want Close Failed asking to sign in", name, action(resp), state(resp), content(resp))
				}
			}
			if n := e.bookingItems(); n != 0 {
				t.Fatalf("the table holds %d bookings after a forged token", n)
			}
			if tok != "" && strings.Contains(e.logBuf.String(), tok) {
				t.Error("the log contains the token")
			}
		})
	}
}

// TestTokenIsTheUser: the booking belongs to the token's sub, whatever else
// the session says, and a valid token of another user sees none of it.
func TestTokenIsTheUser(t *testing.T) {
	e := newEnv(t, sampleFleet)
	ev := readEvent(t, "lex-book-fulfill.json", e.token(alice))
	ev.SessionState.SessionAttributes["userId"] = bob // a client may set anything
	if resp := e.handle(ev); state(resp) != Fulfilled {
		t.Fatalf("%s %q", state(resp), content(resp))
	}
	if len(e.bookings(alice)) != 1 || len(e.bookings(bob)) != 0 {
		t.Fatalf("alice %d, bob %d bookings; want 1, 0", len(e.bookings(alice)), len(e.bookings(bob)))
	}
	resp := e.handle(readEvent(t, "lex-my-bookings.json", e.token(bob)))
	if !strings.Contains(content(resp), "no upcoming bookings") {
		t.Errorf("bob sees %q", content(resp))
	}
}

// TestFallbackNeedsNoToken: help is for everyone.
func TestFallbackNeedsNoToken(t *testing.T) {
	e := newEnv(t, sampleFleet)
	resp := e.handle(readEvent(t, "lex-fallback.json", ""))
	if action(resp) != "ElicitIntent" || !strings.Contains(content(resp), "I can book a rental car") {
		t.Errorf("%s %q", action(resp), content(resp))
	}
}

// TestWebUIAttributeName: aws-lex-web-ui sends the ID token as the session
// attribute idtokenjwt; the bot takes it as it takes idToken (and books for
// it), and idToken wins when both are there.
func TestWebUIAttributeName(t *testing.T) {
	e := newEnv(t, sampleFleet)
	ev := readEvent(t, "lex-book-fulfill.json", "")
	delete(ev.SessionState.SessionAttributes, AttrIDToken)
	ev.SessionState.SessionAttributes[AttrIDTokenJWT] = e.token(alice)
	if resp := e.handle(ev); state(resp) != Fulfilled {
		t.Fatalf("with idtokenjwt: %s %q", state(resp), content(resp))
	}
	if len(e.bookings(alice)) != 1 {
		t.Fatalf("alice has %d bookings, want the one booked with idtokenjwt", len(e.bookings(alice)))
	}

	ev = readEvent(t, "lex-my-bookings.json", e.token(bob))
	ev.SessionState.SessionAttributes[AttrIDTokenJWT] = e.token(alice)
	if resp := e.handle(ev); !strings.Contains(content(resp), "no upcoming bookings") {
		t.Errorf("idToken (bob) and idtokenjwt (alice): the bot answered %q, want bob's empty list", content(resp))
	}
}
