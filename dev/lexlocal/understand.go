package lexlocal

import (
	"strings"

	"github.com/carrental/backend/pkg/lexbot"
)

// What an utterance means, without machine learning: the user's words,
// folded as the sample utterances are (text.go), either are one of an
// intent's sample utterances with its {Slot}s standing for values of their
// types (recognize), or, in answer to a slot's prompt, hold a value of
// that slot (fill), or, in answer to a confirmation prompt, say yes or no
// (answer).

// understanding is an intent and the slots that the utterance fills.
type understanding struct {
	intent *intent
	slots  map[string]*lexbot.Slot
}

// recognize returns the intent of the locale whose sample utterance ts is.
// When several match, the one with the most words of its own wins (the
// most specific), then the first in the template. ok is false when none
// does: that is the fallback intent's.
func (l *locale) recognize(ts []token, rc resolveContext) (understanding, bool) {
	var best understanding
	bestWords := -1
	for _, in := range l.intents {
		for _, p := range in.utterances {
			if p.literals <= bestWords {
				continue
			}
			if slots, ok := p.match(ts, rc); ok {
				best, bestWords = understanding{intent: in, slots: slots}, p.literals
			}
		}
	}
	return best, bestWords >= 0
}

// prepositions may lead a reply to a slot's prompt: "in Berlin", "on
// Friday", "until the 8th".
var prepositions = map[string]bool{"in": true, "at": true, "on": true, "from": true, "to": true, "for": true,
	"by": true, "until": true, "till": true, "near": true, "starting": true, "it": true, "its": true}

// fill reads ts as the answer to slot s's prompt and returns the slots it
// fills. It tries, in order: the slot's own sample utterances; all of ts
// as a value; ts without leading prepositions ("in Berlin", "it is on
// Friday"); and, for types whose values may stand inside other words
// (dates, car types, ...), the longest run of words that is a value ("a
// cheap one please").
func (s *slot) fill(ts []token, rc resolveContext) (map[string]*lexbot.Slot, bool) {
	for _, p := range s.utterances {
		if slots, ok := p.match(ts, rc); ok {
			return slots, true
		}
	}
	one := func(part []token) (map[string]*lexbot.Slot, bool) {
		if v, ok := s.typ.resolve(part, rc); ok {
			return map[string]*lexbot.Slot{s.name: scalar(v)}, true
		}
		return nil, false
	}
	if slots, ok := one(ts); ok {
		return slots, true
	}
	trimmed := ts
	for len(trimmed) > 0 && (prepositions[trimmed[0].word] || trimmed[0].word == "is") {
		trimmed = trimmed[1:]
	}
	if len(trimmed) < len(ts) {
		if slots, ok := one(trimmed); ok {
			return slots, true
		}
	}
	if !s.typ.inside() {
		return nil, false
	}
	for n := min(len(ts)-1, maxSpan); n >= 1; n-- {
		for i := 0; i+n <= len(ts); i++ {
			if slots, ok := one(ts[i : i+n]); ok {
				return slots, true
			}
		}
	}
	return nil, false
}

// Yes and no, as Lex's confirmation prompts understand them.
var (
	yesWords = phrases("yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "correct", "right",
		"that is right", "that is correct", "yes please", "go ahead", "do it", "book it", "cancel it", "please do",
		"absolutely", "of course", "affirmative", "confirm", "confirmed", "sounds good", "perfect", "great",
		"yes book it", "yes do it", "yes cancel it", "alright", "all right", "fine")
	noWords = phrases("no", "n", "nope", "nah", "no thank you", "not now", "do not", "negative", "never mind",
		"nevermind", "no way", "not really", "stop", "no do not", "no do not book it", "no do not cancel it", "not that one")
)

func phrases(ps ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		m[p] = true
	}
	return m
}

// answer reads ts as the answer to a confirmation prompt: Confirmed,
// Denied, or "" when it is neither.
func answer(ts []token) lexbot.ConfirmationState {
	said := strings.Join(words(forMatching(ts)), " ")
	switch {
	case yesWords[said]:
		return lexbot.Confirmed
	case noWords[said]:
		return lexbot.Denied
	}
	return ""
}
