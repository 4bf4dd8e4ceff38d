package lexlocal_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2/types"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/lexlocal"
	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
	"github.com/carrental/backend/pkg/rental"
)

// The ids of template.yaml's bot and its live alias in the runtime.
const (
	botID   = "LEXBOT0000"
	aliasID = "LIVE000000"
	locale  = "en_US"
)

// rig is the runtime with template.yaml's bot on an httptest server, its
// code hook the real bot (pkg/lexbot) on the sample fleet in memory, with
// real RS256 tokens of a stand-in pool, every clock at storetest.Start
// (Monday 30 November 2026, noon UTC), and the AWS SDK's Lex runtime
// client pointed at it.
type rig struct {
	t     *testing.T
	url   string
	lex   *lexruntimev2.Client
	clock *storetest.Clock
	iss   *authtest.Issuer
	svc   *rental.Service
}

// newRig builds a rig; hook, when not nil, replaces the bot as the code
// hook.
func newRig(t *testing.T, hook lexbot.Handler) *rig {
	t.Helper()
	r := &rig{t: t, clock: &storetest.Clock{}, iss: authtest.NewIssuer(t)}
	r.clock.Set(storetest.Start)
	r.iss.SetClock(r.clock.Now)
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	if hook == nil {
		hook = r.bot()
	}
	bots, err := lexlocal.Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := lexlocal.New(lexlocal.Options{Bots: bots, CodeHooks: map[string]lexbot.Handler{"LexFulfillmentFunction": hook},
		Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rt)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	r.lex = lexClient(srv.URL)
	return r
}

// lexClient is the AWS SDK's Lex runtime client with url as its endpoint,
// as a client of the local stack makes it: any credentials will do.
func lexClient(url string) *lexruntimev2.Client {
	return lexruntimev2.New(lexruntimev2.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
}

// bot is the code hook as functions/lex-fulfillment builds it, on the
// sample fleet in memory.
func (r *rig) bot() lexbot.Handler {
	store := memstore.New()
	root, err := samtemplate.FindRoot()
	if err != nil {
		r.t.Fatal(err)
	}
	fleet, err := seed.Load(filepath.Join(root, seed.FleetFile))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := seed.Put(context.Background(), store, fleet); err != nil {
		r.t.Fatal(err)
	}
	r.svc = rental.NewService(store, rental.WithClock(r.clock.Now))
	verifier, err := auth.New(context.Background(), auth.Config{Issuer: r.iss.Issuer(), ClientID: r.iss.ClientID(), Now: r.clock.Now})
	if err != nil {
		r.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return lambdalog.Wrap(log, "lex-fulfillment", lexbot.Outcome, lexbot.New(r.svc, verifier, lexbot.Options{}).Handle)
}

// say sends text in session with attrs, as the web app does, and returns
// the answer.
func (r *rig) say(session, text string, attrs map[string]string) *lexruntimev2.RecognizeTextOutput {
	r.t.Helper()
	out, err := r.lex.RecognizeText(r.t.Context(), &lexruntimev2.RecognizeTextInput{BotId: aws.String(botID),
		BotAliasId: aws.String(aliasID), LocaleId: aws.String(locale), SessionId: aws.String(session), Text: aws.String(text),
		SessionState: &types.SessionState{SessionAttributes: attrs}})
	if err != nil {
		r.t.Fatalf("RecognizeText %q: %v", text, err)
	}
	return out
}

// text is the plain-text messages of an answer, one a line.
func text(ms []types.Message) string {
	var parts []string
	for _, m := range ms {
		if m.ContentType == types.MessageContentTypePlainText {
			parts = append(parts, aws.ToString(m.Content))
		}
	}
	return strings.Join(parts, "\n")
}

// next is an answer's dialog action: "ElicitSlot PickupCity", "Close".
func next(s *types.SessionState) string {
	if s == nil || s.DialogAction == nil {
		return ""
	}
	if s.DialogAction.Type == types.DialogActionTypeElicitSlot {
		return "ElicitSlot " + aws.ToString(s.DialogAction.SlotToElicit)
	}
	return string(s.DialogAction.Type)
}
