package dynamo

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// batchLimit is the most keys one BatchGetItem may ask for.
const batchLimit = 100

// BookingsByPickup implements rental.Store.BookingsByPickup: GSI2 (keys
// only) lists the location's live bookings by pick-up day; the bookings
// themselves are read by their keys, 100 a BatchGetItem. A booking
// changed between the two reads is read as it is now: one whose pick-up
// day moved out of the range, or that was cancelled, is left out.
func (s *Store) BookingsByPickup(ctx context.Context, locationID string, from, to rental.Date) ([]rental.Booking, error) {
	keys, err := s.deskKeys(ctx, locationID, from, to)
	if err != nil {
		return nil, err
	}
	var out []rental.Booking
	for len(keys) > 0 {
		n := min(len(keys), batchLimit)
		items, err := s.batchGet(ctx, keys[:n])
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			b, err := bookingFrom(it)
			if err != nil {
				return nil, internal(err)
			}
			if b.LocationID == locationID && b.Status != rental.Cancelled && !b.Period.Pickup.Before(from) && !b.Period.Pickup.After(to) {
				out = append(out, b)
			}
		}
		keys = keys[n:]
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Period.Pickup.Compare(out[j].Period.Pickup); c != 0 {
			return c < 0
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// deskKeys are the table keys of the GSI2 entries of locationID from day
// from to day to, every page of the Query.
func (s *Store) deskKeys(ctx context.Context, locationID string, from, to rental.Date) ([]map[string]types.AttributeValue, error) {
	var keys []map[string]types.AttributeValue
	var start map[string]types.AttributeValue
	for {
		// "<to>$" sorts after every "<to>#<id>" ('$' follows '#') and before
		// the next day: the range is whole days, up to 9999-12-31.
		items, more, err := s.query(ctx, &dynamodb.QueryInput{
			IndexName:              aws.String(indexGSI2),
			KeyConditionExpression: aws.String("GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":pk": str(bookingGSI2PK(locationID)), ":from": str(from.String()), ":to": str(to.String() + "$")},
		}, 0, start)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			keys = append(keys, map[string]types.AttributeValue{attrPK: it[attrPK], attrSK: it[attrSK]})
		}
		if !more || len(items) == 0 {
			return keys, nil
		}
		last := items[len(items)-1]
		start = map[string]types.AttributeValue{attrPK: last[attrPK], attrSK: last[attrSK], attrGSI2PK: last[attrGSI2PK], attrGSI2SK: last[attrGSI2SK]}
	}
}
