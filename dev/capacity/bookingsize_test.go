package capacity

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/rental"
)

// TestBookingItemFitsAWriteUnit: a booking item stays under 1 KB (one
// write unit, two in a transaction) with the longest address an email can
// have (254 characters, RFC 5321) and the longest car of the sample fleet,
// so that keeping the address for the notices costs no write unit.
func TestBookingItemFitsAWriteUnit(t *testing.T) {
	endpoint := os.Getenv(testbed.EnvEndpoint)
	if endpoint == "" {
		t.Fatalf("%s is not set: run the tests through cmd/testbed (make test)", testbed.EnvEndpoint)
	}
	ctx := context.Background()
	b, err := NewBench(ctx, endpoint, "test-capacity-booking-size")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close(context.Background()) })
	if err := b.store.PutLocation(ctx, rental.Location{ID: "BEN", Name: "Bench", City: "Berlin", Country: "DE", TimeZone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	c := rental.Car{ID: "muc-007-long", Make: "Mercedes-Benz", Model: "V-Class Marco Polo Horizon", Type: rental.Van, Seats: 8,
		Transmission: rental.Automatic, LocationID: "BEN", DailyRate: rental.Money{Amount: 12900, Currency: "EUR"}, ImageKey: "cars/muc-007-long.svg"}
	if err := b.store.PutCar(ctx, c); err != nil {
		t.Fatal(err)
	}
	email := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com" // 254 characters
	bk, err := b.svc.CreateBooking(ctx, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", rental.BookingRequest{CarID: c.ID, Period: period(300, 330), Email: email}, "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.raw.GetItem(ctx, &dynamodb.GetItemInput{TableName: &b.table, ConsistentRead: aws.Bool(true), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "USER#" + bk.UserID}, "SK": &types.AttributeValueMemberS{Value: "BOOKING#" + bk.ID}}})
	if err != nil || out.Item == nil {
		t.Fatalf("the booking item: %v", err)
	}
	if size := ItemSize(out.Item); size > 1024 {
		t.Errorf("booking item of %d bytes, over 1 KB", size)
	} else {
		t.Logf("booking item with a 254-character address: %d bytes", size)
	}
}
