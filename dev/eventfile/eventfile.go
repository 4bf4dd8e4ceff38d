// Package eventfile renders the test events of events/ (API Gateway REST
// proxy events and Lex V2 code-hook events). Their strings hold
// placeholders instead of literal dates and users, so that the files do
// not go stale with the calendar:
//
//	${DATE}          today, YYYY-MM-DD (the UTC date of Values.Today)
//	${DATE+N}        N days after today, e.g. ${DATE+30}, ${DATE+400}
//	${DATE-N}        N days before today, e.g. ${DATE-1}
//	${ID_TOKEN}      an ID token (local stack: a fresh one of alice@example.com)
//	${SUB}           the user's sub, as the Cognito authorizer's claims carry it
//	${EMAIL}         the user's e-mail address
//
// A placeholder always stands inside a JSON string, so a file that has not
// been rendered still decodes as its function's event type. Any other
// ${...} is an error that names it. Render replaces them; the local
// stack's invoke and event commands render with the real clock and alice's
// token, sub and e-mail, the tests with a fixed day and a fixed user.
package eventfile

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The placeholders of the user.
const (
	IDToken = "${ID_TOKEN}"
	Sub     = "${SUB}"
	Email   = "${EMAIL}"
)

// MaxDays bounds N in ${DATE+N} and ${DATE-N}.
const MaxDays = 99999

// Values are what the placeholders stand for. Today is required when the
// file holds a date placeholder; an empty IDToken, Sub or Email leaves its
// placeholder as it is (Left lists what remains).
type Values struct {
	Today   time.Time
	IDToken string
	Sub     string
	Email   string
}

// placeholder matches ${...} (up to the first "}").
var placeholder = regexp.MustCompile(`\$\{[^}]*\}`)

// date matches the inside of a date placeholder.
var date = regexp.MustCompile(`^DATE(?:([+-])([0-9]{1,5}))?$`)

// Render returns data with every placeholder replaced by its value from v
// (the user's placeholders only when v has a value for them). Errors: a
// ${...} that is not a placeholder of this package (the error names it and
// its line), a date placeholder with a zero v.Today, a value that cannot
// stand in a JSON string as it is.
func Render(data []byte, v Values) ([]byte, error) {
	users := map[string]string{IDToken: v.IDToken, Sub: v.Sub, Email: v.Email}
	for name, value := range users {
		if value != "" && !plain(value) {
			return nil, fmt.Errorf("the value for %s has characters that would need escaping in JSON: %q", name, value)
		}
	}
	today := time.Date(v.Today.UTC().Year(), v.Today.UTC().Month(), v.Today.UTC().Day(), 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	last := 0
	for _, m := range placeholder.FindAllIndex(data, -1) {
		out.Write(data[last:m[0]])
		last = m[1]
		p := string(data[m[0]:m[1]])
		if value, ok := users[p]; ok {
			if value == "" {
				value = p
			}
			out.WriteString(value)
			continue
		}
		d := date.FindStringSubmatch(p[2 : len(p)-1])
		if d == nil {
			return nil, fmt.Errorf("unknown placeholder %s on line %d (known: ${DATE}, ${DATE+N}, ${DATE-N}, %s, %s, %s)",
				p, line(data, m[0]), IDToken, Sub, Email)
		}
		if v.Today.IsZero() {
			return nil, fmt.Errorf("placeholder %s on line %d: no day to count from", p, line(data, m[0]))
		}
		days := 0
		if d[1] != "" {
			days, _ = strconv.Atoi(d[2]) // at most 5 digits
			if d[1] == "-" {
				days = -days
			}
		}
		out.WriteString(today.AddDate(0, 0, days).Format(time.DateOnly))
	}
	out.Write(data[last:])
	return out.Bytes(), nil
}

// Read reads the event file at path and renders it (Render); errors name
// the file.
func Read(path string, v Values) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out, err := Render(data, v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Left lists the distinct placeholders (any ${...}) in data, sorted.
func Left(data []byte) []string {
	var out []string
	for _, m := range placeholder.FindAll(data, -1) {
		out = append(out, string(m))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NeedsUser reports whether data holds a placeholder of the user
// (IDToken, Sub or Email).
func NeedsUser(data []byte) bool {
	for _, p := range []string{IDToken, Sub, Email} {
		if bytes.Contains(data, []byte(p)) {
			return true
		}
	}
	return false
}

// plain reports whether s stands in a JSON string as it is, at any depth
// of encoding (an event's body is JSON inside a JSON string).
func plain(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == '"' || r == '\\' })
}

// line is the 1-based line of offset i in data.
func line(data []byte, i int) int { return bytes.Count(data[:i], []byte("\n")) + 1 }
