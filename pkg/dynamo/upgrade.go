package dynamo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// The table's first format (until the availability masks) and how the
// store upgrades its items from it, one item at a time: dev/migrate scans
// the table and hands each item to Upgrade. Each upgrade is conditioned on
// the item being still in the old format, so running it twice, or over a
// table half done, changes nothing that is done already.
//
//	item         first format                              now
//	car          schedule ["<pickup>/<return>/<id>"],      m<YYYYMM> masks; GSI1PK LOC#<loc>,
//	             version; GSI1PK LOC#<loc>,                GSI1SK <type index>#<rate, 12 digits>#<id>
//	             GSI1SK TYPE#<type>#<id>
//	booking      the REST API's names for car, pick-up     bookedCar, pickupDay, returnDay; GSI2 keys
//	             and return (FirstBooking)                 (the desk's index) unless cancelled
//	idempotency  USER#<sub> / IDEM#<key>: requestHash,     an entry of the account USER#<sub> /
//	             bookingId, expiresAt                      ACCOUNT (expired keys are left to TTL)
//	location     no currency                               currency: its cars' rates'
//	(none)                                                 a confirmed booking's id in its user's
//	                                                       account's held list (the booking limit)

// FirstBooking names the three booking attributes of the first format,
// which took them from the REST API's body (the current format names them
// bookedCar, pickupDay and returnDay). The migration tool, which knows
// the first format, supplies them, so no wire name is written in the
// store.
type FirstBooking struct{ Car, Pickup, Return string }

// Upgraded says what Upgrade did with an item.
type Upgraded int

// What Upgrade does with an item.
const (
	Current   Upgraded = iota // in the current format, or not the store's: left as it is
	Rewritten                 // upgraded
	Expired                   // an idempotency record past its expiry: left to TTL
)

// Upgrade brings one item of the table (as a Scan returns it) to the
// current format; first names the first format's booking attributes. now
// decides which idempotency records are alive.
func (s *Store) Upgrade(ctx context.Context, item map[string]types.AttributeValue, first FirstBooking, now time.Time) (Upgraded, error) {
	pk, sk := stringAttr(item[attrPK]), stringAttr(item[attrSK])
	switch {
	case strings.HasPrefix(pk, "CAR#") && sk == carSK && item["schedule"] != nil:
		return Rewritten, s.upgradeCar(ctx, item)
	case strings.HasPrefix(pk, "USER#") && strings.HasPrefix(sk, bookingPrefix) && item[first.Car] != nil:
		return Rewritten, s.upgradeBooking(ctx, item, first)
	case strings.HasPrefix(pk, "USER#") && strings.HasPrefix(sk, "IDEM#"):
		return s.upgradeIdempotency(ctx, item, now)
	}
	return Current, nil
}

func stringAttr(v types.AttributeValue) string {
	if s, ok := v.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// upgradeCar writes the car anew, its schedule as masks, under the
// condition that it is at the version read with its schedule.
func (s *Store) upgradeCar(ctx context.Context, item map[string]types.AttributeValue) error {
	var old struct {
		carItem
		Schedule []string `dynamodbav:"schedule"`
		Version  int64    `dynamodbav:"version"`
	}
	if err := attributevalue.UnmarshalMap(item, &old); err != nil {
		return err
	}
	c, err := carFrom(item)
	if err != nil {
		return err
	}
	c.Availability = rental.Availability{}
	for _, e := range old.Schedule {
		p, err := legacyPeriod(e)
		if err != nil {
			return fmt.Errorf("car %s: %w", c.ID, err)
		}
		c.Availability = c.Availability.Reserve(p)
	}
	if err := s.giveCurrency(ctx, c.LocationID, c.DailyRate.Currency); err != nil {
		return err
	}
	av, err := carAttrs(c)
	if err != nil {
		return err
	}
	return s.putIf(ctx, av, "attribute_exists(schedule) AND version = :v",
		map[string]types.AttributeValue{":v": num(old.Version)})
}

// giveCurrency sets location id's currency, which the first format did
// not keep, to its cars' (the rates' currency), when it has none: the
// fleet's rules make every rate at a location be in its currency.
func (s *Store) giveCurrency(ctx context.Context, id, currency string) error {
	u, ok := s.db.(updater)
	if !ok {
		return errors.New("dynamo: the store's client cannot UpdateItem, which upgrading a car needs")
	}
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	_, err := u.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(locationsPK, locationSK(id)),
		UpdateExpression:          aws.String("SET currency = :c"),
		ConditionExpression:       aws.String("attribute_exists(PK) AND attribute_not_exists(currency)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": str(currency)},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil // it has one, or is not there
	}
	return err
}

// legacyPeriod reads a schedule entry "<pickup>/<return>/<booking id>".
func legacyPeriod(e string) (rental.Period, error) {
	parts := strings.SplitN(e, "/", 3)
	if len(parts) != 3 {
		return rental.Period{}, fmt.Errorf("bad schedule entry %q", e)
	}
	p, err1 := rental.ParseDate(parts[0])
	r, err2 := rental.ParseDate(parts[1])
	if err := errors.Join(err1, err2); err != nil {
		return rental.Period{}, fmt.Errorf("bad schedule entry %q: %w", e, err)
	}
	return rental.Period{Pickup: p, Return: r}, nil
}

// upgradeBooking lists a confirmed booking in its user's account as
// holding a place under the booking limit (the first format had no
// limit: its bookings were in no list), then renames the booking's three
// attributes, under the condition that it still has the old names. Listed
// first, so that a run stopped between the two steps lists it on the next
// (a booking that has ended since is dropped from the list by the next
// create that finds the list full).
func (s *Store) upgradeBooking(ctx context.Context, item map[string]types.AttributeValue, first FirstBooking) error {
	if stringAttr(item["status"]) == string(rental.Confirmed) {
		if err := s.listHeld(ctx, stringAttr(item[attrPK]), strings.TrimPrefix(stringAttr(item[attrSK]), bookingPrefix)); err != nil {
			return err
		}
	}
	u, ok := s.db.(updater)
	if !ok {
		return errors.New("dynamo: the store's client cannot UpdateItem, which upgrading a booking needs")
	}
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	rename := "SET bookedCar = #car, pickupDay = #pickup, returnDay = #return"
	in := &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(stringAttr(item[attrPK]), stringAttr(item[attrSK])),
		UpdateExpression:         aws.String(rename + " REMOVE #car, #pickup, #return"),
		ConditionExpression:      aws.String("attribute_exists(#car)"),
		ExpressionAttributeNames: map[string]string{"#car": first.Car, "#pickup": first.Pickup, "#return": first.Return},
	}
	if stringAttr(item["status"]) != string(rental.Cancelled) { // the desk's index (GSI2) lists it
		in.UpdateExpression = aws.String(rename + ", GSI2PK = :desk, GSI2SK = :day REMOVE #car, #pickup, #return")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{
			":desk": str(bookingGSI2PK(stringAttr(item["locationId"]))),
			":day": str(stringAttr(item[first.Pickup]) + "#" + stringAttr(item[first.Return]) + "#" +
				strings.TrimPrefix(stringAttr(item[attrSK]), bookingPrefix)),
		}
	}
	_, err := u.UpdateItem(ctx, in)
	return ignoreDone(err)
}

// listHeld adds bookingID to the held list of the account of partition
// pk, unless it is there, under the condition that the account is at the
// version read.
func (s *Store) listHeld(ctx context.Context, pk, bookingID string) error {
	t := &tx{}
	acct, err := s.getItem(ctx, pk, accountSK, true)
	if err != nil {
		return err
	}
	if err := t.noteAccount(acct); err != nil {
		return err
	}
	if slices.Contains(t.account.held, bookingID) {
		return nil
	}
	av, err := attributevalue.MarshalMap(t.account.with(strings.TrimPrefix(pk, "USER#"), nil, "", append(slices.Clone(t.account.held), bookingID)))
	if err != nil {
		return err
	}
	return s.putAccount(ctx, t.account, av)
}

// putAccount puts av, the account a one version on, under the condition
// that a is still the account in the table.
func (s *Store) putAccount(ctx context.Context, a *account, av map[string]types.AttributeValue) error {
	cond, vals := "attribute_not_exists(PK)", map[string]types.AttributeValue(nil)
	if a.found {
		cond, vals = "version = :v", map[string]types.AttributeValue{":v": num(a.version)}
	}
	return s.putIf(ctx, av, cond, vals)
}

// upgradeIdempotency adds a live record to its user's account (the newest
// maxKeys kept), under the condition that the account is at the version
// read; an expired one is left to TTL.
func (s *Store) upgradeIdempotency(ctx context.Context, item map[string]types.AttributeValue, now time.Time) (Upgraded, error) {
	var rec struct {
		PK, SK      string
		RequestHash string `dynamodbav:"requestHash"`
		BookingID   string `dynamodbav:"bookingId"`
		ExpiresAt   int64  `dynamodbav:"expiresAt"`
	}
	if err := attributevalue.UnmarshalMap(item, &rec); err != nil {
		return Current, err
	}
	if rec.ExpiresAt <= now.Unix() {
		return Expired, nil
	}
	user, idemKey := strings.TrimPrefix(rec.PK, "USER#"), strings.TrimPrefix(rec.SK, "IDEM#")
	t := &tx{}
	acct, err := s.getItem(ctx, rec.PK, accountSK, true)
	if err != nil {
		return Current, err
	}
	if err := t.noteAccount(acct); err != nil {
		return Current, err
	}
	idem := &rental.Idempotency{Key: idemKey, RequestHash: rec.RequestHash, Now: now, ExpiresAt: time.Unix(rec.ExpiresAt, 0)}
	if _, ok := t.account.live(idem); ok {
		return Current, nil
	}
	av, err := attributevalue.MarshalMap(t.account.with(user, idem, rec.BookingID, t.account.held))
	if err != nil {
		return Current, err
	}
	return Rewritten, s.putAccount(ctx, t.account, av)
}

// putIf puts av under condition cond; a failed condition means another
// writer (an upgrade run beside this one, a booking) got there first, and
// Upgrade's caller runs again to see.
func (s *Store) putIf(ctx context.Context, av map[string]types.AttributeValue, cond string, vals map[string]types.AttributeValue) error {
	ctx, cancel := s.bounded(ctx)
	defer cancel()
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
		ConditionExpression: aws.String(cond), ExpressionAttributeValues: vals})
	return ignoreDone(err)
}

// ErrRaced is Upgrade's error when the item changed while it was upgraded:
// scan again.
var ErrRaced = errors.New("dynamo: the item changed during its upgrade")

func ignoreDone(err error) error {
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrRaced
	}
	return err
}

// updater is the client's UpdateItem, which only Upgrade needs (the store
// updates items inside transactions otherwise).
type updater interface {
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}
