package eventfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDates: ${DATE±N} counts calendar days in UTC, across month and year
// ends and leap days.
func TestDates(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		today time.Time
		in    string
		want  string
	}{
		{day("2026-11-30"), "${DATE}", "2026-11-30"},
		{day("2026-11-30"), "${DATE+1}", "2026-12-01"},
		{day("2026-11-30"), "${DATE+30}", "2026-12-30"},
		{day("2026-11-30"), "${DATE+32}", "2027-01-01"},
		{day("2026-11-30"), "${DATE+95}", "2027-03-05"},
		{day("2026-11-30"), "${DATE+400}", "2028-01-04"},
		{day("2026-11-30"), "${DATE-1}", "2026-11-29"},
		{day("2026-11-30"), "${DATE-0}", "2026-11-30"},
		{day("2026-12-31"), "${DATE+1}", "2027-01-01"},
		{day("2027-01-01"), "${DATE-1}", "2026-12-31"},
		{day("2027-01-31"), "${DATE+1}", "2027-02-01"},
		{day("2027-02-28"), "${DATE+1}", "2027-03-01"},
		{day("2028-02-28"), "${DATE+1}", "2028-02-29"},
		{day("2028-03-01"), "${DATE-1}", "2028-02-29"},
		{day("2026-01-31"), "${DATE+365}", "2027-01-31"},
		{day("2026-11-30"), "${DATE+99999}", "2300-09-14"},
		// Today is the UTC date, whatever the time zone of the time given.
		{time.Date(2026, 11, 30, 23, 30, 0, 0, newYork), "${DATE}", "2026-12-01"},
		{time.Date(2027, 1, 1, 0, 30, 0, 0, berlin), "${DATE}", "2026-12-31"},
		{time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), "${DATE+1}", "2027-01-01"},
	} {
		got, err := Render([]byte(`"`+tc.in+`"`), Values{Today: tc.today})
		if err != nil || string(got) != `"`+tc.want+`"` {
			t.Errorf("%s on %s = %s, %v; want %s", tc.in, tc.today, got, err, tc.want)
		}
	}
}

// TestRenderUser: the user's placeholders take their values; an empty
// value leaves the placeholder, which Left lists.
func TestRenderUser(t *testing.T) {
	in := `{"a":"${SUB}","b":"${EMAIL}","c":"${ID_TOKEN}","d":"${SUB}","e":"${DATE+2}","body":"{\"x\":\"${DATE}\"}"}`
	got, err := Render([]byte(in), Values{Today: day("2026-12-30"), IDToken: "eyJ.a-b_c.d", Sub: "4c2f-9d7e", Email: "alice@example.com"})
	want := `{"a":"4c2f-9d7e","b":"alice@example.com","c":"eyJ.a-b_c.d","d":"4c2f-9d7e","e":"2027-01-01","body":"{\"x\":\"2026-12-30\"}"}`
	if err != nil || string(got) != want {
		t.Errorf("Render = %s, %v; want %s", got, err, want)
	}
	if left := Left(got); len(left) != 0 {
		t.Errorf("left after rendering: %v", left)
	}
	got, err = Render([]byte(in), Values{Today: day("2026-12-30"), Sub: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if left := Left(got); !slices.Equal(left, []string{Email, IDToken}) {
		t.Errorf("Left = %v, want the e-mail and the token", left)
	}
	if !NeedsUser([]byte(in)) || NeedsUser([]byte(`{"a":"${DATE+1}"}`)) {
		t.Error("NeedsUser")
	}
}

// TestRenderErrors: an unknown placeholder is an error that names it (and
// its line); so are a date without a day to count from and a value that
// JSON would need to escape.
func TestRenderErrors(t *testing.T) {
	for _, p := range []string{"${TODAY}", "${DATE+}", "${DATE+x}", "${DATE + 1}", "${DATE+100000}", "${date+1}",
		"${DATE+1d}", "${DATE*2}", "${}", "${ID_TOKEN }", "${USER}"} {
		_, err := Render([]byte("{\n  \"a\": \"ok ${DATE}\",\n  \"b\": \""+p+"\"\n}"), Values{Today: day("2026-11-30")})
		if err == nil || !strings.Contains(err.Error(), "unknown placeholder "+p+" on line 3") {
			t.Errorf("%s: err = %v, want one that names it and line 3", p, err)
		}
	}
	if _, err := Render([]byte(`"${DATE+1}"`), Values{}); err == nil || !strings.Contains(err.Error(), "${DATE+1}") {
		t.Errorf("no today: err = %v", err)
	}
	if _, err := Render([]byte(`"${SUB}"`), Values{Sub: `x","admin":"true`}); err == nil {
		t.Error("a value with a quote was taken")
	}
	if _, err := Read("no-such-file.json", Values{}); err == nil {
		t.Error("Read of a missing file")
	}
}

// TestEventFiles: every events/*.json renders, with every value given,
// into JSON with no placeholder left; and without values it still holds
// only known placeholders.
func TestEventFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "events", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events/*.json: %v", err)
	}
	dated := 0 // files with a date placeholder
	for _, path := range files {
		raw, err := Read(path, Values{Today: day("2026-11-30")})
		if err != nil {
			t.Error(err)
			continue
		}
		for _, p := range Left(raw) {
			if p != IDToken && p != Sub && p != Email {
				t.Errorf("%s: %s left", path, p)
			}
		}
		out, err := Read(path, Values{Today: day("2027-12-31"), IDToken: "header.payload.signature", Sub: "sub-1", Email: "a@example.com"})
		if err != nil {
			t.Error(err)
			continue
		}
		if left := Left(out); len(left) != 0 || strings.Contains(string(out), "${") {
			t.Errorf("%s: %v left after rendering", path, left)
		}
		if !json.Valid(out) {
			t.Errorf("%s: not JSON after rendering", path)
		}
		if src, _ := os.ReadFile(path); strings.Contains(string(src), "${DATE") {
			dated++
		}
	}
	if dated == 0 {
		t.Error("no event file has a date placeholder")
	}
}
