package dynamo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// errLostRace means another writer committed between our reads and our
// write: the function runs again on fresh reads.
var errLostRace = errors.New("dynamo: lost race")

// tx is one attempt of Write: what was read (with versions) and what is to
// be written.
type tx struct {
	s            *Store
	userID       string
	readCars     map[string]int64
	readBookings map[string]int64
	cars         map[string]rental.Car
	bookings     map[string]rental.Booking
	order        []savedItem // in the order saved, for a stable transaction
}

type savedItem struct {
	car bool // a car, or else a booking
	id  string
}

func (t *tx) Car(ctx context.Context, id string) (rental.Car, error) {
	c, err := t.s.getCar(ctx, id, true)
	if err != nil {
		return c, err
	}
	t.readCars[id] = c.Version
	return c, nil
}

func (t *tx) Booking(ctx context.Context, id string) (rental.Booking, error) {
	b, err := t.s.GetBooking(ctx, t.userID, id)
	if err != nil {
		return b, err
	}
	t.readBookings[id] = b.Version
	return b, nil
}

func (t *tx) SaveCar(c rental.Car) {
	if _, seen := t.cars[c.ID]; !seen {
		t.order = append(t.order, savedItem{car: true, id: c.ID})
	}
	t.cars[c.ID] = c
}

func (t *tx) SaveBooking(b rental.Booking) {
	if _, seen := t.bookings[b.ID]; !seen {
		t.order = append(t.order, savedItem{id: b.ID})
	}
	t.bookings[b.ID] = b
}

// Write implements rental.Store.Write: fn on strongly consistent reads,
// then one TransactWriteItems of everything fn saved, each item under a
// condition on what was read. A cancelled transaction is read reason by
// reason: a failed condition or a TransactionConflict on any item is a lost
// race and fn runs again (bounded, jittered); throttling waits and retries
// too. It is never reported as car_unavailable: only fn, on fresh reads,
// decides that.
func (s *Store) Write(ctx context.Context, userID string, idem *rental.Idempotency,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	var out rental.Booking
	err := s.tracer(ctx, "BookingTransaction", func(ctx context.Context) error {
		var err error
		out, err = s.write(ctx, userID, idem, fn)
		return err
	})
	return out, err
}

func (s *Store) write(ctx context.Context, userID string, idem *rental.Idempotency,
	fn func(context.Context, rental.Tx) (rental.Booking, error)) (rental.Booking, error) {
	for attempt := 1; attempt <= s.retry.Attempts; attempt++ {
		if attempt > 1 {
			if err := s.retry.wait(ctx, attempt-1); err != nil {
				return rental.Booking{}, mapErr(err)
			}
		}
		if idem != nil {
			if b, done, err := s.replay(ctx, userID, idem); done {
				return b, err
			}
		}
		t := &tx{s: s, userID: userID, readCars: map[string]int64{}, readBookings: map[string]int64{},
			cars: map[string]rental.Car{}, bookings: map[string]rental.Booking{}}
		b, err := fn(ctx, t)
		if err != nil {
			if idem != nil {
				// A request with the same key may have committed since
				// the check above: then fn saw its booking as taking the
				// car. The record, not fn, has the last word.
				if rb, done, rerr := s.replay(ctx, userID, idem); done {
					return rb, rerr
				}
			}
			return rental.Booking{}, err
		}
		if len(t.order) == 0 {
			return b, nil
		}
		in, err := s.transaction(t, idem, b.ID)
		if err != nil {
			return rental.Booking{}, err
		}
		err = s.commitSettled(ctx, in)
		if errors.Is(err, errLostRace) {
			continue
		}
		if err != nil {
			return rental.Booking{}, err
		}
		return b, nil
	}
	return rental.Booking{}, rental.Errorf(rental.CodeThrottled, "too many concurrent changes to this car; try again")
}

// settleAttempts bounds how often an unanswered transaction is sent again.
const settleAttempts = 3

// commitSettled commits in and, when the answer leaves the outcome unknown
// (a timeout, a 500, throttling after the SDK's own retries, a transaction
// still in progress), sends the very same transaction again under the same
// ClientRequestToken: DynamoDB treats it as the same request for ten
// minutes and answers with the first one's outcome instead of applying it
// twice. Only when that too stays unanswered does the caller hear
// throttled, and its message says the outcome is unknown. See
// "TransactWriteItems", ClientRequestToken:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
func (s *Store) commitSettled(ctx context.Context, in *dynamodb.TransactWriteItemsInput) error {
	in.ClientRequestToken = aws.String(requestToken())
	err := s.commit(ctx, in)
	for n := 1; n <= settleAttempts && rental.ErrorCode(err) == rental.CodeThrottled; n++ {
		if werr := s.retry.wait(ctx, n); werr != nil {
			break
		}
		err = s.commit(ctx, in)
	}
	if rental.ErrorCode(err) == rental.CodeThrottled {
		return &rental.Error{Code: rental.CodeThrottled, Err: err,
			Message: "the service did not confirm the change in time, so it may or may not be saved: " +
				"read the booking, or retry with the same idempotency key"}
	}
	return err
}

// requestToken is a fresh ClientRequestToken (at most 36 characters).
func requestToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// replay answers a request whose idempotency key has a live record: the
// booking it made for the same request, or idempotency_conflict. done is
// false when there is no live record (none, or expired: DynamoDB deletes
// expired items only eventually, and DynamoDB Local never).
func (s *Store) replay(ctx context.Context, userID string, idem *rental.Idempotency) (rental.Booking, bool, error) {
	var rec idempotencyItem
	found, err := s.get(ctx, userPK(userID), idempotencySK(idem.Key), true, &rec)
	if err != nil {
		return rental.Booking{}, true, err
	}
	if !found || rec.ExpiresAt <= idem.Now.Unix() {
		return rental.Booking{}, false, nil
	}
	if rec.RequestHash != idem.RequestHash {
		return rental.Booking{}, true, rental.ErrIdempotencyConflict()
	}
	b, err := s.GetBooking(ctx, userID, rec.BookingID)
	return b, true, err
}

// transaction builds the TransactWriteItems input: cars first, then
// bookings, then the idempotency record, each with its condition.
func (s *Store) transaction(t *tx, idem *rental.Idempotency, bookingID string) (*dynamodb.TransactWriteItemsInput, error) {
	var items []types.TransactWriteItem
	for _, saved := range t.order {
		item, err := t.writeItem(saved)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	if idem != nil {
		av, err := attributevalue.MarshalMap(idempotencyItem{PK: userPK(t.userID), SK: idempotencySK(idem.Key),
			Kind: "idempotency", RequestHash: idem.RequestHash, BookingID: bookingID, ExpiresAt: idem.ExpiresAt.Unix()})
		if err != nil {
			return nil, err
		}
		// An expired record may still be there: it counts as absent.
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av,
			ConditionExpression:       aws.String("attribute_not_exists(PK) OR expiresAt <= :now"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":now": num(idem.Now.Unix())},
		}})
	}
	return &dynamodb.TransactWriteItemsInput{TransactItems: items,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal}, nil
}

// writeItem is the conditioned write of one saved car or booking.
func (t *tx) writeItem(saved savedItem) (types.TransactWriteItem, error) {
	id := saved.id
	if saved.car {
		c := t.cars[id]
		read, ok := t.readCars[id]
		if !ok {
			return types.TransactWriteItem{}, fmt.Errorf("dynamo: SaveCar of car %s that the Tx did not read", id)
		}
		// Only the schedule and the version change: the car's other
		// attributes belong to the fleet, not to bookings.
		return types.TransactWriteItem{Update: &types.Update{
			TableName:           &t.s.table,
			Key:                 key(carPK(id), carSK),
			UpdateExpression:    aws.String("SET schedule = :schedule, version = :next"),
			ConditionExpression: aws.String("version = :read"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":schedule": scheduleValue(c.Schedule),
				":next":     num(c.Version),
				":read":     num(read),
			},
		}}, nil
	}
	b := t.bookings[id]
	if b.UserID != t.userID {
		return types.TransactWriteItem{}, fmt.Errorf("dynamo: SaveBooking of another user's booking %s", id)
	}
	av, err := attributevalue.MarshalMap(toBookingItem(b))
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	put := &types.Put{TableName: &t.s.table, Item: av}
	if read, ok := t.readBookings[id]; ok {
		put.ConditionExpression = aws.String("version = :read")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":read": num(read)}
	} else {
		put.ConditionExpression = aws.String("attribute_not_exists(PK)")
	}
	return types.TransactWriteItem{Put: put}, nil
}

func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

func scheduleValue(s rental.Schedule) types.AttributeValue {
	entries := scheduleAttr(s)
	l := make([]types.AttributeValue, len(entries))
	for i, e := range entries {
		l[i] = str(e)
	}
	return &types.AttributeValueMemberL{Value: l}
}

// commit sends the transaction and reads a cancellation item by item.
// See TransactWriteItems, "Errors" (TransactionCanceledException and its
// CancellationReasons, one per item in request order):
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
func (s *Store) commit(ctx context.Context, in *dynamodb.TransactWriteItemsInput) error {
	res, err := s.db.TransactWriteItems(ctx, in)
	if err == nil {
		s.record(ctx, "TransactWriteItems", res.ConsumedCapacity...)
		return nil
	}
	s.record(ctx, "TransactWriteItems")
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		var conflict *types.TransactionConflictException
		if errors.As(err, &conflict) {
			return errLostRace
		}
		return mapErr(err)
	}
	retry := false
	for i, r := range tce.CancellationReasons {
		switch code := aws.ToString(r.Code); code {
		case "", "None":
		case "ConditionalCheckFailed", "TransactionConflict":
			// Another writer changed an item we read (car or booking
			// version), or committed the same idempotency key: read again.
			retry = true
		case "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			retry = true
		default:
			return &rental.Error{Code: rental.CodeInternal, Message: "internal error",
				Err: fmt.Errorf("transaction item %d cancelled: %s: %s", i, code, aws.ToString(r.Message))}
		}
	}
	if retry {
		return errLostRace
	}
	return mapErr(err)
}
