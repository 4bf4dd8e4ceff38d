package load

import (
	"context"
	"testing"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// TestAuditFindsWhatIsWrong runs the audit on a table that a few sound
// writes left (it finds nothing), then plants one of each fault it looks
// for and wants each counted: a reservation of no booking that overlaps
// another (an overlap and an orphan), a confirmed booking dropped from its
// car's schedule, a 201 whose booking is not stored and a version shown
// that the store does not have (three lost), and a booking nobody was
// answered 201 for.
func TestAuditFindsWhatIsWrong(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, table := testbed.Table(t)
	store := dynamo.New(db, table, []byte("load-audit-test-cursor-secret-0123456789"))
	svc := storetest.NewEnv(t, store).Service
	const alice, bob = "alice-sub", "bob-sub"
	book := func(user, car string, from, to int) rental.Booking {
		t.Helper()
		b, err := svc.CreateBooking(ctx, user, rental.BookingRequest{CarID: car, LocationID: "BER", Period: storetest.Period(from, to)}, "")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a1, a2, b1 := book(alice, "ber-eco-1", 5, 8), book(alice, "ber-eco-2", 5, 8), book(bob, "ber-suv-1", 10, 12)
	if _, err := svc.CancelBooking(ctx, alice, a2.ID, nil); err != nil {
		t.Fatal(err)
	}
	later := storetest.Today.AddDays(13)
	if b1, err := svc.UpdateBooking(ctx, bob, b1.ID, rental.BookingChange{Return: &later}, nil); err != nil || b1.Version != 2 {
		t.Fatalf("change: %+v, %v", b1, err)
	}
	seen := Seen{Users: []string{alice, bob}, Created: map[string]string{a1.ID: alice, a2.ID: alice, b1.ID: bob},
		Versions:   map[string]ShownVersion{a1.ID: {alice, 1}, a2.ID: {alice, 2}, b1.ID: {bob, 2}},
		Unanswered: map[string]int{}}

	r, err := Audit(ctx, db, table, seen, storetest.Start)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Line(0); got != "audit: 0 overlaps, 0 lost, 0 orphans, 0 5xx" || len(r.Unannounced) > 0 {
		t.Errorf("sound table: %s, %+v", got, r)
	}
	if r.Cars != len(storetest.Cars) || r.Users != 2 || r.Bookings != 3 || r.Confirmed != 2 {
		t.Errorf("read %d cars, %d users, %d bookings (%d confirmed); want 6, 2, 3 (2)", r.Cars, r.Users, r.Bookings, r.Confirmed)
	}

	// An overlap: a second confirmed booking on a1's car and days, written
	// behind the availability's back; a lost booking: b1's days freed on its
	// car; an orphan: a day booked on a car for nobody.
	plant(t, store, alice, func(ctx context.Context, tx rental.Tx) error {
		ghost := a1
		ghost.ID = "ghost"
		tx.SaveBooking(ghost)
		return nil
	})
	plant(t, store, bob, func(ctx context.Context, tx rental.Tx) error {
		tx.ReleaseDays(b1.CarID, b1.Period)
		return nil
	})
	plant(t, store, "auditor", func(ctx context.Context, tx rental.Tx) error {
		c, err := tx.Car(ctx, "ber-lux-1")
		if err != nil {
			return err
		}
		c.Availability = c.Availability.Reserve(storetest.Period(20, 21))
		tx.SaveCar(c)
		return nil
	})
	seen.Created["never-stored"] = alice
	seen.Versions[a1.ID] = ShownVersion{alice, 3}
	delete(seen.Created, a2.ID)

	r, err = Audit(ctx, db, table, seen, storetest.Start)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Line(2), "audit: 1 overlaps, 3 lost, 1 orphans, 2 5xx"; got != want {
		t.Errorf("planted faults: %q, want %q\n%+v", got, want, r)
	}
	if len(r.Unannounced) != 1 {
		t.Errorf("unannounced = %q, want alice's cancelled booking", r.Unannounced)
	}
}

// plant writes fn's saves as user, through the store's own conditioned
// write and behind the Service's rules.
func plant(t *testing.T, store rental.Store, user string, fn func(context.Context, rental.Tx) error) {
	t.Helper()
	_, err := store.Write(context.Background(), user, rental.WriteRequest{}, func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
		return rental.Booking{}, fn(ctx, tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}
