package dynamo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// itemKind says what a transaction item writes, to read its cancellation
// reason.
type itemKind int

const (
	kindCar itemKind = iota
	kindRelease
	kindBooking
	kindAccount
)

// transaction builds the TransactWriteItems input of t's saves, in the
// order saved, then the account when idem is set or t saved its held
// bookings; kinds says what each item is. A car save that changes nothing
// is left out.
func (s *Store) transaction(t *tx, idem *rental.Idempotency, bookingID string) (*dynamodb.TransactWriteItemsInput, []itemKind, error) {
	var items []types.TransactWriteItem
	var kinds []itemKind
	for _, sv := range t.saved {
		item, kind, err := t.writeItem(sv)
		if err != nil {
			return nil, nil, err
		}
		if item != nil {
			items, kinds = append(items, *item), append(kinds, kind)
		}
	}
	if (idem != nil || t.held != nil) && len(items) > 0 {
		if t.account == nil {
			return nil, nil, errors.New("dynamo: SaveHeld without Held")
		}
		held := t.account.held
		if t.held != nil {
			held = *t.held
		}
		av, err := attributevalue.MarshalMap(t.account.with(t.userID, idem, bookingID, held))
		if err != nil {
			return nil, nil, internal(err)
		}
		put := &types.Put{TableName: &s.table, Item: av}
		if t.account.found {
			put.ConditionExpression = aws.String("version = :read")
			put.ExpressionAttributeValues = map[string]types.AttributeValue{":read": num(t.account.version)}
		} else {
			put.ConditionExpression = aws.String("attribute_not_exists(PK)")
		}
		items, kinds = append(items, types.TransactWriteItem{Put: put}), append(kinds, kindAccount)
	}
	return &dynamodb.TransactWriteItemsInput{TransactItems: items,
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal}, kinds, nil
}

// writeItem is the conditioned write of one save; nil when it changes
// nothing.
func (t *tx) writeItem(sv saved) (*types.TransactWriteItem, itemKind, error) {
	switch {
	case sv.car != nil:
		item, err := t.carUpdate(*sv.car)
		return item, kindCar, err
	case sv.release != nil:
		return t.releaseUpdate(*sv.release), kindRelease, nil
	}
	item, err := t.bookingPut(*sv.booking)
	return item, kindBooking, err
}

// carUpdate writes the months of c's Availability that differ from what
// was read, each conditioned on its value as read: two writers of one
// car's month cannot both win, writers of different months never meet.
// The car's other attributes belong to the fleet, not to bookings.
func (t *tx) carUpdate(c rental.Car) (*types.TransactWriteItem, error) {
	r, ok := t.cars[c.ID]
	if !ok || !r.found {
		return nil, errSaveUnread(c.ID)
	}
	next := c.Availability.Masks()
	months := map[rental.Month]bool{}
	for m := range r.masks {
		months[m] = true
	}
	for m := range next {
		months[m] = true
	}
	u := newUpdate()
	for _, m := range slices.Sorted(mapsKeys(months)) {
		before, after := r.masks[m], next[m]
		if before == after {
			continue
		}
		name := u.name(monthAttr(m))
		if after == 0 {
			u.remove(name)
		} else {
			u.set(name, u.value(num(int64(after))))
		}
		if before == 0 {
			u.cond("(attribute_not_exists(" + name + ") OR " + name + " = " + u.value(num(0)) + ")")
		} else {
			u.cond(name + " = " + u.value(num(int64(before))))
		}
	}
	if u.empty() {
		return nil, nil
	}
	// A car that staff retired or moved meanwhile takes no booking made
	// on the read before: the attempt is a lost race, and the function, on
	// a fresh read, says so (or books it where it is now).
	u.cond("attribute_not_exists(" + u.name("retired") + ")")
	u.cond(u.name("locationId") + " = " + u.value(str(c.LocationID)))
	return &types.TransactWriteItem{Update: u.build(t.s.table, key(carPK(c.ID), carSK))}, nil
}

// releaseUpdate frees r's days by subtraction: ADD of minus each month's
// bits. The rule of rental.Availability (a booking's days are set in its
// car's masks) makes the difference exact without reading the car, and
// ADD commutes with any other writer's change of other days.
func (t *tx) releaseUpdate(r release) *types.TransactWriteItem {
	u := newUpdate()
	for _, m := range slices.Sorted(mapsKeys(rental.PeriodMasks(r.period))) {
		u.add(u.name(monthAttr(m)), u.value(num(-int64(rental.PeriodMasks(r.period)[m]))))
	}
	u.cond("attribute_exists(PK)")
	return &types.TransactWriteItem{Update: u.build(t.s.table, key(carPK(r.carID), carSK))}
}

// bookingPut writes b whole: a new booking under the condition that none
// has its id, a changed one under the version read.
func (t *tx) bookingPut(b rental.Booking) (*types.TransactWriteItem, error) {
	if b.UserID != t.userID {
		return nil, fmt.Errorf("dynamo: SaveBooking of another user's booking %s", b.ID)
	}
	av, err := attributevalue.MarshalMap(toBookingItem(b))
	if err != nil {
		return nil, internal(err)
	}
	put := &types.Put{TableName: &t.s.table, Item: av}
	if r, ok := t.bookings[b.ID]; ok && r.found {
		put.ConditionExpression = aws.String("version = :read")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":read": num(r.booking.Version)}
	} else {
		put.ConditionExpression = aws.String("attribute_not_exists(PK)")
	}
	return &types.TransactWriteItem{Put: put}, nil
}

func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// settleAttempts bounds how often an unanswered transaction is sent again.
const settleAttempts = 3

// commitSettled commits in and, when the answer leaves the outcome unknown
// (a timeout, a 500, throttling after the SDK's own retries, a transaction
// still in progress), sends the very same transaction again under the same
// ClientRequestToken: DynamoDB treats it as the same request for ten
// minutes and answers with the first one's outcome instead of applying it
// twice. It stops when ctx's deadline (less the time to answer) comes:
// then the caller hears unavailable, and its message says the outcome is
// unknown. See "TransactWriteItems", ClientRequestToken:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
func (s *Store) commitSettled(ctx context.Context, in *dynamodb.TransactWriteItemsInput, kinds []itemKind) error {
	in.ClientRequestToken = aws.String(requestToken())
	err := s.commit(ctx, in, kinds)
	unknown := rental.ErrorCode(err) == rental.CodeUnavailable // a send whose answer was lost
	for n := 1; n <= settleAttempts && unsettled(err); n++ {
		if werr := s.wait(ctx, n); werr != nil {
			break
		}
		err = s.commit(ctx, in, kinds)
		unknown = unknown || rental.ErrorCode(err) == rental.CodeUnavailable
	}
	switch {
	case unsettled(err) && unknown:
		return &rental.Error{Code: rental.CodeUnavailable, Err: err,
			Message: "the database did not confirm the change in time, so it may or may not be saved: " +
				"read the booking, or retry with the same idempotency key"}
	case unsettled(err): // throttled every time: DynamoDB applied none of them
		return &rental.Error{Code: rental.CodeThrottled, Err: err, Message: "the database is busy; nothing was saved"}
	}
	return err
}

// unsettled reports whether err leaves a commit's outcome unknown.
func unsettled(err error) bool {
	code := rental.ErrorCode(err)
	return code == rental.CodeThrottled || code == rental.CodeUnavailable
}

// requestToken is a fresh ClientRequestToken (at most 36 characters).
func requestToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// commit sends the transaction and reads a cancellation item by item.
// See TransactWriteItems, "Errors" (TransactionCanceledException and its
// CancellationReasons, one per item in request order):
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
func (s *Store) commit(ctx context.Context, in *dynamodb.TransactWriteItemsInput, kinds []itemKind) error {
	cctx, cancel := s.bounded(ctx)
	defer cancel()
	res, err := s.db.TransactWriteItems(cctx, in)
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
		return s.mapErr(cctx, err)
	}
	retry := false
	for i, r := range tce.CancellationReasons {
		switch code := aws.ToString(r.Code); code {
		case "", "None":
		case "ConditionalCheckFailed":
			if i < len(kinds) && kinds[i] == kindRelease {
				// The car of a booking is gone: the rule of
				// Availability is broken, and retrying cannot mend it.
				return internal(fmt.Errorf("transaction item %d: releasing the days of a car that does not exist", i))
			}
			retry = true // another writer changed what we read
		case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			retry = true
		default:
			return internal(fmt.Errorf("transaction item %d cancelled: %s: %s", i, code, aws.ToString(r.Message)))
		}
	}
	if retry {
		return errLostRace
	}
	return s.mapErr(cctx, err)
}
