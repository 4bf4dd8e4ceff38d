package lexbot

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/carrental/backend/pkg/rental"
)

// City matching. AMAZON.City recognises a city in what the user says but
// does not normalise it: "berlin", "Berlin, Germany", "NYC", "Muenchen" and
// "München" arrive as typed. matchLocations compares them with our locations
// (from the store, never a list in code) after folding case, accents and
// punctuation, and after mapping well-known other names of a city to one
// form (cityNames). A location matches on its city, its name ("Berlin
// Hauptbahnhof") or its id ("LAX").

// cityNames lists other names of well-known cities, the first of each group
// being the form the others map to. Both the user's words and our
// locations' cities go through it, so "Munich" finds a location whose city
// is "München" and the other way round. Entries are folded (fold).
var cityNames = [][]string{
	{"new york", "nyc", "new york city", "ny", "manhattan", "big apple"},
	{"los angeles", "la", "l a", "los angeles city"},
	{"san francisco", "sf", "san fran", "frisco"},
	{"washington", "washington dc", "dc", "d c"},
	{"las vegas", "vegas"},
	{"london", "ldn", "greater london"},
	{"munich", "munchen", "muenchen"},
	{"cologne", "koln", "koeln"},
	{"nuremberg", "nurnberg", "nuernberg"},
	{"dusseldorf", "duesseldorf"},
	{"frankfurt", "frankfurt am main", "frankfurt main"},
	{"zurich", "zuerich"},
	{"geneva", "geneve", "genf"},
	{"vienna", "wien"},
	{"prague", "praha", "prag"},
	{"warsaw", "warszawa", "warschau"},
	{"copenhagen", "kobenhavn", "copenhague"},
	{"brussels", "bruxelles", "brussel"},
	{"lisbon", "lisboa", "lissabon"},
	{"rome", "roma", "rom"},
	{"milan", "milano", "mailand"},
	{"florence", "firenze"},
	{"venice", "venezia"},
	{"naples", "napoli"},
	{"athens", "athina"},
	{"the hague", "den haag"},
	{"tokyo", "tokio"},
	{"auckland", "tamaki makaurau"},
	{"mexico city", "cdmx", "ciudad de mexico"},
	{"sao paulo", "sampa"},
	{"rio de janeiro", "rio"},
}

// cityCanon maps every folded name of cityNames to its group's first form.
var cityCanon = func() map[string]string {
	m := map[string]string{}
	for _, group := range cityNames {
		for _, n := range group {
			m[n] = group[0]
		}
	}
	return m
}()

// canon is the folded, canonical form of a place name.
func canon(s string) string {
	f := fold(s)
	if c, ok := cityCanon[f]; ok {
		return c
	}
	return f
}

// foldLetters are letters that Unicode does not decompose into a base
// letter and a mark.
var foldLetters = strings.NewReplacer("ß", "ss", "ø", "o", "æ", "ae", "œ", "oe", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// fold lowers s, removes accents (NFD, then drop the combining marks),
// turns punctuation into spaces and collapses spaces: "  São-Paulo, SP" →
// "sao paulo sp".
func fold(s string) string {
	s = foldLetters.Replace(strings.ToLower(s))
	var b strings.Builder
	space := true // no leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '.':
			continue // "l.a." → "la", "o'hare" → "ohare"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// minPhrase is the shortest part of a longer text that may match on its
// own: "la" alone is Los Angeles, but "la" inside "La Paz" must not be.
const minPhrase = 3

// matchLocations returns the locations that text names, in the order of
// locs. It tries, in turn: the whole text (city, name or id of a location);
// word sequences inside it ("Berlin, Germany", "downtown Berlin"); then a
// close spelling of a city or name ("Aukland", "Los Angelos"). The first
// way that finds anything decides.
func matchLocations(text string, locs []rental.Location) []rental.Location {
	whole := fold(text)
	if whole == "" {
		return nil
	}
	if m := locationsNamed(map[string]bool{canon(whole): true}, locs); len(m) > 0 {
		return m
	}
	words := strings.Fields(whole)
	phrases := map[string]bool{}
	for i := range words {
		for j := i + 1; j <= len(words) && j-i <= 4; j++ {
			if p := strings.Join(words[i:j], " "); len(p) >= minPhrase && p != whole {
				phrases[canon(p)] = true
			}
		}
	}
	if m := locationsNamed(phrases, locs); len(m) > 0 {
		return m
	}
	return closeSpelling(canon(whole), locs)
}

// locationsNamed returns the locations whose city, name or id is one of
// names (canonical forms).
func locationsNamed(names map[string]bool, locs []rental.Location) []rental.Location {
	var out []rental.Location
	for _, l := range locs {
		if names[canon(l.City)] || names[canon(l.Name)] || names[fold(l.ID)] {
			out = append(out, l)
		}
	}
	return out
}

// closeSpelling returns the locations whose city or name is closest to
// text, if that is within a typo or two: one edit for names of 5 to 7
// letters, two from 8. Shorter names must match exactly (too many short
// names are one letter apart).
func closeSpelling(text string, locs []rental.Location) []rental.Location {
	var best []rental.Location
	bestDist := -1
	for _, l := range locs {
		d := -1 // the closest of the location's names, if any is close enough
		for _, n := range []string{canon(l.City), canon(l.Name)} {
			allowed := 0
			switch n := len([]rune(n)); {
			case n >= 8:
				allowed = 2
			case n >= 5:
				allowed = 1
			}
			if e := editDistance(text, n); e <= allowed && (d < 0 || e < d) {
				d = e
			}
		}
		switch {
		case d < 0:
		case bestDist < 0 || d < bestDist:
			best, bestDist = []rental.Location{l}, d
		case d == bestDist:
			best = append(best, l)
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// narrowByTranscript picks, among several matched locations, the one whose
// name the user's whole utterance contains ("the airport one in Berlin"
// does not, "Berlin Airport please" does). It only ever narrows: the
// transcript cannot add a location that the slot did not name.
func narrowByTranscript(matched []rental.Location, transcript string) []rental.Location {
	t := " " + fold(transcript) + " "
	var out []rental.Location
	for _, l := range matched {
		if n := fold(l.Name); n != "" && strings.Contains(t, " "+n+" ") {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return matched
	}
	return out
}
