package main

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/localstack"
)

// chatScript is what a person types, as a shell script feeds it to `local
// chat` with a here-document: a booking over several turns ("1" picks the
// first button of the quote's card, Yes), then the bookings.
const chatScript = `"$LOCAL" chat <<'END'
I'd like to rent a car
Berlin
in 60 days
in 63 days
a 4x4
1
show my bookings
END
`

var bookedPattern = regexp.MustCompile(`Your booking number is ([0-9A-Z]{26})`)

// chat runs chatScript against the running stack, as alice (the default
// user): the bot asks for each slot with the template's prompts, quotes an
// SUV with a card of two numbered buttons, books it on "1", and lists it;
// the booking is alice's in GET /bookings (auth).
func (s *stack) chat(t *testing.T, c *client, auth map[string]string) {
	t.Helper()
	cmd := exec.Command("bash", "-c", chatScript)
	cmd.Dir = s.cmd.Dir
	cmd.Env = append(os.Environ(), "LOCAL="+s.bin, localstack.EnvStateFile+"="+s.statePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	out := string(b)
	if err != nil {
		t.Fatalf("local chat: %v\n%s\n%s", err, out, stderr.String())
	}
	for _, want := range []string{
		"you: I'd like to rent a car\nbot: Where would you like to pick up the car?\n",
		"you: Berlin\nbot: When would you like to pick up the car?\n",
		"you: in 60 days\nbot: When will you bring the car back?\n",
		"you: in 63 days\nbot: Which type of car would you like: economy, compact, midsize, SUV, luxury or van?\n",
		"Shall I book it?\nbot: [Shall I book it?]\n  1. Yes\n  2. No\nyou: 1\nbot: Done! Your SUV ",
		"you: show my bookings\nbot: You have ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("local chat printed:\n%s\nwant it to contain:\n%s", out, want)
		}
	}
	m := bookedPattern.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("local chat booked nothing:\n%s", out)
	}
	if !strings.Contains(out[strings.Index(out, "you: show my bookings"):], "(booking "+m[1]+")") {
		t.Errorf("the bookings the bot lists lack %s:\n%s", m[1], out)
	}
	var mine struct{ Bookings []struct{ ID, Status string } }
	c.json(c.call("GET", "/bookings", "", auth), http.StatusOK, &mine)
	for _, bk := range mine.Bookings {
		if bk.ID == m[1] && bk.Status == "CONFIRMED" {
			return
		}
	}
	t.Errorf("alice's GET /bookings %+v lacks %s, which the chat booked", mine.Bookings, m[1])
}
