package lexbot

import (
	"slices"
	"strings"

	"github.com/carrental/backend/pkg/rental"
	"github.com/carrental/backend/pkg/say"
)

// Fixed messages. Every message of the bot is plain text, in English (the
// bot's only locale is en_US), short enough to be read aloud, and says what
// the user can do next.
const (
	msgSignIn = "Please sign in on our website first, then ask me again: I can only book cars and look up " +
		"bookings for signed-in customers. If you are signed in already, your sign-in may have expired; " +
		"sign in again and I'll be right here."
	msgInternal = "Sorry, something went wrong on our side and nothing was changed. Please try again in a moment."
	msgHelp     = "I can book a rental car for you, list your upcoming bookings or cancel one. " +
		"Try \"Book an SUV in Berlin from March 5 to March 8\", \"Show my bookings\" or \"Cancel my booking\"."
	msgDeclined = "No problem, I haven't booked anything. Ask me again whenever you like, " +
		"with other dates or another type of car."
)

// longDate writes a day as people read it: "Friday 5 March 2027". Lex's
// AMAZON.Date turns "next week" or "the 5th" into one day, so the bot always
// spells out the day it understood.
func longDate(d rental.Date) string { return say.Date(d) }

// money writes an amount in minor units with its currency: "€117.00",
// "¥15,000", "1,234.50 SEK".
func money(m rental.Money) string { return say.Money(m) }

// andList joins items as a sentence does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// orList is andList with "or".
func orList(items []string) string {
	if len(items) < 2 {
		return andList(items)
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// days writes a count of rental days: "1 day", "3 days".
func days(n int) string { return say.Days(n) }

// carName is a car as the user sees it: "Toyota Corolla".
func carName(make, model string) string { return say.CarName(make, model) }

// servedCities lists our cities for "we serve ..." messages, each once, in
// alphabetical order.
func servedCities(locs []rental.Location) string {
	var names []string
	for _, l := range locs {
		if !slices.Contains(names, l.City) {
			names = append(names, l.City)
		}
	}
	slices.Sort(names)
	return andList(names)
}

// locationNames lists the names of locs: "Berlin Hauptbahnhof or Berlin Airport".
func locationNames(locs []rental.Location) string {
	names := make([]string, len(locs))
	for i, l := range locs {
		names[i] = l.Name
	}
	return orList(names)
}

// clip shortens s to at most MaxMessageLength characters, ending in "…",
// so that a long list never makes Lex reject the response.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= MaxMessageLength {
		return s
	}
	return string(r[:MaxMessageLength-1]) + "…"
}
