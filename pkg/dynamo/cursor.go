package dynamo

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// maxCursorLen bounds what we decode: a real cursor is a few hundred bytes.
const maxCursorLen = 2048

// cursors turns a query's LastEvaluatedKey into an opaque cursor and back.
// A cursor is base64url(nonce | AES-256-GCM(key attributes as JSON)), with
// the page's scope (query and caller) as the additional authenticated data.
// The authentication tag is the tamper check (the role an HMAC would play);
// the encryption keeps the table's key schema and the caller's partition
// key out of the client's sight. A cursor issued for one scope fails for
// any other, so it cannot lead a caller into another user's partition or
// another query.
type cursors struct{ gcm cipher.AEAD }

// newCursors seals cursors with AES-256-GCM under a key derived from
// secret (any length). Built once per Store: the key derivation and cipher
// setup stay off every page request.
func newCursors(secret []byte) cursors {
	key := sha256.Sum256(append([]byte("car-rental cursor v1\x00"), secret...))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return cursors{gcm: gcm}
}

// encode seals payload (any JSON value) for scope; "" for a nil payload
// (the last page).
func (c cursors) encode(scope string, payload any) (string, error) {
	if payload == nil {
		return "", nil
	}
	plain, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	gcm := c.gcm
	nonce := make([]byte, gcm.NonceSize(), gcm.NonceSize()+len(plain)+gcm.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(gcm.Seal(nonce, nonce, plain, []byte(scope))), nil
}

// decode opens cursor into out (a pointer) and reports whether there was
// one: false for "" (the first page). Anything that this store did not
// issue for scope is validation_failed (rental.ErrForeignCursor).
func (c cursors) decode(scope, cursor string, out any) (bool, error) {
	if cursor == "" {
		return false, nil
	}
	bad := rental.ErrForeignCursor()
	if len(cursor) > maxCursorLen {
		return false, bad
	}
	enc := base64.RawURLEncoding
	sealed, err := enc.DecodeString(cursor)
	// Only the exact text that encode writes: base64 decoding also takes
	// other spellings of the same bytes (spare bits set, line breaks), and
	// an edited cursor must not pass (FuzzCursorDecode).
	if err != nil || enc.EncodeToString(sealed) != cursor {
		return false, bad
	}
	gcm := c.gcm
	if len(sealed) < gcm.NonceSize()+gcm.Overhead() {
		return false, bad
	}
	payload, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], []byte(scope))
	if err != nil {
		return false, bad
	}
	if err := json.Unmarshal(payload, out); err != nil {
		return false, bad
	}
	return true, nil
}

// keyCursor is a table or index key of string attributes, the position
// after which a Query resumes.
type keyCursor map[string]string

func (k keyCursor) attrs() map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(k))
	for name, v := range k {
		out[name] = str(v)
	}
	return out
}

// keyOf is item's key of attributes names, as a keyCursor.
func keyOf(item map[string]types.AttributeValue, names ...string) (keyCursor, error) {
	out := keyCursor{}
	for _, n := range names {
		s, ok := item[n].(*types.AttributeValueMemberS)
		if !ok {
			return nil, fmt.Errorf("dynamo: key attribute %s is not a string", n)
		}
		out[n] = s.Value
	}
	return out, nil
}
