package lexbot

import (
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// Intent names, as template.yaml's LexBot declares them.
const (
	IntentBookCar       = "BookCar"
	IntentMyBookings    = "MyBookings"
	IntentCancelBooking = "CancelBooking"
	IntentFallback      = "FallbackIntent"
)

// Slot names of BookCar and CancelBooking, as template.yaml declares them.
const (
	SlotPickupCity = "PickupCity" // BookCar, AMAZON.City
	SlotCarType    = "CarType"    // BookCar, custom type CarTypes
	SlotPickupDate = "PickupDate" // BookCar and CancelBooking, AMAZON.Date
	SlotReturnDate = "ReturnDate" // BookCar, AMAZON.Date
	SlotBookingRef = "BookingRef" // CancelBooking, AMAZON.AlphaNumeric: a booking id
)

// Session attributes. AttrIDToken is set by the web app; the others are the
// bot's memory between turns (session attributes are the only state Lex
// keeps for a code hook). The client can set any attribute too, so none of
// them is trusted for identity, and a quote is checked again at fulfillment.
const (
	// AttrIDToken holds the user's Cognito ID token.
	AttrIDToken = "idToken"
	// AttrIDTokenJWT holds it too, under the name that aws-lex-web-ui
	// (github.com/aws-samples/aws-lex-web-ui) gives it when its login is
	// on, so that widget works with this bot unchanged. AttrIDToken wins
	// when a session carries both.
	AttrIDTokenJWT = "idtokenjwt"
	// attrQuoteCar is the car quoted at confirmation; attrQuoteFor the slots
	// it was quoted for (booking.key); attrQuoteRef a random reference of
	// that quote, part of the idempotency key.
	attrQuoteCar = "quoteCarId"
	attrQuoteFor = "quoteFor"
	attrQuoteRef = "quoteRef"
)

// slotText is what the user gave for slot name: Lex's interpretation, or
// what was said when Lex has none; "" when the slot is empty.
func slotText(in Intent, name string) string {
	s := in.Slots[name]
	if s == nil {
		return ""
	}
	if s.Value == nil && len(s.Values) > 0 { // a List slot: the first value is enough here
		s = s.Values[0]
	}
	if s == nil || s.Value == nil {
		return ""
	}
	if v := strings.TrimSpace(s.Value.InterpretedValue); v != "" {
		return v
	}
	return strings.TrimSpace(s.Value.OriginalValue)
}

// slotCandidates lists every reading of slot name, best first and without
// repeats: interpretedValue, originalValue, then resolvedValues. AMAZON.City
// does not normalise what people type, so matching a city tries them all.
func slotCandidates(in Intent, name string) []string {
	s := in.Slots[name]
	if s == nil || s.Value == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range append([]string{s.Value.InterpretedValue, s.Value.OriginalValue}, s.Value.ResolvedValues...) {
		if v = strings.TrimSpace(v); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// setSlot fills slot name with value, keeping what the user said.
func setSlot(in *Intent, name, value string) {
	original := value
	if s := in.Slots[name]; s != nil && s.Value != nil && s.Value.OriginalValue != "" {
		original = s.Value.OriginalValue
	}
	in.Slots[name] = &Slot{Shape: "Scalar", Value: &Value{OriginalValue: original, InterpretedValue: value,
		ResolvedValues: []string{value}}}
}

// clearSlot empties slot name, so that Lex asks for it again.
func clearSlot(in *Intent, name string) { in.Slots[name] = nil }

// carTypeWords maps what people call a car class to our type. The bot's
// slot type CarTypes (template.yaml) has the same synonyms and resolves
// them itself (top resolution); this table is the second line, for
// originalValue and for a bot whose slot type keeps the user's words. A test
// holds the two lists together.
var carTypeWords = map[string]rental.CarType{
	"economy": rental.Economy, "cheap": rental.Economy, "cheapest": rental.Economy, "budget": rental.Economy,
	"small": rental.Economy, "basic": rental.Economy, "mini": rental.Economy,
	"compact": rental.Compact, "hatchback": rental.Compact, "city car": rental.Compact,
	"midsize": rental.Midsize, "mid size": rental.Midsize, "intermediate": rental.Midsize,
	"standard": rental.Midsize, "sedan": rental.Midsize, "saloon": rental.Midsize, "medium": rental.Midsize,
	"suv": rental.SUV, "4x4": rental.SUV, "four by four": rental.SUV, "off road": rental.SUV,
	"crossover": rental.SUV, "jeep": rental.SUV,
	"luxury": rental.Luxury, "premium": rental.Luxury, "executive": rental.Luxury, "fancy": rental.Luxury,
	"sports car": rental.Luxury, "convertible": rental.Luxury,
	"van": rental.Van, "minivan": rental.Van, "minibus": rental.Van, "people carrier": rental.Van,
	"family": rental.Van, "family car": rental.Van, "7 seater": rental.Van, "seven seater": rental.Van,
	"9 seater": rental.Van,
}

// parseCarType reads a CarType slot value: a type name or one of its
// synonyms, in any case, with or without "car" after it.
func parseCarType(s string) (rental.CarType, bool) {
	w := strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))), " ")
	if t, ok := carTypeWords[w]; ok {
		return t, true
	}
	for _, suffix := range []string{" car", " cars", " one", " vehicle"} {
		if t, ok := carTypeWords[strings.TrimSuffix(w, suffix)]; ok {
			return t, true
		}
	}
	return "", false
}

// typeName is a car type as a sentence says it.
func typeName(t rental.CarType) string {
	if t == rental.SUV {
		return "SUV"
	}
	return string(t)
}

// typeNoun names a car of type t as people say it: an SUV and a van are
// nouns of their own ("an SUV", not "an SUV car"), the other types are
// said before "car" ("an economy car"); plural gives "SUVs", "economy
// cars".
func typeNoun(t rental.CarType, plural bool) string {
	noun := typeName(t) + " car"
	if t == rental.SUV || t == rental.Van {
		noun = typeName(t)
	}
	if plural {
		return noun + "s"
	}
	return noun
}
