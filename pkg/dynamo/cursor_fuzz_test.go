package dynamo

import (
	"encoding/base64"
	"maps"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/carrental/backend/pkg/rental"
)

// FuzzCursorDecode guards the page cursors, which come straight from the
// query string: decode never panics; it refuses with validation_failed on
// field cursor and nothing else; it accepts only the exact cursor that
// encode issues for the same scope (a cursor that was edited in any way,
// bit flips in base64's spare bits included, is refused; so is any cursor
// the fuzzer makes up); and a cursor
// issued for one scope (query and caller) round-trips with that scope and
// fails with any other. Seeds: testdata/fuzz/FuzzCursorDecode, among them
// real cursors of the fuzz secret.
func FuzzCursorDecode(f *testing.F) {
	c := newCursors(fuzzSecret)
	f.Fuzz(func(t *testing.T, scope, cursor, otherScope string) {
		// The fuzzer's own cursor: refused (it cannot forge the
		// authentication tag), except "" for the first page.
		var key keyCursor
		found, err := c.decode(scope, cursor, &key)
		switch {
		case cursor == "":
			if found || key != nil || err != nil {
				t.Fatalf("empty cursor decoded to %v, %v, %v", found, key, err)
			}
			return
		case err == nil:
			t.Fatalf("decode accepted %q, which encode did not issue", cursor)
		default:
			wantCursorError(t, err)
		}

		// A cursor made from the fuzzer's strings: it round-trips with its
		// own scope only. Key values come from DynamoDB, whose strings are
		// UTF-8; JSON would turn other bytes into U+FFFD.
		if !utf8.ValidString(cursor) || !utf8.ValidString(scope) {
			return
		}
		made := keyCursor{"PK": cursor, "SK": scope}
		enc, err := c.encode(scope, made)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		var back keyCursor
		_, err = c.decode(scope, enc, &back)
		switch {
		case len(enc) > maxCursorLen:
			if err == nil {
				t.Fatalf("a cursor of %d bytes was accepted", len(enc))
			}
			wantCursorError(t, err)
			return
		case err != nil:
			t.Fatalf("own cursor refused: %v", err)
		case !maps.Equal(back, made):
			t.Fatalf("round trip: %v, want %v", back, made)
		}
		if otherScope != scope {
			if _, err := c.decode(otherScope, enc, &keyCursor{}); err == nil {
				t.Fatalf("cursor of scope %q accepted for scope %q", scope, otherScope)
			}
		}
		if _, err := newCursors([]byte("another deployment's secret")).decode(scope, enc, &keyCursor{}); err == nil {
			t.Fatal("cursor accepted under another secret")
		}
	})
}

// fuzzSecret is the key of the seed cursors in testdata/fuzz/FuzzCursorDecode.
var fuzzSecret = []byte("fuzz-cursor-secret-0123456789abcdef")

// wantCursorError fails t unless err is validation_failed on field cursor
// alone: what the API answers with a 400 naming cursor.
func wantCursorError(t *testing.T, err error) {
	t.Helper()
	vs := rental.Violations(err)
	if len(vs) != 1 || vs[0].Field != rental.FieldCursor || vs[0].Rule != rental.RuleForeignCursor {
		t.Fatalf("decode error %v, want validation_failed on cursor", err)
	}
}

// TestCursorIsOpaque: a cursor shows nothing of the key it carries (the
// table's key schema, the caller's partition key), and every edit of its
// text is refused.
func TestCursorIsOpaque(t *testing.T) {
	c := newCursors(fuzzSecret)
	key := keyCursor{"PK": "USER#alice-sub", "SK": "BOOKING#01ABC"}
	enc, err := c.encode("bookings|alice-sub|", key)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(enc)
	for _, secret := range []string{"USER#", "alice", "BOOKING", "01ABC"} {
		if strings.Contains(string(raw), secret) || strings.Contains(enc, secret) {
			t.Fatalf("cursor %q shows %q", enc, secret)
		}
	}
	for i := range len(enc) {
		for _, ch := range []byte{'A', 'f', '-', '_'} {
			if enc[i] == ch {
				continue
			}
			edited := enc[:i] + string(ch) + enc[i+1:]
			if _, err := c.decode("bookings|alice-sub|", edited, &keyCursor{}); err == nil {
				t.Fatalf("edited cursor accepted (position %d)", i)
			}
		}
	}
}
