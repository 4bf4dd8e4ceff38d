package lexlocal

import (
	"fmt"
	"regexp"

	"github.com/carrental/backend/pkg/lexbot"
)

// pattern is a sample utterance, compiled: its words and its {Slot}
// references in order. "Book a {CarType} in {PickupCity}" is the words
// "book", "a", the slot CarType, the word "in" and the slot PickupCity.
type pattern struct {
	text     string
	elems    []element
	literals int // how many words: the more, the more specific the match
}

// element is a word or a slot of a pattern.
type element struct {
	word string
	slot *slot
}

var slotRef = regexp.MustCompile(`\{([^{}]*)\}`)

// compile reads a sample utterance of intent in: its words are folded as
// the user's are (text.go), and each {Name} must be a slot of in, as Lex's
// build requires.
func compile(utterance string, in *intent) (pattern, error) {
	p := pattern{text: utterance}
	addWords := func(s string) {
		for _, t := range forMatching(tokenize(s)) {
			p.elems = append(p.elems, element{word: t.word})
			p.literals++
		}
	}
	last := 0
	for _, m := range slotRef.FindAllStringSubmatchIndex(utterance, -1) {
		addWords(utterance[last:m[0]])
		name := utterance[m[2]:m[3]]
		s := in.byName[name]
		if s == nil {
			return pattern{}, fmt.Errorf("intent %s: sample utterance %q names {%s}, which is not one of its slots", in.name, utterance, name)
		}
		p.elems = append(p.elems, element{slot: s})
		last = m[1]
	}
	addWords(utterance[last:])
	if len(p.elems) == 0 {
		return pattern{}, fmt.Errorf("intent %s: sample utterance %q has no words", in.name, utterance)
	}
	return p, nil
}

// match reads all of ts as the pattern: each word equal to the pattern's,
// each slot standing for one to maxSpan words that its type recognises.
// It returns the slots filled, or ok false. Slots take as few words as
// they can, and more when the rest does not match (backtracking), so "in
// New York from March 5" gives PickupCity "New York" and PickupDate "March
// 5".
func (p pattern) match(ts []token, rc resolveContext) (map[string]*lexbot.Slot, bool) {
	filled := map[string]*lexbot.Slot{}
	var walk func(e, i int) bool
	walk = func(e, i int) bool {
		if e == len(p.elems) {
			return i == len(ts)
		}
		el := p.elems[e]
		if el.slot == nil {
			return i < len(ts) && ts[i].word == el.word && walk(e+1, i+1)
		}
		for n := 1; n <= maxSpan && i+n <= len(ts); n++ {
			v, ok := el.slot.typ.resolve(ts[i:i+n], rc)
			if !ok {
				continue
			}
			filled[el.slot.name] = scalar(v)
			if walk(e+1, i+n) {
				return true
			}
			delete(filled, el.slot.name)
		}
		return false
	}
	if !walk(0, 0) {
		return nil, false
	}
	return filled, true
}

// scalar is a slot filled with one value.
func scalar(v lexbot.Value) *lexbot.Slot { return &lexbot.Slot{Shape: "Scalar", Value: &v} }
