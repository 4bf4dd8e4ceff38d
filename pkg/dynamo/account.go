package dynamo

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// maxKeys bounds the idempotency keys an account remembers: the newest
// maxKeys creates with a key, each for rental.IdempotencyTTL. It keeps the
// account item under 1 KB, one write unit (a key takes about 70 bytes).
const maxKeys = 10

// accountItem is one user's account: the idempotency keys of their recent
// creates and the ids of the bookings that hold a place under the booking
// limit (rental.Tx.Held). Each key is "expiresAt|key digest|request
// digest|booking id" (epoch seconds; the digests are 16 characters of
// SHA-256 each), oldest first. One item a user, rather than one a key, so
// that a create writes three items (car, booking, account) whatever it
// carries. Writes are conditioned on Version. At rental.MaxBookingLimit
// held ids (27 bytes each) and maxKeys keys (about 72 bytes each) the item
// is about 1 KB.
type accountItem struct {
	PK      string   `dynamodbav:"PK"`
	SK      string   `dynamodbav:"SK"`
	Kind    string   `dynamodbav:"kind"`
	Keys    []string `dynamodbav:"keys"`
	Held    []string `dynamodbav:"held,omitempty"`
	Version int64    `dynamodbav:"version"`
}

// idemKey is one remembered key.
type idemKey struct {
	expires   int64
	key, hash string // digests
	bookingID string
}

func (k idemKey) String() string {
	return strconv.FormatInt(k.expires, 10) + "|" + k.key + "|" + k.hash + "|" + k.bookingID
}

func parseIdemKey(s string) (idemKey, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		return idemKey{}, fmt.Errorf("bad idempotency entry %q", s)
	}
	exp, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return idemKey{}, fmt.Errorf("bad idempotency entry %q", s)
	}
	return idemKey{expires: exp, key: parts[1], hash: parts[2], bookingID: parts[3]}, nil
}

// digest is 16 characters of SHA-256 of s, base64url: 96 bits, enough that
// two keys (or two requests) of one user never share one.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// account is an accountItem read, or a new one (found false).
type account struct {
	found   bool
	version int64
	keys    []idemKey
	held    []string
}

func accountFrom(i accountItem) (account, error) {
	a := account{found: true, version: i.Version, held: i.Held}
	for _, s := range i.Keys {
		k, err := parseIdemKey(s)
		if err != nil {
			return account{}, err
		}
		a.keys = append(a.keys, k)
	}
	return a, nil
}

// live returns the live record of key idem.Key, if any: one that has not
// expired at idem.Now (an expired record counts as absent).
func (a account) live(idem *rental.Idempotency) (idemKey, bool) {
	want := digest(idem.Key)
	for _, k := range a.keys {
		if k.key == want && k.expires > idem.Now.Unix() {
			return k, true
		}
	}
	return idemKey{}, false
}

// with is the account's item one version on, holding held, after a
// create that made bookingID: under idem (when set) with expired keys
// dropped and the new one last, at most maxKeys.
func (a account) with(userID string, idem *rental.Idempotency, bookingID string, held []string) accountItem {
	keys := a.keys
	if idem != nil {
		now := idem.Now.Unix()
		keys = slices.DeleteFunc(slices.Clone(a.keys), func(k idemKey) bool { return k.expires <= now })
		keys = append(keys, idemKey{expires: idem.ExpiresAt.Unix(), key: digest(idem.Key),
			hash: digest(idem.RequestHash), bookingID: bookingID})
		if len(keys) > maxKeys {
			keys = keys[len(keys)-maxKeys:]
		}
	}
	out := accountItem{PK: userPK(userID), SK: accountSK, Kind: "account", Held: held, Version: a.version + 1}
	for _, k := range keys {
		out.Keys = append(out.Keys, k.String())
	}
	return out
}
