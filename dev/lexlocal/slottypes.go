package lexlocal

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/carrental/backend/pkg/lexbot"
)

// slotType recognises the values of one slot type in the user's words.
type slotType interface {
	// resolve reads all of ts as one value of the type: what the user said
	// (originalValue), what it is taken to mean (interpretedValue) and the
	// resolutions considered; ok is false when ts is not a value.
	resolve(ts []token, rc resolveContext) (v lexbot.Value, ok bool)
	// inside reports whether a value may be picked out of a longer reply
	// to its slot's prompt ("on friday please"), not only the whole reply.
	inside() bool
}

// resolveContext is what a value is resolved against: today (AMAZON.Date
// counts from it) and the locale (how "5/3" reads).
type resolveContext struct {
	today    day
	localeID string
}

// maxSpan is the most words a slot value may have: "the 5th of march
// 2027", "the day after tomorrow", "new york city".
const maxSpan = 6

func value(orig, interpreted string, resolved ...string) lexbot.Value {
	if len(resolved) == 0 {
		resolved = []string{interpreted}
	}
	return lexbot.Value{OriginalValue: orig, InterpretedValue: interpreted, ResolvedValues: resolved}
}

// customType is a slot type of the template: its values and their
// synonyms, folded into words. With ValueSelectionStrategy TOP_RESOLUTION
// the interpreted value is the value that a synonym stands for; with
// ORIGINAL_VALUE (the default) it is what the user typed, and the value is
// in resolvedValues. Unlike Lex, which expands the values it was given to
// similar words unless the slot type restricts them, only the listed
// values and synonyms are recognised.
type customType struct {
	topResolution bool
	phrases       map[string]string // folded phrase -> the value it stands for
}

func (c customType) resolve(ts []token, _ resolveContext) (lexbot.Value, bool) {
	v, ok := c.phrases[strings.Join(words(ts), " ")]
	if !ok {
		return lexbot.Value{}, false
	}
	orig := original(ts)
	if c.topResolution {
		return value(orig, v), true
	}
	return value(orig, orig, v), true
}

func (customType) inside() bool { return true }

// dateType is AMAZON.Date (dates.go).
type dateType struct{}

func (dateType) resolve(ts []token, rc resolveContext) (lexbot.Value, bool) {
	d, ok := resolveDate(words(ts), rc.today, rc.localeID)
	if !ok {
		return lexbot.Value{}, false
	}
	return value(original(ts), isoDay(d)), true
}

func (dateType) inside() bool { return true }

// cityType is AMAZON.City. Lex knows the names of real cities; the
// stand-in takes one to four words of letters that do not begin with a
// word of the conversation itself ("yes", "no", "show", "I", ...), as
// typed, and leaves the rest to the code hook, which knows the cities that
// matter (ours).
type cityType struct{}

// notCity are words that no city name starts with here: answers, the
// bot's verbs, pronouns and question words.
var notCity = map[string]bool{
	"yes": true, "yeah": true, "yep": true, "no": true, "nope": true, "ok": true, "okay": true, "sure": true,
	"i": true, "you": true, "we": true, "it": true, "my": true, "me": true, "a": true, "an": true, "the": true,
	"what": true, "where": true, "when": true, "why": true, "how": true, "who": true, "which": true,
	"show": true, "list": true, "cancel": true, "book": true, "rent": true, "help": true, "stop": true,
	"quit": true, "nothing": true, "anything": true, "something": true, "can": true, "could": true,
	"would": true, "will": true, "do": true, "does": true, "is": true, "are": true, "in": true, "at": true,
	"to": true, "from": true, "for": true, "on": true, "by": true, "of": true, "and": true, "or": true,
	"not": true, "never": true, "thank": true, "tomorrow": true, "today": true, "next": true,
}

func (cityType) resolve(ts []token, _ resolveContext) (lexbot.Value, bool) {
	if len(ts) == 0 || len(ts) > 4 || notCity[ts[0].word] {
		return lexbot.Value{}, false
	}
	for _, t := range ts {
		for _, r := range t.word {
			if !unicode.IsLetter(r) {
				return lexbot.Value{}, false
			}
		}
		if _, isMonth := months[t.word]; isMonth && len(ts) == 1 {
			return lexbot.Value{}, false
		}
	}
	orig := original(ts)
	return value(orig, orig), true
}

func (cityType) inside() bool { return false }

// alphaNumericType is AMAZON.AlphaNumeric: one word of letters and digits
// with at least one digit ("01JD4X...", "APQ123"), as typed.
type alphaNumericType struct{}

func (alphaNumericType) resolve(ts []token, _ resolveContext) (lexbot.Value, bool) {
	if len(ts) != 1 {
		return lexbot.Value{}, false
	}
	digit := false
	for _, r := range ts[0].orig {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case r <= unicode.MaxASCII && unicode.IsLetter(r):
		default:
			return lexbot.Value{}, false
		}
	}
	if !digit {
		return lexbot.Value{}, false
	}
	return value(ts[0].orig, ts[0].orig), true
}

func (alphaNumericType) inside() bool { return true }

// numberType is AMAZON.Number: a whole number in digits or words
// (numbers.go).
type numberType struct{}

func (numberType) resolve(ts []token, _ resolveContext) (lexbot.Value, bool) {
	ws := words(ts)
	n, used, ok := cardinal(ws)
	if !ok || used != len(ws) {
		return lexbot.Value{}, false
	}
	return value(original(ts), strconv.Itoa(n)), true
}

func (numberType) inside() bool { return true }

// builtinTypes are the AMAZON slot types the stand-in understands; a bot
// whose slot names another fails to load, saying so.
var builtinTypes = map[string]slotType{
	"AMAZON.Date":         dateType{},
	"AMAZON.City":         cityType{},
	"AMAZON.AlphaNumeric": alphaNumericType{},
	"AMAZON.Number":       numberType{},
}
