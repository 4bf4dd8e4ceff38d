package dynamo

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// maxCursorLen bounds what we decode: a real cursor is a few hundred bytes.
const maxCursorLen = 2048

// cursors turns a query's LastEvaluatedKey into an opaque cursor and back.
// A cursor is base64url(JSON of the key's string attributes) "."
// base64url(HMAC-SHA256(secret, scope NUL payload)): it cannot be forged or
// edited, and a cursor issued for one scope (query and caller) fails for any
// other, so it cannot lead a caller into another user's partition.
type cursors struct{ secret []byte }

func (c cursors) mac(scope string, payload []byte) []byte {
	h := hmac.New(sha256.New, c.secret)
	h.Write([]byte(scope))
	h.Write([]byte{0})
	h.Write(payload)
	return h.Sum(nil)
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
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(c.mac(scope, payload)), nil
}

// decode returns nil for "" (the first page) and validation_failed (field
// cursor) for anything that this store did not issue for scope.
func (c cursors) decode(scope, cursor string) (map[string]types.AttributeValue, error) {
	if cursor == "" {
		return nil, nil
	}
	bad := rental.Invalid("cursor", "is not a cursor of this query; start again without it")
	if len(cursor) > maxCursorLen {
		return nil, bad
	}
	p, m, ok := strings.Cut(cursor, ".")
	if !ok {
		return nil, bad
	}
	enc := base64.RawURLEncoding
	payload, err1 := enc.DecodeString(p)
	sum, err2 := enc.DecodeString(m)
	// Only the exact text that encode writes: base64 decoding also takes
	// other spellings of the same bytes (spare bits set, line breaks), and
	// an edited cursor must not pass (FuzzCursorDecode).
	canonical := err1 == nil && err2 == nil && enc.EncodeToString(payload) == p && enc.EncodeToString(sum) == m
	if !canonical || !hmac.Equal(sum, c.mac(scope, payload)) {
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
