package lexlocal

import (
	"strconv"
	"strings"
	"time"
)

// AMAZON.Date, as "AMAZON.Date" in the Lex V2 developer guide describes it
// (https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slot-date.html),
// for the phrases people type. The value is a day, YYYY-MM-DD, counted from
// today in the request's time zone (request attribute x-amz-lex:time-zone,
// else UTC):
//
//   - a specific day: "today", "now", "tomorrow", "the day after tomorrow",
//     "yesterday", a weekday ("friday", "this friday": the next one on or
//     after today; "next friday": the first one after today; "last friday"),
//     "in 3 days", "in two weeks", "in a month", "3 days from now", a date
//     ("March 5", "5 March", "the 5th of March", "March 5th 2027", "the
//     5th"), digits ("2027-03-05"; "5/3" and "5/3/2027", month first in
//     en_US and es_US, day first in the other locales). A day without a
//     year is the next one on or after today, as Lex's "defaults to dates
//     on or after the current date";
//   - a week: "next week" is the last day of the current week (Sunday),
//     "this week" and "last week" the Monday of that week;
//   - a month: "next month" its last day, "this month" and "last month"
//     their first day;
//   - a year: "next year" its last day, "this year" and "last year" their
//     first day.

// day is a calendar day, at midnight UTC.
type day = time.Time

// dayOf is t's calendar day in t's location, at midnight UTC.
func dayOf(t time.Time) day { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func isoDay(d day) string { return d.Format(time.DateOnly) }

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday, "tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "thursday": time.Thursday, "thu": time.Thursday,
	"thur": time.Thursday, "thurs": time.Thursday, "friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday, "sunday": time.Sunday, "sun": time.Sunday,
}

// monthFirst are the locales that write a numeric date month first (5/3 is
// May 3rd).
var monthFirst = map[string]bool{"en_US": true, "es_US": true}

// resolveDate reads all of ws as a date counted from today; ok is false
// when ws is not one.
func resolveDate(ws []string, today day, localeID string) (day, bool) {
	if len(ws) == 0 {
		return day{}, false
	}
	if d, ok := relativeDay(ws, today); ok {
		return d, true
	}
	if d, ok := weekdayDate(ws, today); ok {
		return d, true
	}
	if d, ok := periodDate(ws, today); ok {
		return d, true
	}
	if d, ok := offsetDate(ws, today); ok {
		return d, true
	}
	if len(ws) == 1 {
		if d, ok := numericDate(ws[0], today, monthFirst[localeID]); ok {
			return d, true
		}
	}
	return calendarDate(ws, today)
}

func relativeDay(ws []string, today day) (day, bool) {
	switch strings.Join(ws, " ") {
	case "today", "now", "tonight", "this evening", "this morning", "this afternoon":
		return today, true
	case "tomorrow", "tmrw", "tmr", "tomorrow morning", "tomorrow evening":
		return today.AddDate(0, 0, 1), true
	case "day after tomorrow", "the day after tomorrow", "overmorrow":
		return today.AddDate(0, 0, 2), true
	case "yesterday":
		return today.AddDate(0, 0, -1), true
	case "day before yesterday", "the day before yesterday":
		return today.AddDate(0, 0, -2), true
	}
	return day{}, false
}

// weekdayDate reads "friday", "this friday", "coming friday", "next
// friday", "last friday".
func weekdayDate(ws []string, today day) (day, bool) {
	wd, ok := weekdays[ws[len(ws)-1]]
	if !ok {
		return day{}, false
	}
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7 // 0: today
	switch strings.Join(ws[:len(ws)-1], " ") {
	case "", "on", "this", "coming", "this coming", "on this":
		return today.AddDate(0, 0, ahead), true
	case "next", "on next":
		if ahead == 0 {
			ahead = 7
		}
		return today.AddDate(0, 0, ahead), true
	case "last", "on last", "past":
		back := (int(today.Weekday()) - int(wd) + 7) % 7
		if back == 0 {
			back = 7
		}
		return today.AddDate(0, 0, -back), true
	}
	return day{}, false
}

// periodDate reads a week, month or year as the guide resolves it.
func periodDate(ws []string, today day) (day, bool) {
	if len(ws) != 2 {
		return day{}, false
	}
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	firstOfMonth := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	switch ws[0] + " " + ws[1] {
	case "next week":
		return monday.AddDate(0, 0, 6), true
	case "this week":
		return monday, true
	case "last week":
		return monday.AddDate(0, 0, -7), true
	case "next month":
		return firstOfMonth.AddDate(0, 2, -1), true
	case "this month":
		return firstOfMonth, true
	case "last month":
		return firstOfMonth.AddDate(0, -1, 0), true
	case "next year":
		return time.Date(today.Year()+1, 12, 31, 0, 0, 0, 0, time.UTC), true
	case "this year":
		return time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC), true
	case "last year":
		return time.Date(today.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), true
	}
	return day{}, false
}

// offsetDate reads "in 3 days", "in a week", "in two weeks time", "3 days
// from now", "a month from today".
func offsetDate(ws []string, today day) (day, bool) {
	n, unit, ok := offset(ws)
	if !ok {
		return day{}, false
	}
	switch unit {
	case "day":
		return today.AddDate(0, 0, n), true
	case "week":
		return today.AddDate(0, 0, 7*n), true
	case "fortnight":
		return today.AddDate(0, 0, 14*n), true
	case "month":
		return today.AddDate(0, n, 0), true
	case "year":
		return today.AddDate(n, 0, 0), true
	}
	return day{}, false
}

// offset reads an offset from today: how many of which unit ("day",
// "week", ...: singular).
func offset(ws []string) (n int, unit string, ok bool) {
	var rest []string
	switch {
	case ws[0] == "in":
		rest = ws[1:]
		if k := len(rest); k > 0 && rest[k-1] == "time" { // "in two weeks time"
			rest = rest[:k-1]
		}
	case len(ws) > 2 && ws[len(ws)-2] == "from" && (ws[len(ws)-1] == "now" || ws[len(ws)-1] == "today"):
		rest = ws[:len(ws)-2]
	}
	if len(rest) < 2 {
		return 0, "", false
	}
	n, used := 1, 1
	if rest[0] != "a" && rest[0] != "an" {
		if n, used, ok = cardinal(rest); !ok {
			return 0, "", false
		}
	}
	if used != len(rest)-1 {
		return 0, "", false
	}
	return n, strings.TrimSuffix(rest[used], "s"), true
}

// numericDate reads "2027-03-05", "2027/03/05", "5/3", "5/3/2027" and
// "5/3/27" (month first when monthFirst).
func numericDate(w string, today day, monthFirst bool) (day, bool) {
	sep := "/"
	if strings.Count(w, "-") == 2 {
		sep = "-"
	}
	parts := strings.Split(w, sep)
	if len(parts) < 2 || len(parts) > 3 {
		return day{}, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" {
			return day{}, false
		}
		nums[i] = v
	}
	if len(parts) == 3 && len(parts[0]) == 4 { // year first
		return makeDay(nums[0], nums[1], nums[2])
	}
	if sep == "-" {
		return day{}, false
	}
	m, d := nums[1], nums[0]
	if monthFirst {
		m, d = nums[0], nums[1]
	}
	if len(parts) == 3 {
		y := nums[2]
		switch len(parts[2]) {
		case 2:
			y += 2000
		case 4:
		default:
			return day{}, false
		}
		return makeDay(y, m, d)
	}
	return onOrAfter(today, m, d)
}

// calendarDate reads a day of a month, with or without the month and the
// year: "march 5", "march the 5th", "5 march", "the 5th of march", "march
// 5th 2027", "the 5th".
func calendarDate(ws []string, today day) (day, bool) {
	ws = trimWord(ws, "the")
	year := 0
	if n := len(ws); n > 1 && len(ws[n-1]) == 4 {
		if y, err := strconv.Atoi(ws[n-1]); err == nil {
			year, ws = y, ws[:n-1]
		}
	}
	month, dayNum, ok := monthAndDay(ws)
	if !ok {
		return day{}, false
	}
	if month == 0 { // "the 5th": this month's or the next
		if year != 0 {
			return day{}, false
		}
		d, ok := makeDay(today.Year(), int(today.Month()), dayNum)
		if !ok || d.Before(today) {
			next := time.Date(today.Year(), today.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			return makeDay(next.Year(), int(next.Month()), dayNum)
		}
		return d, true
	}
	if year != 0 {
		return makeDay(year, int(month), dayNum)
	}
	return onOrAfter(today, int(month), dayNum)
}

// monthAndDay reads "march 5", "march the 5th", "5 march", "5th of march"
// or an ordinal alone ("5th", month 0).
func monthAndDay(ws []string) (time.Month, int, bool) {
	if len(ws) == 0 {
		return 0, 0, false
	}
	if m, ok := months[ws[0]]; ok { // march 5, march the 5th
		rest := trimWord(ws[1:], "the")
		if d, used, ok := ordinal(rest); ok && used == len(rest) {
			return m, d, true
		}
		return 0, 0, false
	}
	d, used, ok := ordinal(ws)
	if !ok {
		return 0, 0, false
	}
	rest := ws[used:]
	if len(rest) == 0 {
		if _, err := strconv.Atoi(ws[0]); err == nil {
			return 0, 0, false // a bare number is not a day
		}
		return 0, d, true
	}
	if rest[0] == "of" {
		rest = rest[1:]
	}
	if len(rest) == 1 {
		if m, ok := months[rest[0]]; ok {
			return m, d, true
		}
	}
	return 0, 0, false
}

func trimWord(ws []string, w string) []string {
	if len(ws) > 0 && ws[0] == w {
		return ws[1:]
	}
	return ws
}

// onOrAfter is the next month/day on or after today.
func onOrAfter(today day, month, dayNum int) (day, bool) {
	d, ok := makeDay(today.Year(), month, dayNum)
	if ok && d.Before(today) {
		d, ok = makeDay(today.Year()+1, month, dayNum)
	}
	if !ok && month == 2 && dayNum == 29 { // the next leap year's
		for y := today.Year() + 1; y <= today.Year()+8; y++ {
			if d, ok = makeDay(y, month, dayNum); ok {
				break
			}
		}
	}
	return d, ok
}

// makeDay is the day y-m-d, if it exists.
func makeDay(y, m, d int) (day, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999 {
		return day{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return day{}, false // 2027-02-30
	}
	return t, true
}
