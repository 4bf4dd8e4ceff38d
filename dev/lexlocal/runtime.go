package lexlocal

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/carrental/backend/pkg/lexbot"
)

// PathPrefix starts every path of the runtime API.
const PathPrefix = "/bots/"

// Options configures New.
type Options struct {
	// Bots are the bots to run (Load).
	Bots []*Bot
	// CodeHooks are the code hooks by the logical ID of their function in
	// the template ("LexFulfillmentFunction"); every function that an
	// enabled alias locale names must be here.
	CodeHooks map[string]lexbot.Handler
	// Now is the clock of sessions (their idle TTL) and of AMAZON.Date
	// ("tomorrow"); nil is time.Now.
	Now func() time.Time
	// Log gets a line for each request that fails on the runtime's side
	// (a code hook's error or unacceptable response); nil discards them.
	Log *slog.Logger
}

// Runtime plays the Lex V2 runtime API for the bots it was given. It is
// an http.Handler for the paths under PathPrefix, safe for concurrent use.
type Runtime struct {
	bots     map[string]*Bot
	hooks    map[string]lexbot.Handler
	now      func() time.Time
	log      *slog.Logger
	sessions sessions
}

// New returns the runtime of o.Bots. It fails when an enabled alias
// locale's code hook is not among o.CodeHooks, or a bot's id is taken.
func New(o Options) (*Runtime, error) {
	r := &Runtime{bots: map[string]*Bot{}, hooks: o.CodeHooks, now: o.Now, log: o.Log}
	if r.now == nil {
		r.now = time.Now
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	for _, b := range o.Bots {
		if _, taken := r.bots[b.ID]; taken {
			return nil, fmt.Errorf("lexlocal: two bots have the id %s", b.ID)
		}
		r.bots[b.ID] = b
		for _, a := range b.Aliases {
			for localeID, fn := range a.Locales {
				if b.locales[localeID] == nil {
					return nil, fmt.Errorf("lexlocal: alias %s of %s enables locale %s, which the bot does not have", a.Name, b.LogicalID, localeID)
				}
				if _, ok := r.hooks[fn]; fn != "" && !ok {
					return nil, fmt.Errorf("lexlocal: alias %s of %s calls function %s, which has no code hook here", a.Name, b.LogicalID, fn)
				}
			}
		}
	}
	return r, nil
}

// target is what a request's path names.
type target struct {
	bot     *Bot
	alias   *Alias
	locale  *locale
	hook    lexbot.Handler // nil: the alias calls no code hook
	key     sessionKey
	session string
}

// ServeHTTP answers the runtime API's text operations (see the package
// comment); other paths under PathPrefix are the API's 404
// UnknownOperationException. The path's ids are checked first (400), then
// looked up (404). Browser requests from another origin are refused (403):
// no signature is checked here, so the origin is what keeps other web
// pages from talking to the bot in the user's name.
func (r *Runtime) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("X-Amzn-RequestId", newID())
	if o := req.Header.Get("Origin"); o != "" && !sameOrigin(o, req.Host) {
		writeError(w, accessDenied("requests from the web page at %s are not served here", o))
		return
	}
	op, ids, apiErr := route(req)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	t, apiErr := r.target(ids[0], ids[1], ids[2], ids[3])
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxBody))
	if err != nil {
		writeError(w, validation("the request body could not be read: %v", err))
		return
	}
	if op == "PutSession" { // answers in headers, not in a JSON body
		if apiErr = r.putSession(w, req, t, body); apiErr != nil {
			writeError(w, apiErr)
		}
		return
	}
	out, apiErr := r.run(req, op, t, body, w.Header().Get("X-Amzn-RequestId"))
	if apiErr != nil {
		if apiErr.status >= 424 {
			r.log.Warn("lexlocal: "+op+" failed", "bot", t.bot.LogicalID, "alias", t.alias.Name, "session", t.session, "error", apiErr.Error())
		}
		writeError(w, apiErr)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}

// run runs a JSON operation.
func (r *Runtime) run(req *http.Request, op string, t target, body []byte, requestID string) (any, *apiError) {
	switch op {
	case "RecognizeText":
		return r.recognizeText(req, t, body, requestID)
	case "GetSession":
		return r.getSession(t)
	default:
		return r.deleteSession(t)
	}
}

// route reads the operation and the path's four ids (bot, alias, locale,
// session) from the method and path.
func route(req *http.Request) (op string, ids []string, _ *apiError) {
	parts := strings.Split(strings.TrimPrefix(req.URL.EscapedPath(), PathPrefix), "/")
	switch {
	case len(parts) == 8 && parts[7] == "text" && req.Method == http.MethodPost:
		op = "RecognizeText"
	case len(parts) == 8 && (parts[7] == "utterance" || parts[7] == "conversation"):
		return "", nil, validation("the local Lex runtime plays text only: RecognizeText, GetSession, PutSession, DeleteSession")
	case len(parts) == 7:
		op = map[string]string{http.MethodGet: "GetSession", http.MethodPost: "PutSession", http.MethodDelete: "DeleteSession"}[req.Method]
	}
	if op == "" || parts[1] != "botAliases" || parts[3] != "botLocales" || parts[5] != "sessions" {
		return "", nil, &apiError{http.StatusNotFound, "UnknownOperationException", "no runtime operation at " + req.Method + " " + req.URL.Path}
	}
	for _, i := range []int{0, 2, 4, 6} {
		id, err := url.PathUnescape(parts[i])
		if err != nil {
			return "", nil, validation("the path is not valid: %v", err)
		}
		ids = append(ids, id)
	}
	return op, ids, nil
}

// target looks the path's ids up.
func (r *Runtime) target(botID, aliasID, localeID, sessionID string) (target, *apiError) {
	if err := checkPath(botID, aliasID, localeID, sessionID); err != nil {
		return target{}, err
	}
	b := r.bots[botID]
	if b == nil {
		return target{}, notFound("bot %s not found", botID)
	}
	a := b.Aliases[aliasID]
	if a == nil {
		return target{}, notFound("bot alias %s of bot %s not found", aliasID, botID)
	}
	fn, enabled := a.Locales[localeID]
	if !enabled {
		return target{}, notFound("locale %s is not enabled for alias %s of bot %s", localeID, aliasID, botID)
	}
	t := target{bot: b, alias: a, locale: b.locales[localeID], session: sessionID,
		key: sessionKey{bot: botID, alias: aliasID, locale: localeID, id: sessionID}}
	if fn != "" {
		t.hook = r.hooks[fn]
	}
	return t, nil
}

// recognizeText runs one turn of the conversation (dialog.go).
func (r *Runtime) recognizeText(req *http.Request, t target, body []byte, requestID string) (any, *apiError) {
	var in recognizeTextRequest
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if err := checkText(in.Text); err != nil {
		return nil, err
	}
	if err := checkAttributes("requestAttributes", in.RequestAttributes); err != nil {
		return nil, err
	}
	if err := checkSessionState(in.SessionState, t.locale); err != nil {
		return nil, err
	}
	now := r.now()
	sess := r.sessions.get(t.key, t.bot.IdleSessionTTL, now, true)
	defer sess.mu.Unlock()
	sess.lastUsed = now
	tn := newTurn(t, sess, *in.Text, in.RequestAttributes, requestID, now)
	if in.SessionState != nil {
		tn.override(*in.SessionState)
	}
	if err := tn.run(req.Context()); err != nil {
		return nil, err
	}
	sess.lastUsed = r.now()
	return recognizeTextResponse{Messages: sess.messages, SessionState: clone(sess.state), Interpretations: sess.interpretations,
		RequestAttributes: in.RequestAttributes, SessionID: t.session}, nil
}

// getSession returns the session's state and its last turn's messages
// and interpretations; 404 when there is none (or it expired).
func (r *Runtime) getSession(t target) (any, *apiError) {
	sess := r.sessions.get(t.key, t.bot.IdleSessionTTL, r.now(), false)
	if sess == nil {
		return nil, notFound("session %s not found", t.session)
	}
	defer sess.mu.Unlock()
	return getSessionResponse{SessionID: t.session, Messages: sess.messages, Interpretations: sess.interpretations,
		SessionState: clone(sess.state)}, nil
}

// deleteSession ends the session; 404 when there is none.
func (r *Runtime) deleteSession(t target) (any, *apiError) {
	sess := r.sessions.get(t.key, t.bot.IdleSessionTTL, r.now(), false)
	if sess == nil {
		return nil, notFound("session %s not found", t.session)
	}
	sess.gone = true
	r.sessions.remove(t.key, sess)
	sess.mu.Unlock()
	return deleteSessionResponse{BotID: t.bot.ID, BotAliasID: t.alias.ID, LocaleID: t.locale.id, SessionID: t.session}, nil
}

// putSession replaces the session's state with the one sent (making the
// session when there is none) and answers as PutSession does: the state,
// the messages and the request attributes in headers, gzipped JSON in
// base64, and an empty text body (audio only when audio is asked for,
// which the runtime does not speak).
func (r *Runtime) putSession(w http.ResponseWriter, req *http.Request, t target, body []byte) *apiError {
	var in putSessionRequest
	if err := decode(body, &in); err != nil {
		return err
	}
	if in.SessionState == nil {
		return validation("1 validation error detected: Value null at 'sessionState' failed to satisfy constraint: Member must not be null")
	}
	if err := checkSessionState(in.SessionState, t.locale); err != nil {
		return err
	}
	if err := checkAttributes("requestAttributes", in.RequestAttributes); err != nil {
		return err
	}
	if err := checkMessages(in.Messages); err != nil {
		return err
	}
	contentType := req.Header.Get("ResponseContentType")
	if contentType == "" {
		contentType = "text/plain; charset=utf-8"
	}
	if !strings.HasPrefix(contentType, "text/plain") {
		return validation("ResponseContentType %q: the local Lex runtime answers text only (text/plain; charset=utf-8)", contentType)
	}
	now := r.now()
	sess := r.sessions.get(t.key, t.bot.IdleSessionTTL, now, true)
	defer sess.mu.Unlock()
	st := clone(*in.SessionState)
	if st.SessionAttributes == nil {
		st.SessionAttributes = map[string]string{}
	}
	if st.Intent != nil && st.Intent.Slots == nil {
		st.Intent.Slots = t.locale.intentNamed(st.Intent.Name).emptySlots()
	}
	sess.state, sess.messages, sess.interpretations, sess.retries, sess.lastUsed = st, in.Messages, nil, 0, now

	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("x-amz-lex-session-id", t.session)
	h.Set("x-amz-lex-session-state", gzip64(sess.state))
	if len(in.Messages) > 0 {
		h.Set("x-amz-lex-messages", gzip64(in.Messages))
	}
	if len(in.RequestAttributes) > 0 {
		h.Set("x-amz-lex-request-attributes", gzip64(in.RequestAttributes))
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// gzip64 is v as JSON, gzipped, in base64: how PutSession's headers carry
// structures.
func gzip64(v any) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_ = json.NewEncoder(zw).Encode(v)
	_ = zw.Close()
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// sameOrigin reports whether the page at origin is on host (the request's
// Host): the local stack's own web app, or Vite's dev server in front of
// it.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == host
}

// newID is a request id: 32 hex digits, as x-amzn-RequestId.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	s := hex.EncodeToString(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}
