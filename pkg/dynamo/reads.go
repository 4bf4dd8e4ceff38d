package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		attrPK: &types.AttributeValueMemberS{Value: pk},
		attrSK: &types.AttributeValueMemberS{Value: sk},
	}
}

func str(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// getItem reads one item; nil when there is none.
func (s *Store) getItem(ctx context.Context, pk, sk string, consistent bool) (map[string]types.AttributeValue, error) {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(pk, sk), ConsistentRead: aws.Bool(consistent),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if err != nil {
		return nil, s.mapErr(ctx, err)
	}
	s.record(ctx, "GetItem", one(res.ConsumedCapacity)...)
	return res.Item, nil
}

// get reads one item into out; found is false when there is none.
func (s *Store) get(ctx context.Context, pk, sk string, consistent bool, out any) (found bool, err error) {
	item, err := s.getItem(ctx, pk, sk, consistent)
	if err != nil || item == nil {
		return false, err
	}
	return true, internal(attributevalue.UnmarshalMap(item, out))
}

// batchGet reads keys (at most 100) strongly consistent in one round trip,
// and again for what DynamoDB left unprocessed. It returns the items found
// by "PK|SK".
func (s *Store) batchGet(ctx context.Context, keys []map[string]types.AttributeValue) (map[string]map[string]types.AttributeValue, error) {
	out := map[string]map[string]types.AttributeValue{}
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	for len(keys) > 0 {
		res, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
			RequestItems:           map[string]types.KeysAndAttributes{s.table: {Keys: keys, ConsistentRead: aws.Bool(true)}},
			ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
		})
		if err != nil {
			return nil, s.mapErr(ctx, err)
		}
		s.record(ctx, "BatchGetItem", res.ConsumedCapacity...)
		for _, item := range res.Responses[s.table] {
			out[itemKey(item)] = item
		}
		keys = res.UnprocessedKeys[s.table].Keys
		if len(keys) > 0 {
			if err := s.wait(ctx, 1); err != nil {
				return nil, s.mapErr(ctx, err)
			}
		}
	}
	return out, nil
}

// itemKey is "PK|SK" of an item or key.
func itemKey(item map[string]types.AttributeValue) string {
	pk, _ := item[attrPK].(*types.AttributeValueMemberS)
	sk, _ := item[attrSK].(*types.AttributeValueMemberS)
	if pk == nil || sk == nil {
		return ""
	}
	return pk.Value + "|" + sk.Value
}

// query runs one Query (one page) of at most limit items (0: no limit)
// from start (nil: the beginning), and returns its items and whether the
// partition has more after them. It asks for one item more than the page
// holds, so that "more" is never claimed for a last page (DynamoDB's own
// LastEvaluatedKey is set whenever Limit is reached).
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, limit int, start map[string]types.AttributeValue) ([]map[string]types.AttributeValue, bool, error) {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	in.TableName, in.ExclusiveStartKey = &s.table, start
	in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
	if limit > 0 {
		in.Limit = aws.Int32(int32(limit + 1))
	}
	res, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, false, s.mapErr(ctx, err)
	}
	s.record(ctx, "Query", one(res.ConsumedCapacity)...)
	items, more := res.Items, res.LastEvaluatedKey != nil // more: a 1 MB cut, or no Limit
	if limit > 0 {
		more = len(items) > limit
		if more {
			items = items[:limit]
		}
	}
	return items, more, nil
}

// ListLocations returns every location, ordered by id: one Query.
func (s *Store) ListLocations(ctx context.Context) ([]rental.Location, error) {
	var out []rental.Location
	var start map[string]types.AttributeValue
	for { // locations are few; the loop only guards against a 1 MB page
		items, more, err := s.query(ctx, &dynamodb.QueryInput{
			KeyConditionExpression:    aws.String("PK = :pk"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(locationsPK)},
		}, 0, start)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			var li locationItem
			if err := attributevalue.UnmarshalMap(it, &li); err != nil {
				return nil, internal(err)
			}
			out = append(out, li.domain())
		}
		if !more || len(items) == 0 {
			return out, nil
		}
		start = key(locationsPK, locationSK(out[len(out)-1].ID))
	}
}

// GetLocation returns location id; not_found when there is none.
func (s *Store) GetLocation(ctx context.Context, id string) (rental.Location, error) {
	var li locationItem
	found, err := s.get(ctx, locationsPK, locationSK(id), false, &li)
	if err != nil {
		return rental.Location{}, err
	}
	if !found {
		return rental.Location{}, rental.NotFound("location")
	}
	return li.domain(), nil
}

// GetCar returns car id (eventually consistent); not_found when there is none.
func (s *Store) GetCar(ctx context.Context, id string) (rental.Car, error) {
	return s.getCar(ctx, id, false)
}

// ReadCar implements rental.Store.ReadCar: GetCar, strongly consistent.
func (s *Store) ReadCar(ctx context.Context, id string) (rental.Car, error) {
	return s.getCar(ctx, id, true)
}

func (s *Store) getCar(ctx context.Context, id string, consistent bool) (rental.Car, error) {
	item, err := s.getItem(ctx, carPK(id), carSK, consistent)
	if err != nil {
		return rental.Car{}, err
	}
	if item == nil {
		return rental.Car{}, rental.NotFound("car")
	}
	c, err := carFrom(item)
	return c, internal(err)
}

// GetBooking reads userID's booking id, strongly consistent so that a read
// right after a change sees it (its ETag must be current). Another user's
// booking is simply not under this user's partition key: not_found.
func (s *Store) GetBooking(ctx context.Context, userID, id string) (rental.Booking, error) {
	item, err := s.getItem(ctx, userPK(userID), bookingSK(id), true)
	if err != nil {
		return rental.Booking{}, err
	}
	if item == nil {
		return rental.Booking{}, rental.NotFound("booking")
	}
	b, err := bookingFrom(item)
	return b, internal(err)
}

// PutLocation stores l (seed data, tests, staff).
func (s *Store) PutLocation(ctx context.Context, l rental.Location) error {
	av, err := attributevalue.MarshalMap(toLocationItem(l))
	if err != nil {
		return internal(err)
	}
	return s.put(ctx, av)
}

// PutCar stores c, replacing the whole item, availability included (seed
// data, tests).
func (s *Store) PutCar(ctx context.Context, c rental.Car) error {
	av, err := carAttrs(c)
	if err != nil {
		return internal(err)
	}
	return s.put(ctx, av)
}

func (s *Store) put(ctx context.Context, av map[string]types.AttributeValue) error {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	res, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		return s.mapErr(ctx, err)
	}
	s.record(ctx, "PutItem", one(res.ConsumedCapacity)...)
	return nil
}
