package lexlocal

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// token is one word of what the user typed: its folded form, which
// matching compares, and the text it came from, which a slot value keeps
// as originalValue.
type token struct {
	word string // lower case, accents removed: "munchen", "5/3", "4x4"
	orig string // as typed: "München", "5/3", "4x4"
	src  int    // which typed word it came from: "I'd" gives "i" and "would", both 0
}

// letterFolds are letters that Unicode does not decompose into a base
// letter and a mark.
var letterFolds = strings.NewReplacer("ß", "ss", "ø", "o", "æ", "ae", "œ", "oe", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// foldWord lowers w and removes its accents (NFD, then the combining marks
// dropped): "München" → "munchen".
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(letterFolds.Replace(strings.ToLower(w))) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tokenize splits s into words: runs of letters and digits. Punctuation
// separates words and is dropped, except inside a word where it belongs to
// it: "/", "-", "." and ":" between digits ("5/3", "2027-03-05"), and an
// apostrophe between letters, which expand turns into words ("I'd" → "i
// would"). Case and accents are folded.
func tokenize(s string) []token {
	rs := []rune(s)
	var out []token
	src := 0
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			if isWordRune(rs[j]) {
				j++
				continue
			}
			if j+1 < len(rs) && joins(rs[j-1], rs[j], rs[j+1]) {
				j += 2
				continue
			}
			break
		}
		orig := string(rs[i:j])
		out = append(out, expand(token{word: foldWord(orig), orig: orig, src: src})...)
		src++
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joins reports whether punctuation mid between before and after is part
// of a word.
func joins(before, mid, after rune) bool {
	switch mid {
	case '/', '-', '.', ':':
		return unicode.IsDigit(before) && unicode.IsDigit(after)
	case '\'', '’':
		return unicode.IsLetter(before) && unicode.IsLetter(after)
	}
	return false
}

// contractions are the shortened forms that expand writes out, so that "I'd
// like" matches a sample utterance "I would like". A possessive "'s" that
// is not listed is dropped ("Alice's" → "alice").
var contractions = map[string]string{
	"i'd": "i would", "i'm": "i am", "i'll": "i will", "i've": "i have", "we'd": "we would", "we're": "we are",
	"we'll": "we will", "you'd": "you would", "it's": "it is", "that's": "that is", "what's": "what is",
	"where's": "where is", "when's": "when is", "let's": "let us", "don't": "do not", "doesn't": "does not",
	"didn't": "did not", "can't": "can not", "cannot": "can not", "won't": "will not", "isn't": "is not",
	"aren't": "are not", "wasn't": "was not", "haven't": "have not", "wouldn't": "would not",
	"shouldn't": "should not", "couldn't": "could not", "wanna": "want to", "gonna": "going to",
	"gotta": "got to", "d'you": "do you",
}

// expand writes out a contraction as its words, each keeping the original
// text of the whole contraction.
func expand(t token) []token {
	w := strings.ReplaceAll(t.word, "’", "'")
	if long, ok := contractions[w]; ok {
		var out []token
		for _, part := range strings.Fields(long) {
			out = append(out, token{word: part, orig: t.orig, src: t.src})
		}
		return out
	}
	if base, ok := strings.CutSuffix(w, "'s"); ok {
		w = base
	}
	t.word = strings.ReplaceAll(w, "'", "")
	return []token{t}
}

// words are the folded words of tokens.
func words(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.word
	}
	return out
}

// original is the text that tokens came from, as typed, one space between
// words; a contraction's words give its text once.
func original(ts []token) string {
	var parts []string
	for i, t := range ts {
		if i == 0 || t.src != ts[i-1].src {
			parts = append(parts, t.orig)
		}
	}
	return strings.Join(parts, " ")
}

// courtesy are words that matching ignores in the user's text and in the
// sample utterances alike: "please book a car", "hi, show my bookings".
var courtesy = map[string]bool{
	"please": true, "pls": true, "plz": true, "hi": true, "hello": true, "hey": true, "um": true, "umm": true,
	"uh": true, "er": true, "erm": true, "thanks": true, "kindly": true,
}

// forMatching drops the courtesy words and writes "an" as "a", so that
// "Book an SUV, please" is "book a suv".
func forMatching(ts []token) []token {
	out := make([]token, 0, len(ts))
	for _, t := range ts {
		switch {
		case courtesy[t.word]:
		case t.word == "an":
			t.word = "a"
			out = append(out, t)
		default:
			out = append(out, t)
		}
	}
	return out
}
