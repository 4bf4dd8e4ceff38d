package lexbot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carrental/backend/pkg/rental"
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
func longDate(d rental.Date) string { return d.Time().Format("Monday 2 January 2006") }

// currencyStyle is how a currency is written: its symbol before the amount
// and the number of minor digits (ISO 4217 exponent).
type currencyStyle struct {
	symbol string
	digits int
}

// currencies we know how to write; any other is "1,234.50 XXX" with two
// digits. JPY and KRW have no minor unit: 5000 is ¥5,000.
var currencies = map[string]currencyStyle{
	"USD": {"$", 2}, "EUR": {"€", 2}, "GBP": {"£", 2}, "JPY": {"¥", 0}, "KRW": {"₩", 0},
	"NZD": {"NZ$", 2}, "AUD": {"A$", 2}, "CAD": {"CA$", 2}, "SGD": {"S$", 2}, "HKD": {"HK$", 2},
	"CHF": {"CHF ", 2}, "INR": {"₹", 2},
}

// money writes an amount in minor units with its currency: "€117.00",
// "¥15,000", "1,234.50 SEK".
func money(m rental.Money) string {
	style, known := currencies[m.Currency]
	if !known {
		style.digits = 2
	}
	neg := m.Amount < 0
	amount := m.Amount
	if neg {
		amount = -amount
	}
	unit := int64(1)
	for range style.digits {
		unit *= 10
	}
	s := groupThousands(strconv.FormatInt(amount/unit, 10))
	if style.digits > 0 {
		s += fmt.Sprintf(".%0*d", style.digits, amount%unit)
	}
	if known {
		s = style.symbol + s
	} else {
		s += " " + m.Currency
	}
	if neg {
		s = "-" + s
	}
	return s
}

// groupThousands puts a comma between groups of three digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	var b strings.Builder
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

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
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// carName is a car as the user sees it: "Toyota Corolla".
func carName(make, model string) string { return strings.TrimSpace(make + " " + model) }

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
