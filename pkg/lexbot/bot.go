package lexbot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/pkg/auth"
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
// looks for a free car of the requested type when none is free.
const DefaultLookAhead = 28

// Options configures a Bot. The zero value is ready to use.
type Options struct {
	// Logger receives one line per turn and the details of failures
	// (never a token). Default: slog.Default().
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
// lambda.Start.
func (b *Bot) Handle(ctx context.Context, ev Event) (resp Response, _ error) {
	start := time.Now()
	t := newTurn(ev)
	log := b.log.With("intent", t.intent.Name, "source", ev.InvocationSource, "sessionId", ev.SessionID)
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		log = log.With("requestId", lc.AwsRequestID)
	}
	defer func() {
		if p := recover(); p != nil {
			log.ErrorContext(ctx, "lexbot: panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp = t.close(Failed, msgInternal)
		}
		var action DialogAction
		if resp.SessionState.DialogAction != nil {
			action = *resp.SessionState.DialogAction
		}
		var state IntentState
		if resp.SessionState.Intent != nil {
			state = resp.SessionState.Intent.State
		}
		log.InfoContext(ctx, "lex turn", "user", t.user, "action", action.Type, "slotToElicit", action.SlotToElicit,
			"state", state, "latencyMs", time.Since(start).Milliseconds())
	}()

	resp, err := b.dispatch(ctx, t, log)
	if err != nil {
		log.ErrorContext(ctx, "lexbot: turn failed", "error", err, "code", rental.ErrorCode(err))
		resp = t.close(Failed, msgInternal)
	}
	return resp, nil
}

// dispatch routes the turn by intent. An error means "unexpected": Handle
// apologises; every expected outcome is a Response.
func (b *Bot) dispatch(ctx context.Context, t *turn, log *slog.Logger) (Response, error) {
	switch t.intent.Name {
	case IntentBookCar, IntentMyBookings, IntentCancelBooking:
	default: // FallbackIntent, or an intent this code does not know
		if t.fulfilling() {
			return t.close(Fulfilled, msgHelp), nil
		}
		return t.elicitIntent(msgHelp), nil
	}
	if resp, ok := b.identify(ctx, t, log); !ok {
		return resp, nil
	}
	switch {
	case t.intent.Name == IntentBookCar && t.fulfilling():
		return b.fulfillBooking(ctx, t, log)
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

// identify verifies the session's ID token before anything personal is
// read or written, and sets t.user to its sub. Without a valid token the
// intent closes with a request to sign in (ok false).
func (b *Bot) identify(ctx context.Context, t *turn, log *slog.Logger) (Response, bool) {
	raw := strings.TrimSpace(t.attrs[AttrIDToken])
	if raw == "" {
		log.InfoContext(ctx, "lexbot: no idToken in the session attributes")
		return t.close(Failed, msgSignIn), false
	}
	claims, err := b.verifier.VerifyIDToken(ctx, raw)
	if err != nil || claims.Subject == "" {
		// The error says why (expired, signature, audience...), never the token.
		log.WarnContext(ctx, "lexbot: idToken refused", "error", err)
		return t.close(Failed, msgSignIn), false
	}
	t.user = claims.Subject
	return Response{}, true
}
