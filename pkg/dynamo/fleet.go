package dynamo

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// Staff's writes of the fleet. Each is one conditioned item, sent as a
// TransactWriteItems of one (the functions may write the table only
// inside transactions: template.yaml's write policies), so a failed
// condition comes back as a cancellation reason.

// guardMonths is how many months from a guard's first one it conditions:
// a booking's days reach at most MaxDaysAhead+MaxRentalDays ahead, 14
// months at most.
const guardMonths = 14

// CreateCar implements rental.Store.CreateCar.
func (s *Store) CreateCar(ctx context.Context, c rental.Car) error {
	c.Availability = rental.Availability{}
	av, err := carAttrs(c)
	if err != nil {
		return internal(err)
	}
	failed, err := s.writeOne(ctx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av,
		ConditionExpression: aws.String("attribute_not_exists(PK)")}})
	if err == nil && failed {
		return rental.Errorf(rental.CodeAlreadyExists, "a car with id %s exists", c.ID)
	}
	return err
}

// SaveCarDetails implements rental.Store.SaveCarDetails: one update of
// the car's own attributes and its GSI1 keys (removed when it is
// retired), under the condition that it exists, is not retired and is
// still at c.FleetVersion (which the update counts up), and, with g, that
// its months from g.From on are as g says.
func (s *Store) SaveCarDetails(ctx context.Context, c rental.Car, g *rental.FleetGuard) error {
	item := toCarItem(c)
	u := newUpdate()
	fields := map[string]any{"make": item.Make, "model": item.Model, "carType": item.CarType, "seats": item.Seats,
		"transmission": item.Transmission, "locationId": item.LocationID, "dailyRate": item.DailyRate, "imageKey": item.ImageKey}
	for name, v := range fields {
		av, err := attributevalue.Marshal(v)
		if err != nil {
			return internal(err)
		}
		u.set(u.name(name), u.value(av))
	}
	if c.Retired {
		u.set(u.name("retired"), u.value(&types.AttributeValueMemberBOOL{Value: true}))
		u.remove(u.name(attrGSI1PK))
		u.remove(u.name(attrGSI1SK))
	} else {
		u.set(u.name(attrGSI1PK), u.value(str(item.GSI1PK)))
		u.set(u.name(attrGSI1SK), u.value(str(item.GSI1SK)))
	}
	version := u.name("fleetVersion")
	u.set(version, u.value(num(c.FleetVersion+1)))
	u.cond("attribute_exists(PK)")
	u.cond("attribute_not_exists(" + u.name("retired") + ")")
	if c.FleetVersion == 0 {
		u.cond("(attribute_not_exists(" + version + ") OR " + version + " = " + u.value(num(0)) + ")")
	} else {
		u.cond(version + " = " + u.value(num(c.FleetVersion)))
	}
	if g != nil {
		guard(u, g)
	}
	failed, err := s.writeOne(ctx, types.TransactWriteItem{Update: u.build(s.table, key(carPK(c.ID), carSK))})
	if err != nil || !failed {
		return err
	}
	now, err := s.getCar(ctx, c.ID, true)
	switch {
	case err != nil:
		return err // not_found, or the read's own failure
	case now.Retired:
		return rental.NotFound("car")
	case now.FleetVersion != c.FleetVersion:
		return rental.Errorf(rental.CodeVersionMismatch, "car %s was changed meanwhile; look again", c.ID)
	}
	return rental.Errorf(rental.CodeCarHasBookings, "car %s was booked meanwhile; look again", c.ID)
}

// guard adds g's conditions to u: each month from g.From for guardMonths
// as g.Masks has it, absent or 0 where it has none.
func guard(u *update, g *rental.FleetGuard) {
	for m := g.From; m < g.From+guardMonths; m++ { // Months count as integers
		name := u.name(monthAttr(m))
		if bits := g.Masks[m]; bits != 0 {
			u.cond(name + " = " + u.value(num(int64(bits))))
		} else {
			u.cond("(attribute_not_exists(" + name + ") OR " + name + " = " + u.value(num(0)) + ")")
		}
	}
}

// CreateLocation implements rental.Store.CreateLocation.
func (s *Store) CreateLocation(ctx context.Context, l rental.Location) error {
	failed, err := s.putLocation(ctx, l, "attribute_not_exists(PK)")
	if err == nil && failed {
		return rental.Errorf(rental.CodeAlreadyExists, "a location with id %s exists", l.ID)
	}
	return err
}

// SaveLocation implements rental.Store.SaveLocation.
func (s *Store) SaveLocation(ctx context.Context, l rental.Location) error {
	failed, err := s.putLocation(ctx, l, "attribute_exists(PK)")
	if err == nil && failed {
		return rental.NotFound("location")
	}
	return err
}

func (s *Store) putLocation(ctx context.Context, l rental.Location, cond string) (bool, error) {
	av, err := attributevalue.MarshalMap(toLocationItem(l))
	if err != nil {
		return false, internal(err)
	}
	return s.writeOne(ctx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: aws.String(cond)}})
}

// writeOne commits a transaction of item; failed reports that its
// condition did not hold. A conflict with another transaction, or
// throttling, is tried again with backoff, within ctx's deadline. A
// commit whose answer is lost is reported as unavailable: staff read the
// car or location again.
func (s *Store) writeOne(ctx context.Context, item types.TransactWriteItem) (failed bool, err error) {
	in := &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{item},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal, ClientRequestToken: aws.String(requestToken())}
	for attempt := 1; attempt <= s.retry.Attempts; attempt++ {
		if attempt > 1 {
			if err := s.wait(ctx, attempt-1); err != nil {
				return false, s.mapErr(ctx, err)
			}
		}
		failed, retry, err := s.sendOne(ctx, in)
		if !retry {
			return failed, err
		}
	}
	return false, rental.Errorf(rental.CodeThrottled, "too many concurrent changes; try again")
}

// sendOne sends in once and reads its cancellation reason.
func (s *Store) sendOne(ctx context.Context, in *dynamodb.TransactWriteItemsInput) (failed, retry bool, err error) {
	cctx, cancel := s.bounded(ctx)
	defer cancel()
	res, err := s.db.TransactWriteItems(cctx, in)
	if err == nil {
		s.record(ctx, "TransactWriteItems", res.ConsumedCapacity...)
		return false, false, nil
	}
	s.record(ctx, "TransactWriteItems")
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) && len(tce.CancellationReasons) > 0 {
		switch aws.ToString(tce.CancellationReasons[0].Code) {
		case "ConditionalCheckFailed":
			return true, false, nil
		case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			return false, true, nil
		}
	}
	var conflict *types.TransactionConflictException
	if errors.As(err, &conflict) {
		return false, true, nil
	}
	return false, false, s.mapErr(cctx, err)
}
