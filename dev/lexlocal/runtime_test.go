package lexlocal_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2/types"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/lexbot"
	"github.com/carrental/backend/pkg/rental"
)

// TestSDKTurns: the AWS SDK's client, pointed at the runtime, holds a
// conversation unchanged: the prompts of the template when the code hook
// delegates, the code hook's own messages, its card, the slots and the
// session attributes carried from turn to turn.
func TestSDKTurns(t *testing.T) {
	r := newRig(t, nil)
	attrs := map[string]string{lexbot.AttrIDToken: r.iss.IDToken("alice-sub", "alice@example.com")}

	out := r.say("sdk-1", "I'd like to rent a car", attrs)
	if next(out.SessionState) != "ElicitSlot PickupCity" || text(out.Messages) != "Where would you like to pick up the car?" {
		t.Fatalf("first turn: %s %q", next(out.SessionState), text(out.Messages))
	}
	if aws.ToString(out.SessionId) != "sdk-1" || len(out.Interpretations) != 2 ||
		aws.ToString(out.Interpretations[0].Intent.Name) != "BookCar" || out.Interpretations[0].NluConfidence == nil ||
		aws.ToString(out.Interpretations[1].Intent.Name) != "FallbackIntent" {
		t.Errorf("session %q, interpretations %+v", aws.ToString(out.SessionId), out.Interpretations)
	}
	out = r.say("sdk-1", "Berlin", attrs)
	if next(out.SessionState) != "ElicitSlot PickupDate" {
		t.Fatalf("after the city: %s %q", next(out.SessionState), text(out.Messages))
	}
	if v := out.SessionState.Intent.Slots["PickupCity"].Value; aws.ToString(v.OriginalValue) != "Berlin" {
		t.Errorf("PickupCity %+v", v)
	}
	out = r.say("sdk-1", "March 5", attrs)
	out = r.say("sdk-1", "March 8", attrs)
	out = r.say("sdk-1", "something cheap", attrs)
	if next(out.SessionState) != "ConfirmIntent" || !strings.Contains(text(out.Messages), "Pick-up Friday 5 March 2027, return Monday 8 March 2027") {
		t.Fatalf("the quote: %s %q", next(out.SessionState), text(out.Messages))
	}
	card := out.Messages[len(out.Messages)-1]
	if card.ContentType != types.MessageContentTypeImageResponseCard || card.ImageResponseCard == nil || len(card.ImageResponseCard.Buttons) != 2 ||
		aws.ToString(card.ImageResponseCard.Buttons[0].Value) != "yes" {
		t.Errorf("the quote's card: %+v", card)
	}
	// The quote travels in the session attributes; the client hands back
	// what it got, with its token.
	back := out.SessionState.SessionAttributes
	if back["quoteCarId"] == "" || back[lexbot.AttrIDToken] == "" {
		t.Errorf("session attributes %v", back)
	}
	out = r.say("sdk-1", "yes", back)
	if next(out.SessionState) != "Close" || out.SessionState.Intent.State != types.IntentStateFulfilled ||
		!strings.Contains(text(out.Messages), "Your booking number is ") {
		t.Fatalf("yes: %s %s %q", next(out.SessionState), out.SessionState.Intent.State, text(out.Messages))
	}
	page, err := r.svc.ListBookings(t.Context(), "alice-sub", rental.BookingQuery{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("alice's bookings: %+v %v", page.Items, err)
	}
}

// TestSessions: PutSession sets a state that RecognizeText continues
// from, GetSession returns it, DeleteSession ends it; an unknown session
// is a 404, and a session idle longer than the bot's IdleSessionTTL (600
// s) is gone.
func TestSessions(t *testing.T) {
	r := newRig(t, nil)
	ctx := t.Context()
	ids := func(session string) (*string, *string, *string, *string) {
		return aws.String(botID), aws.String(aliasID), aws.String(locale), aws.String(session)
	}
	bot, alias, loc, sess := ids("put-1")

	put, err := r.lex.PutSession(ctx, &lexruntimev2.PutSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: sess,
		SessionState: &types.SessionState{
			SessionAttributes: map[string]string{"x": "1"},
			DialogAction:      &types.DialogAction{Type: types.DialogActionTypeElicitSlot, SlotToElicit: aws.String("PickupDate")},
			Intent: &types.Intent{Name: aws.String("BookCar"), Slots: map[string]types.Slot{
				"PickupCity": {Value: &types.Value{InterpretedValue: aws.String("Paris"), OriginalValue: aws.String("Paris")}}}},
		},
		Messages: []types.Message{{ContentType: types.MessageContentTypePlainText, Content: aws.String("When?")}}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(put.SessionId) != "put-1" || !strings.Contains(gunzip(t, aws.ToString(put.SessionState)), `"PickupCity"`) ||
		!strings.Contains(gunzip(t, aws.ToString(put.Messages)), "When?") {
		t.Errorf("PutSession answered %+v", put)
	}
	got, err := r.lex.GetSession(ctx, &lexruntimev2.GetSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: sess})
	if err != nil {
		t.Fatal(err)
	}
	if next(got.SessionState) != "ElicitSlot PickupDate" || got.SessionState.SessionAttributes["x"] != "1" || text(got.Messages) != "When?" {
		t.Errorf("GetSession: %s %v %q", next(got.SessionState), got.SessionState.SessionAttributes, text(got.Messages))
	}
	// The next utterance answers the slot that PutSession elicits.
	out := r.say("put-1", "tomorrow", map[string]string{lexbot.AttrIDToken: r.iss.IDToken("alice-sub", "a@example.com")})
	if v := out.SessionState.Intent.Slots["PickupDate"].Value; v == nil || aws.ToString(v.InterpretedValue) != "2026-12-01" {
		t.Errorf("PickupDate after PutSession: %+v (%s %q)", v, next(out.SessionState), text(out.Messages))
	}
	del, err := r.lex.DeleteSession(ctx, &lexruntimev2.DeleteSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: sess})
	if err != nil || aws.ToString(del.SessionId) != "put-1" || aws.ToString(del.BotAliasId) != aliasID {
		t.Fatalf("DeleteSession: %+v %v", del, err)
	}
	_, err = r.lex.GetSession(ctx, &lexruntimev2.GetSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: sess})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("GetSession after DeleteSession: %v, want ResourceNotFoundException", err)
	}

	r.say("idle-1", "show my bookings", nil)
	r.clock.Set(storetest.Start.Add(599 * time.Second))
	if _, err := r.lex.GetSession(ctx, &lexruntimev2.GetSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: aws.String("idle-1")}); err != nil {
		t.Errorf("after 599 s: %v", err)
	}
	r.clock.Set(storetest.Start.Add(599*time.Second + 601*time.Second))
	_, err = r.lex.GetSession(ctx, &lexruntimev2.GetSessionInput{BotId: bot, BotAliasId: alias, LocaleId: loc, SessionId: aws.String("idle-1")})
	if !errors.As(err, &nf) {
		t.Errorf("after 601 s idle: %v, want ResourceNotFoundException", err)
	}
}

func gunzip(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("not base64: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestErrors: what Lex refuses, the runtime refuses, with the API's
// errors as the SDK reads them.
func TestErrors(t *testing.T) {
	r := newRig(t, nil)
	call := func(bot, alias, loc, session, text string) error {
		_, err := r.lex.RecognizeText(t.Context(), &lexruntimev2.RecognizeTextInput{BotId: aws.String(bot), BotAliasId: aws.String(alias),
			LocaleId: aws.String(loc), SessionId: aws.String(session), Text: aws.String(text)})
		return err
	}
	var (
		notFound   *types.ResourceNotFoundException
		validation *types.ValidationException
	)
	cases := []struct {
		name string
		err  error
		want any
	}{
		{"unknown bot", call("NOSUCHBOT0", aliasID, locale, "s-1", "hi"), &notFound},
		{"unknown alias", call(botID, "NOSUCHALIA", locale, "s-1", "hi"), &notFound},
		{"unknown locale", call(botID, aliasID, "de_DE", "s-1", "hi"), &notFound},
		{"bot id of 9 characters", call("LEXBOT000", aliasID, locale, "s-1", "hi"), &validation},
		{"session id of 1 character", call(botID, aliasID, locale, "s", "hi"), &validation},
		{"session id with a space", call(botID, aliasID, locale, "s 1", "hi"), &validation},
		{"session id of 101 characters", call(botID, aliasID, locale, strings.Repeat("s", 101), "hi"), &validation},
		{"text of 1025 characters", call(botID, aliasID, locale, "s-1", strings.Repeat("a", 1025)), &validation},
	}
	for _, c := range cases {
		if c.err == nil || !errors.As(c.err, c.want) {
			t.Errorf("%s: %v, want %T", c.name, c.err, c.want)
		}
	}
	if err := call(botID, aliasID, locale, "s-1", strings.Repeat("a", 1024)); err != nil {
		t.Errorf("text of 1024 characters: %v", err)
	}
	if err := call(botID, lexlocalTestAlias, locale, "s-1", "show my bookings"); err != nil {
		t.Errorf("the draft's test alias: %v", err)
	}

	// What the SDK would never send, as curl or a web page might.
	raw := func(method, path, body string, header ...string) (int, string, string) {
		req, _ := http.NewRequestWithContext(t.Context(), method, r.url+path, strings.NewReader(body))
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), string(b)
	}
	session := "/bots/" + botID + "/botAliases/" + aliasID + "/botLocales/" + locale + "/sessions/raw-1"
	for _, c := range []struct {
		name, method, path, body string
		header                   []string
		status                   int
		code                     string
	}{
		{"malformed JSON", "POST", session + "/text", `{"text": `, nil, 400, "ValidationException"},
		{"text of the wrong type", "POST", session + "/text", `{"text": 5}`, nil, 400, "ValidationException"},
		{"no text", "POST", session + "/text", `{}`, nil, 400, "ValidationException"},
		{"unknown intent in the session state", "POST", session + "/text", `{"text":"hi","sessionState":{"intent":{"name":"OrderPizza"}}}`, nil, 400, "ValidationException"},
		{"unknown dialog action", "POST", session + "/text", `{"text":"hi","sessionState":{"dialogAction":{"type":"Finish"},"intent":{"name":"BookCar"}}}`, nil, 400, "ValidationException"},
		{"active context without time to live", "POST", session + "/text", `{"text":"hi","sessionState":{"activeContexts":[{"name":"x","contextAttributes":{}}]}}`, nil, 400, "ValidationException"},
		{"PutSession without a session state", "POST", session, `{}`, nil, 400, "ValidationException"},
		{"audio", "POST", session + "/utterance", ``, nil, 400, "ValidationException"},
		{"no such operation", "PUT", session, `{}`, nil, 404, "UnknownOperationException"},
		{"another web page", "POST", session + "/text", `{"text":"hi"}`, []string{"Origin", "https://evil.example"}, 403, "AccessDeniedException"},
		{"unknown session", "GET", "/bots/" + botID + "/botAliases/" + aliasID + "/botLocales/" + locale + "/sessions/never-1", ``, nil, 404, "ResourceNotFoundException"},
	} {
		status, code, body := raw(c.method, c.path, c.body, c.header...)
		var msg struct{ Message string }
		if status != c.status || code != c.code || json.Unmarshal([]byte(body), &msg) != nil || msg.Message == "" {
			t.Errorf("%s: %d %s %s, want %d %s with a message", c.name, status, code, body, c.status, c.code)
		}
	}
	// curl, unsigned, gets the Lex V2 shape.
	status, _, body := raw("POST", session+"/text", `{"text":"show my bookings"}`, "Content-Type", "application/json")
	var out struct {
		Messages     []lexbot.Message
		SessionState lexbot.SessionState
		SessionID    string
	}
	if status != 200 || json.Unmarshal([]byte(body), &out) != nil || out.SessionID != "raw-1" || out.SessionState.Intent.Name != "MyBookings" ||
		!strings.Contains(out.Messages[0].Content, "Please sign in") {
		t.Errorf("unsigned RecognizeText: %d %s", status, body)
	}
}

// lexlocalTestAlias is the draft's alias id, which every bot has.
const lexlocalTestAlias = "TSTALIASID"

// TestRetriesThenFallback: an answer that is not understood repeats the
// slot's prompt, MaxRetries times (2 in template.yaml); the next goes to
// the fallback intent, whose code hook says what the bot can do.
func TestRetriesThenFallback(t *testing.T) {
	r := newRig(t, nil)
	attrs := map[string]string{lexbot.AttrIDToken: r.iss.IDToken("alice-sub", "a@example.com")}
	r.say("retry-2", "I need a car", attrs)
	for i := range 2 {
		out := r.say("retry-2", "yes", attrs)
		if next(out.SessionState) != "ElicitSlot PickupCity" || text(out.Messages) != "Where would you like to pick up the car?" {
			t.Fatalf("retry %d: %s %q", i+1, next(out.SessionState), text(out.Messages))
		}
	}
	out := r.say("retry-2", "yes", attrs)
	if aws.ToString(out.SessionState.Intent.Name) != "FallbackIntent" || !strings.Contains(text(out.Messages), "I can book a rental car for you") {
		t.Errorf("third: %s %s %q", aws.ToString(out.SessionState.Intent.Name), next(out.SessionState), text(out.Messages))
	}
}

// TestCodeHookFaults: a code hook that fails, or answers what Lex would
// refuse, is a 424 DependencyFailedException, and the session stays as it
// was.
func TestCodeHookFaults(t *testing.T) {
	for name, hook := range map[string]lexbot.Handler{
		"error": func(context.Context, lexbot.Event) (lexbot.Response, error) {
			return lexbot.Response{}, errors.New("boom")
		},
		"no dialog action": func(_ context.Context, ev lexbot.Event) (lexbot.Response, error) {
			return lexbot.Response{SessionState: ev.SessionState}, nil
		},
		"a slot the intent lacks": func(_ context.Context, ev lexbot.Event) (lexbot.Response, error) {
			in := *ev.SessionState.Intent
			return lexbot.Response{SessionState: lexbot.SessionState{Intent: &in,
				DialogAction: &lexbot.DialogAction{Type: lexbot.ElicitSlot, SlotToElicit: "Colour"}}}, nil
		},
		"a card of six buttons": func(_ context.Context, ev lexbot.Event) (lexbot.Response, error) {
			in := *ev.SessionState.Intent
			in.State = lexbot.Fulfilled
			return lexbot.Response{SessionState: lexbot.SessionState{Intent: &in, DialogAction: &lexbot.DialogAction{Type: lexbot.Close}},
				Messages: []lexbot.Message{{ContentType: lexbot.ImageResponseCard, ImageResponseCard: &lexbot.ResponseCard{Title: "t",
					Buttons: make([]lexbot.Button, 6)}}}}, nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, hook)
			_, err := r.lex.RecognizeText(t.Context(), &lexruntimev2.RecognizeTextInput{BotId: aws.String(botID), BotAliasId: aws.String(aliasID),
				LocaleId: aws.String(locale), SessionId: aws.String("fault-1"), Text: aws.String("book a car")})
			var dep *types.DependencyFailedException
			if !errors.As(err, &dep) {
				t.Fatalf("%v, want DependencyFailedException", err)
			}
			got, err := r.lex.GetSession(t.Context(), &lexruntimev2.GetSessionInput{BotId: aws.String(botID), BotAliasId: aws.String(aliasID),
				LocaleId: aws.String(locale), SessionId: aws.String("fault-1")})
			if err != nil || got.SessionState.Intent != nil {
				t.Errorf("the session after the fault: %+v %v", got, err)
			}
		})
	}
}
