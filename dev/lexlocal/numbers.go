package lexlocal

import (
	"strconv"
	"strings"
)

// Numbers as people type them: digits, or English words up to ninety-nine
// ("three", "twenty one"; a hyphen splits into two words), and ordinals
// ("5th", "fifth", "twenty-fifth"). That covers the days, counts and day
// numbers of dates; AMAZON.Number takes the same.

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

var ordinalUnits = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

// cardinal reads a whole number at the start of ws and says how many words
// it took: "3", "three", "twenty one", "twenty".
func cardinal(ws []string) (n, used int, ok bool) {
	if len(ws) == 0 {
		return 0, 0, false
	}
	if v, err := strconv.Atoi(ws[0]); err == nil && v >= 0 && len(ws[0]) <= 9 {
		return v, 1, true
	}
	if v, ok := units[ws[0]]; ok {
		return v, 1, true
	}
	if v, ok := tens[ws[0]]; ok {
		if len(ws) > 1 {
			if u, ok := units[ws[1]]; ok && u > 0 && u < 10 {
				return v + u, 2, true
			}
		}
		return v, 1, true
	}
	return 0, 0, false
}

// ordinal reads a day number at the start of ws: "5th", "5", "fifth",
// "twenty fifth", "thirty first".
func ordinal(ws []string) (n, used int, ok bool) {
	if len(ws) == 0 {
		return 0, 0, false
	}
	w := ws[0]
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if digits, ok := strings.CutSuffix(w, suffix); ok {
			if v, err := strconv.Atoi(digits); err == nil && len(digits) <= 2 {
				return v, 1, true
			}
		}
	}
	if v, err := strconv.Atoi(w); err == nil && len(w) <= 2 {
		return v, 1, true
	}
	if v, ok := ordinalUnits[w]; ok {
		return v, 1, true
	}
	if v, ok := tens[w]; ok && len(ws) > 1 {
		if u, ok := ordinalUnits[ws[1]]; ok && u < 10 {
			return v + u, 2, true
		}
	}
	return 0, 0, false
}
