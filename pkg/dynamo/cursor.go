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

// encode returns "" for a nil key (the last page).
func (c cursors) encode(scope string, key map[string]types.AttributeValue) (string, error) {
	if len(key) == 0 {
		return "", nil
	}
	plain := make(map[string]string, len(key))
	for k, v := range key {
		s, ok := v.(*types.AttributeValueMemberS)
		if !ok {
			return "", fmt.Errorf("dynamo: key attribute %s is not a string", k)
		}
		plain[k] = s.Value
	}
	payload, err := json.Marshal(plain)
	if err != nil {
		return "", err
	}
	gcm := c.gcm
	nonce := make([]byte, gcm.NonceSize(), gcm.NonceSize()+len(payload)+gcm.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(gcm.Seal(nonce, nonce, payload, []byte(scope))), nil
}

// decode returns nil for "" (the first page) and validation_failed (field
// cursor) for anything that this store did not issue for scope.
func (c cursors) decode(scope, cursor string) (map[string]types.AttributeValue, error) {
	if cursor == "" {
		return nil, nil
	}
	bad := rental.ErrForeignCursor()
	if len(cursor) > maxCursorLen {
		return nil, bad
	}
	enc := base64.RawURLEncoding
	sealed, err := enc.DecodeString(cursor)
	// Only the exact text that encode writes: base64 decoding also takes
	// other spellings of the same bytes (spare bits set, line breaks), and
	// an edited cursor must not pass (FuzzCursorDecode).
	if err != nil || enc.EncodeToString(sealed) != cursor {
		return nil, bad
	}
	gcm := c.gcm
	if len(sealed) < gcm.NonceSize()+gcm.Overhead() {
		return nil, bad
	}
	payload, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], []byte(scope))
	if err != nil {
		return nil, bad
	}
	var plain map[string]string
	if err := json.Unmarshal(payload, &plain); err != nil || len(plain) == 0 {
		return nil, bad
	}
	key := make(map[string]types.AttributeValue, len(plain))
	for k, v := range plain {
		key[k] = &types.AttributeValueMemberS{Value: v}
	}
	return key, nil
}
