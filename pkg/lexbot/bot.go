package lexbot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/rental"
)

// TokenVerifier verifies a Cognito ID token and returns its claims; the
// error means "not signed in", whatever the reason. *auth.Verifier
// implements it (signature by kid from the pool's JWKS, RS256 only, issuer,
// audience = the app client id, token_use id, expiry).
type TokenVerifier interface {
	VerifyIDToken(ctx context.Context, raw string) (auth.Claims, error)
}

// DefaultLookAhead is how many days past the requested pick-up date the bot
// looks for a free car of the requested type when none is free: the
// domain's (rental.DefaultLookAhead).
const DefaultLookAhead = rental.DefaultLookAhead

// Options configures a Bot. The zero value is ready to use.
type Options struct {
	// Logger receives the panic of a Handle called outside lambdalog.Wrap
	// (which otherwise puts it on the turn's line). Default: slog.Default().
	Logger *slog.Logger
	// LookAhead overrides DefaultLookAhead.
	LookAhead int
}

// Bot is the code hook. Build it once per Lambda container with New and
// pass Handle to lambda.Start; it is safe for concurrent use.
type Bot struct {
	svc       *rental.Service
	verifier  TokenVerifier
	log       *slog.Logger
	lookAhead int
}

// New returns a Bot that books through svc and identifies callers with
// verifier.
func New(svc *rental.Service, verifier TokenVerifier, opts Options) *Bot {
	b := &Bot{svc: svc, verifier: verifier, log: opts.Logger, lookAhead: opts.LookAhead}
	if b.log == nil {
		b.log = slog.Default()
	}
	if b.lookAhead <= 0 {
		b.lookAhead = DefaultLookAhead
	}
	return b
}

// Handle answers one Lex V2 code-hook event. It returns a Response for every
// outcome, failures included: the user reads a short apology and the log
// gets the cause. (An error returned to Lex would only show the user Lex's
// generic failure message.) The error result is always nil; it is there for
// lambda.Start. Wrap it with lambdalog.Wrap and Outcome for the one log
// line per turn: what the turn adds to that line (the verified user, why a
// token was refused, an error code and cause, a panic's stack) goes there
// with lambdalog.Add.
func (b *Bot) Handle(ctx context.Context, ev Event) (resp Response, _ error) {
	t := newTurn(ev)
	defer func() {
		if p := recover(); p != nil {
			// The stack goes to the log; the user reads an apology.
			attrs := []slog.Attr{slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack()))}
			if !lambdalog.Error(ctx, attrs...) { // outside lambdalog.Wrap: a line of its own
				b.log.LogAttrs(ctx, slog.LevelError, "lexbot: panic", attrs...)
			}
			resp = t.close(Failed, msgInternal)
		}
		if t.user != "" {
			lambdalog.Add(ctx, slog.String("user", t.user)) // the token's sub, an opaque id
		}
	}()

	resp, err := b.dispatch(ctx, t)
	if err != nil {
		lambdalog.Error(ctx, slog.String("errorCode", string(rental.ErrorCode(err))), slog.String("cause", err.Error()))
		resp = t.close(Failed, msgInternal)
	}
	return resp, nil
}

// Outcome describes a turn for lambdalog.Wrap: the session (Lex's id of the
// conversation), the intent, what made Lex call (invocationSource), and the
// next step the response asks for: dialog action, slot to elicit and the
// intent's state. Nothing else of the event is logged: not the user's
// words, slot values or session attributes (the ID token is one).
func Outcome(ev Event, resp Response) []slog.Attr {
	t := newTurn(ev)
	attrs := []slog.Attr{
		slog.String("sessionId", ev.SessionID),
		slog.String("intent", t.intent.Name),
		slog.String("source", ev.InvocationSource),
	}
	if da := resp.SessionState.DialogAction; da != nil {
		attrs = append(attrs, slog.String("dialogAction", string(da.Type)))
		if da.SlotToElicit != "" {
			attrs = append(attrs, slog.String("slotToElicit", da.SlotToElicit))
		}
	}
	if in := resp.SessionState.Intent; in != nil {
		attrs = append(attrs, slog.String("state", string(in.State)))
	}
	return attrs
}

// dispatch routes the turn by intent. An error means "unexpected": Handle
// apologises; every expected outcome is a Response.
func (b *Bot) dispatch(ctx context.Context, t *turn) (Response, error) {
	switch t.intent.Name {
	case IntentBookCar, IntentMyBookings, IntentCancelBooking:
	default: // FallbackIntent, or an intent this code does not know
		if t.fulfilling() {
			return t.close(Fulfilled, msgHelp), nil
		}
		return t.elicitIntent(msgHelp), nil
	}
	if resp, ok := b.identify(ctx, t); !ok {
		return resp, nil
	}
	switch {
	case t.intent.Name == IntentBookCar && t.fulfilling():
		return b.fulfillBooking(ctx, t)
	case t.intent.Name == IntentBookCar:
		return b.bookingDialog(ctx, t)
	case t.intent.Name == IntentMyBookings:
		return b.myBookings(ctx, t)
	case t.fulfilling():
		return b.fulfillCancel(ctx, t)
	default:
		return b.cancelDialog(ctx, t)
	}
}

// identify verifies the session's ID token (AttrIDToken, else
// AttrIDTokenJWT) before anything personal is
// read or written, and sets t.user to its sub. Without a valid token the
// intent closes with a request to sign in (ok false).
func (b *Bot) identify(ctx context.Context, t *turn) (Response, bool) {
	raw := strings.TrimSpace(t.attrs[AttrIDToken])
	if raw == "" {
		raw = strings.TrimSpace(t.attrs[AttrIDTokenJWT])
	}
	if raw == "" {
		lambdalog.Add(ctx, slog.String("token", "missing"))
		return t.close(Failed, msgSignIn), false
	}
	claims, err := b.verifier.VerifyIDToken(ctx, raw)
	if err != nil || claims.Subject == "" {
		// The error says why (expired, signature, audience...), never the token.
		lambdalog.Add(ctx, slog.String("token", "refused"))
		if err != nil {
			lambdalog.Add(ctx, slog.String("tokenError", err.Error()))
		}
		return t.close(Failed, msgSignIn), false
	}
	t.user, t.email = claims.Subject, claims.Email
	return Response{}, true
}

// Handler is the code hook's Lambda handler: Bot.Handle, or it wrapped
// with lambdalog.Wrap.
type Handler func(context.Context, Event) (Response, error)
