package migrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int64) types.AttributeValue  { return &types.AttributeValueMemberN{Value: fmt.Sprint(v)} }

// oldCar is a car item as the first format wrote it.
func oldCar(c rental.Car, schedule []string, version int64) map[string]types.AttributeValue {
	l := make([]types.AttributeValue, len(schedule))
	for i, e := range schedule {
		l[i] = s(e)
	}
	return map[string]types.AttributeValue{
		"PK": s("CAR#" + c.ID), "SK": s("CAR"), "GSI1PK": s("LOC#" + c.LocationID), "GSI1SK": s("TYPE#" + string(c.Type) + "#" + c.ID),
		"kind": s("car"), "id": s(c.ID), "make": s(c.Make), "model": s(c.Model), "carType": s(string(c.Type)),
		"seats": n(int64(c.Seats)), "transmission": s(string(c.Transmission)), "locationId": s(c.LocationID),
		"dailyRate": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"amount": n(c.DailyRate.Amount), "currency": s(c.DailyRate.Currency)}},
		"imageKey":  s(c.ImageKey),
		"schedule":  &types.AttributeValueMemberL{Value: l},
		"version":   n(version),
	}
}

// oldBooking is a booking item as the first format wrote it.
func oldBooking(user, id string, c rental.Car, p rental.Period, status string, version int64) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": s("USER#" + user), "SK": s("BOOKING#" + id), "kind": s("booking"), "id": s(id), "userId": s(user),
		"carId": s(c.ID), "locationId": s(c.LocationID), "pickupDate": s(p.Pickup.String()), "returnDate": s(p.Return.String()),
		"total":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"amount": n(c.DailyRate.Amount * int64(p.Days())), "currency": s(c.DailyRate.Currency)}},
		"status": s(status), "version": n(version),
		"createdAt": s("2026-11-29T10:00:00Z"), "updatedAt": s("2026-11-29T10:00:00Z"),
		"car": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"id": s(c.ID), "make": s(c.Make), "model": s(c.Model),
			"carType": s(string(c.Type)), "seats": n(int64(c.Seats)), "transmission": s(string(c.Transmission)), "imageKey": s(c.ImageKey)}},
	}
}

// requestHash is the hash the first format recorded for a create request
// (rental.BookingRequest's: car, location, period).
func requestHash(car, location string, p rental.Period) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{car, location, p.String()}, "\n")))
	return hex.EncodeToString(sum[:])
}

// TestMigrateTheSampleFleetWithBookings: a table in the first format (the
// sample fleet, bookings confirmed and cancelled, a live and an expired
// idempotency record) migrates whole: every car searchable with its days
// booked, every booking readable, a retry with the live key answers its
// booking, the audit clean; a second run changes nothing.
func TestMigrateTheSampleFleetWithBookings(t *testing.T) {
	ctx := context.Background()
	db, table := testbed.Table(t)
	fleet, err := seed.Load(filepath.Join(samtemplate.MustRoot(t), seed.FleetFile))
	if err != nil {
		t.Fatal(err)
	}
	now := storetest.Start
	put := func(item map[string]types.AttributeValue) {
		t.Helper()
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
			t.Fatal(err)
		}
	}
	store := dynamo.New(db, table, []byte("migrate-test-cursor-secret-0123456789"))
	for _, l := range fleet.Locations {
		l.Currency = "" // the first format kept none
		if err := store.PutLocation(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	ber := map[string]rental.Car{}
	for _, c := range fleet.Cars {
		if c.LocationID == "ber" {
			ber[c.ID] = c.Car
			continue
		}
		put(oldCar(c.Car, nil, 0))
	}
	today := rental.DateOf(now)
	p1 := rental.Period{Pickup: today.AddDays(10), Return: today.AddDays(13)}
	p2 := rental.Period{Pickup: today.AddDays(40), Return: today.AddDays(45)} // another month
	put(oldCar(ber["ber-002"], []string{p1.String() + "/B1", p2.String() + "/B2"}, 2))
	for id, c := range ber {
		if id != "ber-002" {
			put(oldCar(c, nil, 0))
		}
	}
	put(oldBooking("alice", "B1", ber["ber-002"], p1, "CONFIRMED", 1))
	put(oldBooking("bob", "B2", ber["ber-002"], p2, "CONFIRMED", 2))
	put(oldBooking("alice", "B0", ber["ber-001"], p1, "CANCELLED", 2))
	put(map[string]types.AttributeValue{"PK": s("USER#alice"), "SK": s("IDEM#web-key-1"), "kind": s("idempotency"),
		"requestHash": s(requestHash("ber-002", "", p1)), "bookingId": s("B1"), "expiresAt": n(now.Add(time.Hour).Unix())})
	put(map[string]types.AttributeValue{"PK": s("USER#alice"), "SK": s("IDEM#old-key"), "kind": s("idempotency"),
		"requestHash": s("x"), "bookingId": s("B0"), "expiresAt": n(now.Add(-time.Hour).Unix())})

	r, err := Run(ctx, db, table, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(fleet.Cars) + 3 + 1; r.Rewritten != want || r.Expired != 1 || r.Passes != 2 {
		t.Errorf("first run: %s; want %d upgraded (the cars, the bookings, the live key), 1 expired, in 2 passes", r, want)
	}

	svc := rental.NewService(store, rental.WithClock(func() time.Time { return now }))
	car, err := store.GetCar(ctx, "ber-002")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []rental.Period{p1, p2} {
		if car.Availability.Free(p) {
			t.Errorf("ber-002 is free for %s after the migration", p)
		}
	}
	if got := len(car.Availability.Booked(today, today.AddDays(400))); got != p1.Days()+p2.Days() {
		t.Errorf("ber-002 books %d days, want %d", got, p1.Days()+p2.Days())
	}
	for _, loc := range fleet.Locations {
		page, err := svc.ListCars(ctx, rental.CarQuery{LocationID: loc.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 7 {
			t.Errorf("%s lists %d cars after the migration, want 7", loc.ID, len(page.Items))
		}
	}
	page, err := svc.ListCars(ctx, rental.CarQuery{LocationID: "ber", Type: rental.Compact, Period: &p1})
	if err != nil || len(page.Items) != 1 || page.Items[0].Car.ID != "ber-003" {
		t.Errorf("compact cars free for %s at ber: %+v, %v; want ber-003 only", p1, page.Items, err)
	}
	b, err := store.GetBooking(ctx, "alice", "B1")
	if err != nil || b.CarID != "ber-002" || b.Period != p1 || b.Version != 1 {
		t.Errorf("B1 after the migration: %+v, %v", b, err)
	}
	again, err := svc.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-002", Period: p1}, "web-key-1")
	if err != nil || again.ID != "B1" {
		t.Errorf("a retry with the live key answered %+v, %v; want B1", again, err)
	}
	for _, want := range fleet.Locations {
		if l, err := store.GetLocation(ctx, want.ID); err != nil || l.Currency != want.Currency {
			t.Errorf("location %s after the migration: currency %q, %v; want %s", want.ID, l.Currency, err, want.Currency)
		}
	}
	// The desk sees the confirmed bookings (GSI2), not the cancelled one.
	desk, err := store.BookingsByPickup(ctx, "ber", p1.Pickup, p2.Pickup)
	if err != nil || len(desk) != 2 || desk[0].ID != "B1" || desk[1].ID != "B2" {
		t.Errorf("the desk after the migration: %+v, %v; want B1 and B2", desk, err)
	}
	// Alice's confirmed booking holds a place: at a limit of one, she may
	// book no more; bob's too, until he cancels it.
	one := rental.NewService(store, rental.WithClock(func() time.Time { return now }), rental.WithBookingLimit(1))
	p3 := rental.Period{Pickup: today.AddDays(60), Return: today.AddDays(62)}
	for _, u := range []string{"alice", "bob"} {
		if _, err := one.CreateBooking(ctx, u, rental.BookingRequest{CarID: "ber-001", Period: p3}, ""); rental.ErrorCode(err) != rental.CodeBookingLimitReached {
			t.Errorf("%s's create at a limit of one: %v, want booking_limit_reached", u, err)
		}
	}
	if _, err := one.CancelBooking(ctx, "bob", "B2", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := one.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-001", Period: p3}, ""); err != nil {
		t.Errorf("bob's create after cancelling B2: %v", err)
	}
	f, err := storetest.Audit(ctx, store, []string{"alice", "bob"}, []string{"ber-001", "ber-002", "ber-003"}, today)
	if err != nil || !f.OK() {
		t.Errorf("audit after the migration: %s, %v", f, err)
	}

	r, err = Run(ctx, db, table, now)
	if err != nil || r.Rewritten != 0 || r.Passes != 1 {
		t.Errorf("second run: %s, %v; want nothing upgraded in one pass", r, err)
	}
}
