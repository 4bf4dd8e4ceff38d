package dynamo

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/pkg/rental"
)

// queryOnly is a Client that answers every Query with no items and
// counts them; any other call is a bug of the test.
type queryOnly struct {
	Client
	queries int
}

func (q *queryOnly) Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	q.queries++
	return &dynamodb.QueryOutput{}, nil
}

// TestForgedCursorThatDoesNotFit: a cursor sealed with the store's own
// secret for the right scope (as someone holding CURSOR_SECRET could
// make) but naming a position the query cannot have, another user's
// partition, a key that is not a booking's, a key with attributes more or
// fewer, a type partition out of range, a sort key not of the index, is
// validation_failed on the cursor, before any read: never a DynamoDB
// ValidationException answered as a 500. A cursor that fits is read.
func TestForgedCursorThatDoesNotFit(t *testing.T) {
	ctx := context.Background()
	db := &queryOnly{}
	s := New(db, "t", fuzzSecret)
	const scope = "bookings|alice|"
	for name, k := range map[string]keyCursor{
		"another user":      {attrPK: userPK("bob"), attrSK: bookingSK("01J")},
		"not a booking":     {attrPK: userPK("alice"), attrSK: accountSK},
		"an extra key":      {attrPK: userPK("alice"), attrSK: bookingSK("01J"), attrGSI1PK: "x"},
		"no sort key":       {attrPK: userPK("alice")},
		"an empty position": {},
	} {
		c, err := s.cursors.encode(scope, k)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ListBookings(ctx, "alice", rental.BookingFilter{PageRequest: rental.PageRequest{Limit: 5, Cursor: c, Scope: scope}})
		if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldCursor {
			t.Errorf("%s: %v, want validation_failed on cursor", name, err)
		}
	}
	for name, cur := range map[string]searchCursor{
		"type out of range":    {Type: 1, After: carGSI1SK(rental.Compact, 100, "c1")},
		"negative type":        {Type: -1, After: carGSI1SK(rental.Compact, 100, "c1")},
		"not a sort key":       {After: "LOC#ber"},
		"a rate of letters":    {After: "1#00000000abcd#c1"},
		"a type past the last": {After: "9#000000000100#c1"},
	} {
		c, err := s.cursors.encode("cars|ber", cur)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ListCars(ctx, rental.CarFilter{LocationID: "ber", PageRequest: rental.PageRequest{Limit: 5, Cursor: c, Scope: "cars|ber"}})
		if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldCursor {
			t.Errorf("%s: %v, want validation_failed on cursor", name, err)
		}
	}
	if db.queries != 0 {
		t.Fatalf("%d queries for cursors that do not fit", db.queries)
	}

	fits, _ := s.cursors.encode(scope, keyCursor{attrPK: userPK("alice"), attrSK: bookingSK("01J")})
	if _, err := s.ListBookings(ctx, "alice", rental.BookingFilter{PageRequest: rental.PageRequest{Limit: 5, Cursor: fits, Scope: scope}}); err != nil || db.queries != 1 {
		t.Fatalf("a cursor that fits: %v after %d queries", err, db.queries)
	}
}
