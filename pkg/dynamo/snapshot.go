package dynamo

import (
	"context"
	"errors"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A Tx's function decides on everything it read: the car is free, the
// customer holds fewer bookings than the limit. Its writes are
// conditioned on what it read, but its refusals are answers too, and they
// must hold at one moment. A BatchGetItem is read-committed item by item,
// and a later read sees a later moment: a refusal decided on a car read
// before a cancellation and on the cancelled booking read after it is
// true at no moment. So every read after the first one of an attempt
// (readMore) reads again, in one TransactGetItems (a serializable
// snapshot), every item the attempt has read before, beside the new ones;
// if one of those has changed, the attempt is a lost race and the function
// runs again on fresh reads. It costs two read units an item, and happens
// only on the paths that need a second read: a customer at the booking
// limit, a change of dates without the car named ahead.
// See "TransactGetItems", isolation levels:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-isolation

// readMore reads the items of keys (by "PK|SK") for an attempt that has
// read before: in one snapshot with what it read, or errLostRace when
// that has changed. With nothing read before it is one BatchGetItem.
func (t *tx) readMore(ctx context.Context, keys []map[string]types.AttributeValue) (map[string]map[string]types.AttributeValue, error) {
	before := t.readKeys()
	if len(before) == 0 {
		return t.s.batchGet(ctx, keys)
	}
	all := append(before, keys...)
	items, err := t.s.transactGet(ctx, all)
	if err != nil {
		return nil, err
	}
	if !t.unchanged(items) {
		return nil, errLostRace
	}
	return items, nil
}

// readKeys are the keys of every item this attempt has read, found or not.
func (t *tx) readKeys() []map[string]types.AttributeValue {
	var out []map[string]types.AttributeValue
	for id := range t.cars {
		out = append(out, key(carPK(id), carSK))
	}
	for id := range t.bookings {
		out = append(out, key(userPK(t.userID), bookingSK(id)))
	}
	if t.account != nil {
		out = append(out, key(userPK(t.userID), accountSK))
	}
	return out
}

// unchanged reports whether items (by "PK|SK") hold every item this
// attempt has read as it read it: the same cars' months, the same
// bookings' and account's versions, and nothing that was absent.
func (t *tx) unchanged(items map[string]map[string]types.AttributeValue) bool {
	for id, r := range t.cars {
		now := items[carPK(id)+"|"+carSK]
		if (now != nil) != r.found {
			return false
		}
		if now != nil {
			c, err := carFrom(now)
			if err != nil || !maps.Equal(c.Availability.Masks(), r.masks) {
				return false
			}
		}
	}
	for id, r := range t.bookings {
		now := items[userPK(t.userID)+"|"+bookingSK(id)]
		if (now != nil) != r.found {
			return false
		}
		if now != nil {
			b, err := bookingFrom(now)
			if err != nil || b.Version != r.booking.Version {
				return false
			}
		}
	}
	if t.account != nil {
		now := items[userPK(t.userID)+"|"+accountSK]
		if (now != nil) != t.account.found || (now != nil && versionOf(now) != t.account.version) {
			return false
		}
	}
	return true
}

// versionOf is an item's version attribute, -1 when it has none.
func versionOf(item map[string]types.AttributeValue) int64 {
	var v struct {
		Version *int64 `dynamodbav:"version"`
	}
	if err := attributevalue.UnmarshalMap(item, &v); err != nil || v.Version == nil {
		return -1
	}
	return *v.Version
}

// transactGet reads keys (at most 100) in one TransactGetItems and returns
// the items found by "PK|SK". A conflict with a transaction in progress
// on one of them (TransactionCanceledException) is a lost race. See
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
func (s *Store) transactGet(ctx context.Context, keys []map[string]types.AttributeValue) (map[string]map[string]types.AttributeValue, error) {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	in := &dynamodb.TransactGetItemsInput{ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal}
	for _, k := range keys {
		in.TransactItems = append(in.TransactItems, types.TransactGetItem{Get: &types.Get{TableName: aws.String(s.table), Key: k}})
	}
	res, err := s.db.TransactGetItems(ctx, in)
	if err != nil {
		s.record(ctx, "TransactGetItems")
		var tce *types.TransactionCanceledException
		if errors.As(err, &tce) {
			return nil, errLostRace
		}
		return nil, s.mapErr(ctx, err)
	}
	s.record(ctx, "TransactGetItems", res.ConsumedCapacity...)
	out := map[string]map[string]types.AttributeValue{}
	for _, r := range res.Responses {
		if r.Item != nil {
			out[itemKey(r.Item)] = r.Item
		}
	}
	return out, nil
}
