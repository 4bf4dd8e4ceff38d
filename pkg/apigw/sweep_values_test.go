package apigw_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

// The bad values of TestBadInputSweep, by the kind of field they go into.
// None of them is valid for any field of its kind.

// badValue is one bad value; json marks raw JSON for a body property
// (a number, null, an object) rather than a string.
type badValue struct {
	name  string
	value string
	json  bool
}

// common are bad for every field: empty, 10 KB, unicode, injection-looking.
var common = []badValue{
	{"empty", "", false},
	{"10KB", strings.Repeat("a", 10<<10), false},
	{"RTL override", "\u202eber-eco-1", false},
	{"emoji", "🚗💨", false},
	{"NUL", "ber\x00eco", false},
	{"invalid UTF-8", "\xff\xfe\xfd", false},
	{"SQL", "' OR '1'='1' --", false},
	{"NoSQL", `{"$gt":""}`, false},
	{"template", "${jndi:ldap://example.com/a}", false},
	{"template braces", "{{7*7}}", false},
	{"path traversal", "../../etc/passwd", false},
	{"encoded traversal", "..%2F..%2Fetc%2Fpasswd", false},
	{"HTML", "<script>alert(1)</script>", false},
	{"blank", " ", false},
	{"CRLF", "x\r\nSet-Cookie: a=b", false},
}

func with(extra ...badValue) []badValue { return append(append([]badValue{}, common...), extra...) }

// excluding is vs without the value named name.
func excluding(vs []badValue, name string) []badValue {
	var out []badValue
	for _, v := range vs {
		if v.name != name {
			out = append(out, v)
		}
	}
	return out
}

var (
	idValues = with(
		badValue{"65 characters", strings.Repeat("c", 65), false},
		badValue{"space", "ber eco 1", false},
		badValue{"slash", "ber/eco-1", false},
		badValue{"dot", "ber.eco.1", false},
		badValue{"trailing newline", "ber-eco-1\n", false},
	)
	// pathValues are idValues but the empty one: API Gateway routes no
	// request with an empty path parameter to the function.
	pathValues = excluding(idValues, "empty")
	// enumValues are bad for type and status.
	enumValues = with(
		badValue{"other case", "Economy", false},
		badValue{"lower-case status", "confirmed", false},
		badValue{"number", "1", false},
	)
	dateValues = with(
		badValue{"2026-02-30", "2026-02-30", false},
		badValue{"0000-00-00", "0000-00-00", false},
		badValue{"9999-99-99", "9999-99-99", false},
		badValue{"2026-13-01", "2026-13-01", false},
		badValue{"2026-1-1", "2026-1-1", false},
		badValue{"signed year", "+2026-12-10", false},
		badValue{"with a time", "2026-12-10T00:00:00Z", false},
		badValue{"no dashes", "20261210", false},
		badValue{"slashes", "2026/12/10", false},
		badValue{"day first", "10-12-2026", false},
		badValue{"padded", " 2026-12-10", false},
		badValue{"full-width digits", "２０２６-１２-１０", false},
	)
	limitValues = with(
		badValue{"-1", "-1", false},
		badValue{"0", "0", false},
		badValue{"101", "101", false},
		badValue{"1e309", "1e309", false},
		badValue{"20 digits", "99999999999999999999", false},
		badValue{"huge", "1000000", false},
		badValue{"2^31", "2147483648", false},
		badValue{"2^63", "9223372036854775808", false},
		badValue{"-2^63-1", "-9223372036854775809", false},
		badValue{"fraction", "1.5", false},
		badValue{"hex", "0x10", false},
		badValue{"NaN", "NaN", false},
		badValue{"Infinity", "Infinity", false},
		badValue{"space before", " 5", false},
		badValue{"Arabic digit", "٥", false},
	)
	idempotencyKeyValues = with(
		badValue{"129 characters", strings.Repeat("k", 129), false},
		badValue{"space", "key 1", false},
		badValue{"Cyrillic", "ключ", false},
		badValue{"slash", "a/b", false},
	)
	ifMatchValues = with(
		badValue{"not a number", `"abc"`, false},
		badValue{"weak, not a number", `W/"x"`, false},
		badValue{"list", `"1", "2"`, false},
		badValue{"negative", "-1", false},
		badValue{"20 digits", `"99999999999999999999"`, false},
		badValue{"unterminated", `"1`, false},
		badValue{"empty tag", `""`, false},
		badValue{"W/ alone", "W/", false},
	)
	contentTypeValues = with(
		badValue{"text/plain", "text/plain", false},
		badValue{"XML", "application/xml", false},
		badValue{"form", "application/x-www-form-urlencoded", false},
		badValue{"multipart", "multipart/form-data; boundary=x", false},
		badValue{"latin-1", "application/json; charset=iso-8859-1", false},
		badValue{"jsonx", "application/jsonx", false},
		badValue{"parameters broken", "application/json;;;=", false},
	)
	// bodyValues are whole bodies that are not one JSON object.
	bodyValues = []badValue{
		{"empty", "", false},
		{"blank", " \n\t", false},
		{"null", "null", false},
		{"array", `[{"carId":"ber-eco-1"}]`, false},
		{"number", "7", false},
		{"string", `"ber-eco-1"`, false},
		{"truncated", `{"carId":"ber-eco-1",`, false},
		{"two objects", `{}{}`, false},
		{"10KB of letters", strings.Repeat("a", 10<<10), false},
		{"NUL", "\x00", false},
		{"invalid UTF-8", "\xff\xfe", false},
		{"HTML", "<script>alert(1)</script>", false},
		{"SQL", "'; DROP TABLE bookings; --", false},
		{"form", "carId=ber-eco-1&pickupDate=2026-12-10", false},
	}
)

// jsonValues are vs as JSON strings, plus values of other JSON types.
func jsonValues(vs []badValue) []badValue {
	return append(append([]badValue{}, vs...),
		badValue{"JSON number", "7", true},
		badValue{"JSON negative", "-1", true},
		badValue{"JSON 1e309", "1e309", true},
		badValue{"JSON 20 digits", "99999999999999999999", true},
		badValue{"JSON true", "true", true},
		badValue{"JSON null", "null", true},
		badValue{"JSON array", `["ber-eco-1"]`, true},
		badValue{"JSON object", `{}`, true},
		badValue{"JSON NoSQL", `{"$gt":""}`, true},
	)
}

// cursorSet holds cursors that the API issued in the sweep's env.
type cursorSet struct {
	alice, bob     string // GET /bookings?limit=1 of each
	aliceConfirmed string // GET /bookings?status=CONFIRMED&limit=1 of alice
	cars, economy  string // GET /cars?locationId=BER&limit=1, and with type=economy
}

// realCursors asks the API for the cursors of cursorSet.
func realCursors(t *testing.T, e *env) cursorSet {
	t.Helper()
	next := func(ev *event) string {
		var page struct{ NextCursor string }
		e.serve(t, ev.query("limit", "1").get()).wantOK(t, http.StatusOK, &page)
		if page.NextCursor == "" {
			t.Fatalf("no nextCursor for %s %v", ev.ev.Path, ev.ev.QueryStringParameters)
		}
		return page.NextCursor
	}
	return cursorSet{
		alice:          next(newEvent("GET /bookings").as(alice)),
		bob:            next(newEvent("GET /bookings").as(bob)),
		aliceConfirmed: next(newEvent("GET /bookings").as(alice).query("status", "CONFIRMED")),
		cars:           next(newEvent("GET /cars").query("locationId", "BER")),
		economy:        next(newEvent("GET /cars").query("locationId", "BER").query("type", "economy")),
	}
}

// forBookings are bad cursors for alice's GET /bookings.
func (c cursorSet) forBookings() []badValue {
	return append(forged(c.alice),
		badValue{"another user's", c.bob, false},
		badValue{"another query's (status)", c.aliceConfirmed, false},
		badValue{"of GET /cars", c.cars, false},
	)
}

// forCars are bad cursors for GET /cars?locationId=BER.
func (c cursorSet) forCars() []badValue {
	return append(forged(c.cars),
		badValue{"another query's (type)", c.economy, false},
		badValue{"of GET /bookings", c.alice, false},
	)
}

// forged are cursors that the API never issued: the common values (but
// the empty one, which is no cursor: the first page), random ones, and
// own truncated, without its authentication tag, or with one bit flipped in
// the nonce, the sealed payload, the tag and the spare bits of the last
// character.
// tagChars is about the base64 length of AES-GCM's 16-byte tag at the end.
const tagChars = 21

func forged(own string) []badValue {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	out := append(excluding(common, "empty"),
		badValue{"random", base64.RawURLEncoding.EncodeToString([]byte(`{"PK":"USER#x","SK":"BOOKING#y"}`)) + ".c2lnbmF0dXJl", false},
		badValue{"no tag", own[:len(own)-tagChars], false},
		badValue{"truncated by 1", own[:len(own)-1], false},
		badValue{"truncated by half", own[:len(own)/2], false},
		badValue{"with a line break", own[:10] + "\n" + own[10:], false},
		badValue{"padded", own + "==", false},
	)
	for _, at := range []struct {
		name string
		pos  int
	}{{"nonce start", 0}, {"payload middle", len(own) / 2}, {"tag start", len(own) - tagChars}, {"last character", len(own) - 1}} {
		for _, bit := range []int{0, 5} {
			i := strings.IndexByte(alphabet, own[at.pos])
			flipped := own[:at.pos] + string(alphabet[i^(1<<bit)]) + own[at.pos+1:]
			out = append(out, badValue{"bit " + string(rune('0'+bit)) + " flipped at " + at.name, flipped, false})
		}
	}
	return out
}
