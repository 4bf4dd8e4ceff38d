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

// get reads one item into out; found is false when there is none.
func (s *Store) get(ctx context.Context, pk, sk string, consistent bool, out any) (found bool, err error) {
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(pk, sk), ConsistentRead: aws.Bool(consistent),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	if err != nil {
		return false, mapErr(err)
	}
	s.record(ctx, "GetItem", one(res.ConsumedCapacity)...)
	if res.Item == nil {
		return false, nil
	}
	return true, mapErr(attributevalue.UnmarshalMap(res.Item, out))
}

// query runs one Query (one page) and returns its items and next cursor.
// It asks for one item more than the page holds: a cursor is issued only
// when that item exists, so the last page never carries one (DynamoDB's
// own LastEvaluatedKey is set whenever Limit is reached, even with nothing
// after). keyAttrs are the attributes of the table's or index's key, from
// which the cursor of the page's last item is made.
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, page rental.PageRequest, keyAttrs ...string) ([]map[string]types.AttributeValue, string, error) {
	start, err := s.cursors.decode(page.Scope, page.Cursor)
	if err != nil {
		return nil, "", err
	}
	in.TableName, in.ExclusiveStartKey = &s.table, start
	in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
	if page.Limit > 0 {
		in.Limit = aws.Int32(int32(page.Limit + 1))
	}
	res, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, "", mapErr(err)
	}
	s.record(ctx, "Query", one(res.ConsumedCapacity)...)
	items, last := res.Items, res.LastEvaluatedKey // 1 MB cut, or no Limit
	if page.Limit > 0 && len(items) > page.Limit {
		items = items[:page.Limit]
		last = make(map[string]types.AttributeValue, len(keyAttrs))
		for _, k := range keyAttrs {
			last[k] = items[page.Limit-1][k]
		}
	}
	next, err := s.cursors.encode(page.Scope, last)
	return items, next, mapErr(err)
}

// ListLocations returns every location, ordered by id: one Query.
func (s *Store) ListLocations(ctx context.Context) ([]rental.Location, error) {
	var out []rental.Location
	var cursor string
	for { // locations are few; the loop only guards against a 1 MB page
		items, next, err := s.query(ctx, &dynamodb.QueryInput{
			KeyConditionExpression:    aws.String("PK = :pk"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(locationsPK)},
		}, rental.PageRequest{Cursor: cursor, Scope: "locations"})
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			var li locationItem
			if err := attributevalue.UnmarshalMap(it, &li); err != nil {
				return nil, mapErr(err)
			}
			out = append(out, li.domain())
		}
		if next == "" {
			return out, nil
		}
		cursor = next
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

// ListCars is one Query on GSI1 (partition key LOC#<location>, sort key
// begins with TYPE#<type>#): one round trip per page, schedules included,
// whatever the number of bookings. GSI reads are eventually consistent; the
// booking transaction is the authority.
func (s *Store) ListCars(ctx context.Context, f rental.CarFilter) (rental.Page[rental.Car], error) {
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(indexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(carGSI1PK(f.LocationID))},
	}
	if f.Type != "" {
		in.KeyConditionExpression = aws.String("GSI1PK = :pk AND begins_with(GSI1SK, :type)")
		in.ExpressionAttributeValues[":type"] = str(carTypePrefix(string(f.Type)))
	}
	items, next, err := s.query(ctx, in, f.PageRequest, attrPK, attrSK, attrGSI1PK, attrGSI1SK)
	if err != nil {
		return rental.Page[rental.Car]{}, err
	}
	out := rental.Page[rental.Car]{Items: make([]rental.Car, 0, len(items)), NextCursor: next}
	for _, it := range items {
		var ci carItem
		if err := attributevalue.UnmarshalMap(it, &ci); err != nil {
			return rental.Page[rental.Car]{}, mapErr(err)
		}
		c, err := ci.domain()
		if err != nil {
			return rental.Page[rental.Car]{}, mapErr(err)
		}
		out.Items = append(out.Items, c)
	}
	return out, nil
}

// GetCar returns car id (eventually consistent); not_found when there is none.
func (s *Store) GetCar(ctx context.Context, id string) (rental.Car, error) {
	return s.getCar(ctx, id, false)
}

func (s *Store) getCar(ctx context.Context, id string, consistent bool) (rental.Car, error) {
	var ci carItem
	found, err := s.get(ctx, carPK(id), carSK, consistent, &ci)
	if err != nil {
		return rental.Car{}, err
	}
	if !found {
		return rental.Car{}, rental.NotFound("car")
	}
	c, err := ci.domain()
	return c, mapErr(err)
}

// GetBooking reads userID's booking id, strongly consistent so that a read
// right after a change sees it (its ETag must be current). Another user's
// booking is simply not under this user's partition key: not_found.
func (s *Store) GetBooking(ctx context.Context, userID, id string) (rental.Booking, error) {
	var bi bookingItem
	found, err := s.get(ctx, userPK(userID), bookingSK(id), true, &bi)
	if err != nil {
		return rental.Booking{}, err
	}
	if !found {
		return rental.Booking{}, rental.NotFound("booking")
	}
	b, err := bi.domain()
	return b, mapErr(err)
}

// ListBookings is one Query on the user's partition, newest first (booking
// ids are ULIDs). A status filter applies after the page is read (as a
// FilterExpression would, at the same cost), so a page may come back short
// while NextCursor leads on.
func (s *Store) ListBookings(ctx context.Context, userID string, f rental.BookingFilter) (rental.Page[rental.Booking], error) {
	in := &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(userPK(userID)), ":sk": str(bookingPrefix)},
		ScanIndexForward: aws.Bool(false),
		ConsistentRead:   aws.Bool(true),
	}
	items, next, err := s.query(ctx, in, f.PageRequest, attrPK, attrSK)
	if err != nil {
		return rental.Page[rental.Booking]{}, err
	}
	out := rental.Page[rental.Booking]{Items: make([]rental.Booking, 0, len(items)), NextCursor: next}
	for _, it := range items {
		var bi bookingItem
		if err := attributevalue.UnmarshalMap(it, &bi); err != nil {
			return rental.Page[rental.Booking]{}, mapErr(err)
		}
		b, err := bi.domain()
		if err != nil {
			return rental.Page[rental.Booking]{}, mapErr(err)
		}
		if f.Status == "" || b.Status == f.Status {
			out.Items = append(out.Items, b)
		}
	}
	return out, nil
}

// PutLocation stores l (seed data, tests).
func (s *Store) PutLocation(ctx context.Context, l rental.Location) error {
	return s.put(ctx, toLocationItem(l))
}

// PutCar stores c, replacing the whole item, schedule and version included
// (seed data, tests).
func (s *Store) PutCar(ctx context.Context, c rental.Car) error {
	return s.put(ctx, toCarItem(c))
}

func (s *Store) put(ctx context.Context, item any) error {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return mapErr(err)
	}
	res, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		return mapErr(err)
	}
	s.record(ctx, "PutItem", one(res.ConsumedCapacity)...)
	return nil
}
