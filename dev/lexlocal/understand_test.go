package lexlocal

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lexbot"
)

// projectBot is template.yaml's LexBot.
func projectBot(t *testing.T) *Bot {
	t.Helper()
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	bots, err := Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if len(bots) != 1 {
		t.Fatalf("%d bots in template.yaml, want 1", len(bots))
	}
	return bots[0]
}

var rc = resolveContext{today: monday30Nov, localeID: "en_US"}

// said describes an understanding: "Intent Slot=interpreted/original ...".
func said(u understanding) string {
	parts := []string{u.intent.name}
	for _, name := range slices.Sorted(maps.Keys(u.slots)) {
		v := u.slots[name].Value
		parts = append(parts, name+"="+v.InterpretedValue+"/"+v.OriginalValue)
	}
	return strings.Join(parts, " ")
}

// TestRecognize: the intents of template.yaml's sample utterances, with
// the slots they name, folded as people type.
func TestRecognize(t *testing.T) {
	loc := projectBot(t).locales["en_US"]
	cases := []struct{ text, want string }{
		{"I want to rent a car", "BookCar"},
		{"I'd like to rent a car", "BookCar"},
		{"i would like to RENT a car!!", "BookCar"},
		{"Please, book a car.", "BookCar"},
		{"Book an SUV in Berlin from March 5 to March 8", "BookCar CarType=suv/SUV PickupCity=Berlin/Berlin PickupDate=2027-03-05/March 5 ReturnDate=2027-03-08/March 8"},
		{"Book a 4x4 in New York from tomorrow to next Friday", "BookCar CarType=suv/4x4 PickupCity=New York/New York PickupDate=2026-12-01/tomorrow ReturnDate=2026-12-04/next Friday"},
		{"rent a car in München from 5/3 to 5/6", "BookCar PickupCity=München/München PickupDate=2027-05-03/5/3 ReturnDate=2027-05-06/5/6"},
		{"I need a car in San Francisco", "BookCar PickupCity=San Francisco/San Francisco"},
		{"Book a seven seater car", "BookCar CarType=van/seven seater"},
		{"I want a cheap in Paris", "BookCar CarType=economy/cheap PickupCity=Paris/Paris"},
		{"I need a car from today to in 3 days", "BookCar PickupDate=2026-11-30/today ReturnDate=2026-12-03/in 3 days"},
		{"show my bookings", "MyBookings"},
		{"What have I booked?", "MyBookings"},
		{"hi, my bookings please", "MyBookings"},
		{"Cancel my booking", "CancelBooking"},
		{"Cancel booking 01JD4X2Q8ZK3M5N7P9R1T3V5W7", "CancelBooking BookingRef=01JD4X2Q8ZK3M5N7P9R1T3V5W7/01JD4X2Q8ZK3M5N7P9R1T3V5W7"},
		{"cancel my booking on March 5th", "CancelBooking PickupDate=2027-03-05/March 5th"},
		{"asdf qwer", ""},
		{"I want to rent a boat", ""},
		{"book", ""},
		{"", ""},
	}
	for _, c := range cases {
		u, ok := loc.recognize(forMatching(tokenize(c.text)), rc)
		got := ""
		if ok {
			got = said(u)
		}
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestFill: the answer to a slot's prompt, as people type it.
func TestFill(t *testing.T) {
	book := projectBot(t).locales["en_US"].intentNamed("BookCar")
	cases := []struct{ slot, text, want string }{
		{"PickupCity", "Berlin", "Berlin"},
		{"PickupCity", "in berlin please", "berlin"},
		{"PickupCity", "Los Angeles", "Los Angeles"},
		{"PickupCity", "yes", ""},
		{"PickupCity", "tomorrow", ""},
		{"PickupDate", "tomorrow", "2026-12-01"},
		{"PickupDate", "on Friday please", "2026-12-04"},
		{"PickupDate", "I'd like to pick it up on March 5th", "2027-03-05"},
		{"PickupDate", "whenever", ""},
		{"CarType", "something cheap", "economy"},
		{"CarType", "a 7-seater", "van"},
		{"CarType", "Luxury", "luxury"},
		{"CarType", "a boat", ""},
	}
	for _, c := range cases {
		slots, ok := book.byName[c.slot].fill(forMatching(tokenize(c.text)), rc)
		got := ""
		if ok {
			got = slots[c.slot].Value.InterpretedValue
		}
		if got != c.want {
			t.Errorf("%s %q: %q, want %q", c.slot, c.text, got, c.want)
		}
	}
}

// TestAnswer: yes and no at a confirmation prompt.
func TestAnswer(t *testing.T) {
	for text, want := range map[string]lexbot.ConfirmationState{
		"yes": lexbot.Confirmed, "Yes please!": lexbot.Confirmed, "OK": lexbot.Confirmed, "sure": lexbot.Confirmed,
		"no": lexbot.Denied, "No, thanks.": lexbot.Denied, "nope": lexbot.Denied, "don't": lexbot.Denied,
		"maybe": "", "Berlin": "",
	} {
		if got := answer(tokenize(text)); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

// TestTemplateDrivesUnderstanding: a sample utterance added to a copy of
// template.yaml is understood, with its slot, with no change to the code;
// the project's template does not understand it.
func TestTemplateDrivesUnderstanding(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "                - Utterance: I need a rental car\n"
	if !strings.Contains(string(data), anchor) {
		t.Fatalf("template.yaml has no line %q to add a sample utterance after", anchor)
	}
	changed := strings.Replace(string(data), anchor, anchor+"                - Utterance: Get me wheels in {PickupCity}\n", 1)
	path := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	bots, err := Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	utterance := forMatching(tokenize("get me wheels in Sydney"))
	if u, ok := bots[0].locales["en_US"].recognize(utterance, rc); !ok || said(u) != "BookCar PickupCity=Sydney/Sydney" {
		t.Errorf("the changed template: %v %q, want BookCar with PickupCity Sydney", ok, said(u))
	}
	if u, ok := projectBot(t).locales["en_US"].recognize(utterance, rc); ok {
		t.Errorf("template.yaml itself understands it as %q", said(u))
	}
}

// TestLoad: ids, aliases, prompts and priorities of template.yaml's bot.
func TestLoad(t *testing.T) {
	b := projectBot(t)
	if b.ID != "LEXBOT0000" || b.Name != "car-rental-dev" || b.IdleSessionTTL.Seconds() != 600 {
		t.Errorf("bot %s %q TTL %s", b.ID, b.Name, b.IdleSessionTTL)
	}
	if got := slices.Sorted(maps.Keys(b.Aliases)); !slices.Equal(got, []string{"LIVE000000", TestAliasID}) {
		t.Fatalf("aliases %v", got)
	}
	live := b.Aliases["LIVE000000"]
	if live.Name != "live" || live.Version != "1" || live.Locales["en_US"] != "LexFulfillmentFunction" {
		t.Errorf("live alias %+v", live)
	}
	if b.Aliases[TestAliasID].Locales["en_US"] != "LexFulfillmentFunction" {
		t.Errorf("test alias %+v", b.Aliases[TestAliasID])
	}
	book := b.locales["en_US"].intentNamed("BookCar")
	var order []string
	for _, s := range book.slots {
		order = append(order, s.name)
	}
	if !slices.Equal(order, []string{"PickupCity", "PickupDate", "ReturnDate", "CarType"}) || !book.dialogHook || !book.fulfillmentHook {
		t.Errorf("BookCar: slots %v, hooks %v %v", order, book.dialogHook, book.fulfillmentHook)
	}
	if p := book.byName["PickupCity"].prompt; p.maxRetries != 2 || len(p.messages) == 0 || p.messages[0].Content != "Where would you like to pick up the car?" {
		t.Errorf("PickupCity prompt %+v", p)
	}
	if fb := b.locales["en_US"].fallback; fb.name != "FallbackIntent" || fb.dialogHook || !fb.fulfillmentHook {
		t.Errorf("fallback %+v", fb)
	}
	if LocalID("live") != "LIVE000000" || LocalID("A-very_long name!") != "AVERYLONGN" {
		t.Errorf("LocalID: %s %s", LocalID("live"), LocalID("A-very_long name!"))
	}
}
