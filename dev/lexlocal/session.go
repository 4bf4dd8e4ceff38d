package lexlocal

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/carrental/backend/pkg/lexbot"
)

// sessionKey names a session as the runtime API's paths do: a session id
// is the client's, within a bot, alias and locale.
type sessionKey struct {
	bot, alias, locale, id string
}

// session is a conversation's state between requests: what GetSession
// returns and RecognizeText continues from. Its mutex is held for a whole
// request, so that the turns of one session run one after the other.
type session struct {
	mu sync.Mutex
	// state is the session state: session attributes, active contexts,
	// runtime hints, the current intent with its slots, and the dialog
	// action that the last turn ended with (what the user is answering).
	state lexbot.SessionState
	// messages and interpretations are those of the last turn.
	messages        []lexbot.Message
	interpretations []interpretation
	// retries counts the answers to the current prompt that were not
	// understood; past the prompt's MaxRetries the fallback intent takes
	// over.
	retries int
	// lastUsed is when the session last had a request: IdleSessionTTL
	// counts from it.
	lastUsed time.Time
	gone     bool // deleted or expired while a request waited for it
}

// sessions holds every live session of the runtime.
type sessions struct {
	mu sync.Mutex
	m  map[sessionKey]*session
}

// get returns the session k, locked, or nil when there is none or it was
// idle for longer than ttl at now (then it is gone, as in Lex). create
// makes a new one when there is none.
func (s *sessions) get(k sessionKey, ttl time.Duration, now time.Time, create bool) *session {
	s.mu.Lock()
	for key, sess := range s.m { // few sessions locally: sweep on every call
		if sess.mu.TryLock() {
			if now.Sub(sess.lastUsed) > ttl && key != k {
				sess.gone = true
				delete(s.m, key)
			}
			sess.mu.Unlock()
		}
	}
	sess := s.m[k]
	s.mu.Unlock()
	if sess != nil {
		sess.mu.Lock()
		if !sess.gone && now.Sub(sess.lastUsed) <= ttl {
			return sess
		}
		sess.gone = true
		sess.mu.Unlock()
		s.remove(k, sess)
	}
	if !create {
		return nil
	}
	sess = &session{lastUsed: now}
	sess.mu.Lock()
	s.mu.Lock()
	if s.m == nil {
		s.m = map[sessionKey]*session{}
	}
	if old := s.m[k]; old != nil { // another request made it meanwhile: use that one
		s.mu.Unlock()
		old.mu.Lock()
		return old
	}
	s.m[k] = sess
	s.mu.Unlock()
	return sess
}

// remove drops session sess under k (if it is still the one there).
func (s *sessions) remove(k sessionKey, sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[k] == sess {
		delete(s.m, k)
	}
}

// clone is a deep copy of a session state, through JSON, as the state
// travels between Lex and a code hook.
func clone(st lexbot.SessionState) lexbot.SessionState {
	var out lexbot.SessionState
	b, err := json.Marshal(st)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		panic("lexlocal: a session state does not round-trip through JSON: " + err.Error())
	}
	return out
}
