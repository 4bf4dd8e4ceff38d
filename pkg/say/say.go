// Package say writes domain values as people read them, in English: the
// chatbot's sentences (pkg/lexbot) and the booking emails (pkg/notify)
// say a day, an amount or a car the same way. No AWS import.
package say

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// Date writes a day as people read it: "Friday 5 March 2027". A rental's
// days are days at its location, so no time zone is involved.
func Date(d rental.Date) string { return d.Time().Format("Monday 2 January 2006") }

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

// Money writes an amount in minor units with its currency: "€117.00",
// "¥15,000", "1,234.50 SEK".
func Money(m rental.Money) string {
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

// Days writes a count of rental days: "1 day", "3 days".
func Days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// CarName is a car as the customer sees it: "Toyota Corolla".
func CarName(make, model string) string { return strings.TrimSpace(make + " " + model) }
