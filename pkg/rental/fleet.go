package rental

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The fleet's limits: what staff may give a car or a location.
const (
	MinSeats, MaxSeats = 2, 9
	// MinRate and MaxRate bound a daily rate in minor units: 1.00 to
	// 10,000.00.
	MinRate, MaxRate = 100, 1_000_000
	maxShortText     = 40  // make, model, city
	maxNameText      = 80  // a location's name
	maxAddressText   = 160 // a location's address
)

// Currencies are those a location may use: all have two minor digits,
// which Money prints.
var Currencies = []string{"AUD", "CAD", "CHF", "EUR", "GBP", "NZD", "USD"}

// Transmissions lists every Transmission.
var Transmissions = []Transmission{Automatic, Manual}

var (
	fleetIDPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,39}$`)
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	imageKeyPattern = regexp.MustCompile(`^cars/[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$`)
)

// CarSpec is a new car: ID is optional (one is made from the location
// when empty); DailyRate is in the location's currency's minor units.
type CarSpec struct {
	ID           string
	Make, Model  string
	Type         CarType
	Seats        int
	Transmission Transmission
	LocationID   string
	DailyRate    int64
	ImageKey     string
}

// CarChange changes a car; nil fields stay as they are.
type CarChange struct {
	Make, Model  *string
	Type         *CarType
	Seats        *int
	Transmission *Transmission
	LocationID   *string
	DailyRate    *int64
	ImageKey     *string
}

// carChangeFields are what a CarChange may name.
var carChangeFields = []Field{FieldMake, FieldModel, FieldType, FieldSeats, FieldTransmission, FieldLocation, FieldRate, FieldPhoto}

func (c CarChange) empty() bool {
	return c.Make == nil && c.Model == nil && c.Type == nil && c.Seats == nil && c.Transmission == nil &&
		c.LocationID == nil && c.DailyRate == nil && c.ImageKey == nil
}

// check holds what c names to the fleet's rules, all at once.
func (c CarChange) check() []Violation {
	var vs []Violation
	add := func(v *Violation) {
		if v != nil {
			vs = append(vs, *v)
		}
	}
	if c.Make != nil {
		add(checkText(FieldMake, *c.Make, maxShortText))
	}
	if c.Model != nil {
		add(checkText(FieldModel, *c.Model, maxShortText))
	}
	if c.Type != nil {
		add(checkOneOf(FieldType, *c.Type, CarTypes))
	}
	if c.Seats != nil {
		add(checkRange(FieldSeats, *c.Seats, MinSeats, MaxSeats))
	}
	if c.Transmission != nil {
		add(checkOneOf(FieldTransmission, *c.Transmission, Transmissions))
	}
	if c.DailyRate != nil {
		add(checkRange(FieldRate, int(*c.DailyRate), MinRate, MaxRate))
	}
	if c.ImageKey != nil {
		add(checkFormat(FieldPhoto, *c.ImageKey, imageKeyPattern, "a photo's key, cars/..."))
	}
	if c.LocationID != nil && *c.LocationID == "" {
		vs = append(vs, Violation{Field: FieldLocation, Rule: RuleEmpty})
	}
	return vs
}

// change is spec as a change of every field, for the checks they share.
func (s CarSpec) change() CarChange {
	c := CarChange{Make: &s.Make, Model: &s.Model, Type: &s.Type, Seats: &s.Seats, Transmission: &s.Transmission,
		LocationID: &s.LocationID, DailyRate: &s.DailyRate}
	if s.ImageKey != "" {
		c.ImageKey = &s.ImageKey
	}
	return c
}

// check holds s to the fleet's rules.
func (s CarSpec) check() []Violation {
	vs := s.change().check()
	if s.ID != "" {
		if v := checkFormat(FieldID, s.ID, fleetIDPattern, "2 to 40 lowercase letters, digits and dashes"); v != nil {
			vs = append(vs, *v)
		}
	}
	return vs
}

// apply is car c after ch, its rate in currency (the location's).
func (ch CarChange) apply(c Car, currency string) Car {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&c.Make, ch.Make)
	set(&c.Model, ch.Model)
	set(&c.ImageKey, ch.ImageKey)
	set(&c.LocationID, ch.LocationID)
	if ch.Type != nil {
		c.Type = *ch.Type
	}
	if ch.Seats != nil {
		c.Seats = *ch.Seats
	}
	if ch.Transmission != nil {
		c.Transmission = *ch.Transmission
	}
	if ch.DailyRate != nil {
		c.DailyRate.Amount = *ch.DailyRate
	}
	c.DailyRate.Currency = currency
	return c
}

// LocationSpec is a location as staff give it: every field but ID may
// change later.
type LocationSpec struct {
	ID, Name, City, Country, TimeZone, Address, Currency string
}

// LocationChange changes a location; nil fields stay as they are.
type LocationChange struct {
	Name, City, Country, TimeZone, Address, Currency *string
}

var locationChangeFields = []Field{FieldName, FieldCity, FieldCountry, FieldTimeZone, FieldAddress, FieldCurrency}

func (c LocationChange) empty() bool {
	return c.Name == nil && c.City == nil && c.Country == nil && c.TimeZone == nil && c.Address == nil && c.Currency == nil
}

// check holds what c names to the rules.
func (c LocationChange) check() []Violation {
	var vs []Violation
	add := func(v *Violation) {
		if v != nil {
			vs = append(vs, *v)
		}
	}
	if c.Name != nil {
		add(checkText(FieldName, *c.Name, maxNameText))
	}
	if c.City != nil {
		add(checkText(FieldCity, *c.City, maxShortText))
	}
	if c.Address != nil {
		add(checkText(FieldAddress, *c.Address, maxAddressText))
	}
	if c.Country != nil {
		add(checkFormat(FieldCountry, *c.Country, countryPattern, "2 capital letters (ISO 3166-1)"))
	}
	if c.TimeZone != nil {
		add(checkTimeZone(*c.TimeZone))
	}
	if c.Currency != nil {
		add(checkOneOf(FieldCurrency, *c.Currency, Currencies))
	}
	return vs
}

func (s LocationSpec) change() LocationChange {
	return LocationChange{Name: &s.Name, City: &s.City, Country: &s.Country, TimeZone: &s.TimeZone, Address: &s.Address, Currency: &s.Currency}
}

func (s LocationSpec) check() []Violation {
	vs := s.change().check()
	if v := checkFormat(FieldID, s.ID, fleetIDPattern, "2 to 40 lowercase letters, digits and dashes"); v != nil {
		vs = append(vs, *v)
	}
	return vs
}

// apply is l after c.
func (c LocationChange) apply(l Location) Location {
	for _, f := range []struct {
		dst *string
		v   *string
	}{{&l.Name, c.Name}, {&l.City, c.City}, {&l.Country, c.Country}, {&l.TimeZone, c.TimeZone}, {&l.Address, c.Address}, {&l.Currency, c.Currency}} {
		if f.v != nil {
			*f.dst = strings.TrimSpace(*f.v)
		}
	}
	return l
}

// checkText: required, at most max characters, no control characters
// and none that hide or reorder text (see hiddenChar).
func checkText(f Field, s string, max int) *Violation {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return &Violation{Field: f, Rule: RuleRequired}
	case utf8.RuneCountInString(s) > max:
		return &Violation{Field: f, Rule: RuleTooLong, Max: max}
	case strings.IndexFunc(s, unicode.IsControl) >= 0 || strings.IndexFunc(s, hiddenChar) >= 0:
		return &Violation{Field: f, Rule: RuleFormat, Value: s,
			Allowed: []string{"text without control, direction or invisible characters"}}
	}
	return nil
}

// hiddenChar: a character that staff's pages and the customers' emails
// would show as something else: the direction overrides, embeddings,
// isolates and marks (a "Trojan Source" name reads backwards), the
// invisible spaces and joiners that make two names look equal, and
// U+FFFD, which stands for text that was not valid UTF-16 or UTF-8 (JSON
// decoding puts it for a lone surrogate). ZWJ and ZWNJ stay: scripts
// such as Persian and Devanagari spell words with them.
func hiddenChar(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F, // Arabic letter mark, LRM, RLM
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // embeddings, overrides, isolates
		r == 0x200B, r == 0x2060, r == 0xFEFF, // zero-width space, word joiner, BOM
		r == utf8.RuneError:
		return true
	}
	return false
}

func checkRange(f Field, n, min, max int) *Violation {
	if n < min || n > max {
		return &Violation{Field: f, Rule: RuleRange, Value: fmt.Sprint(n), Min: min, Max: max}
	}
	return nil
}

func checkOneOf[T ~string](f Field, v T, allowed []T) *Violation {
	if !oneOf(v, allowed) {
		return &Violation{Field: f, Rule: RuleOneOf, Value: string(v), Allowed: names(allowed)}
	}
	return nil
}

func checkFormat(f Field, v string, re *regexp.Regexp, what string) *Violation {
	if !re.MatchString(v) {
		return &Violation{Field: f, Rule: RuleFormat, Value: v, Allowed: []string{what}}
	}
	return nil
}

// checkTimeZone: an IANA zone that this build knows (Go's embedded
// tzdata or the system's), not "Local".
func checkTimeZone(tz string) *Violation {
	if tz == "" || tz == "Local" {
		return &Violation{Field: FieldTimeZone, Rule: RuleFormat, Value: tz, Allowed: []string{"an IANA time zone such as Europe/Berlin"}}
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return &Violation{Field: FieldTimeZone, Rule: RuleFormat, Value: tz, Allowed: []string{"an IANA time zone such as Europe/Berlin"}}
	}
	return nil
}
