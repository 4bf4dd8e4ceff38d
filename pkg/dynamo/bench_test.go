package dynamo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// benchEnv is a table with cars at location BEN, each with busy reservations
// already in its schedule, and a Service on a fixed clock.
type benchEnv struct {
	store *dynamo.Store
	svc   *rental.Service
	cars  []string
}

func newBenchEnv(b *testing.B, cars, busy int) *benchEnv {
	b.Helper()
	client, table := testbed.Table(b)
	store := dynamo.New(client, table, testSecret)
	ctx := context.Background()
	if err := store.PutLocation(ctx, rental.Location{ID: "BEN", Name: "Bench", City: "Berlin", Country: "DE",
		TimeZone: "Europe/Berlin", Address: "-"}); err != nil {
		b.Fatal(err)
	}
	e := &benchEnv{store: store, svc: rental.NewService(store, rental.WithClock(func() time.Time { return storetest.Start }))}
	for i := range cars {
		c := storetest.Car(fmt.Sprintf("ben-%04d", i), "BEN", rental.CarTypes[i%len(rental.CarTypes)], 4500)
		c.DailyRate.Currency = "EUR"
		for j := range busy { // far-future reservations: the search period stays free
			c.Schedule = append(c.Schedule, rental.Reservation{BookingID: fmt.Sprintf("old-%04d-%03d", i, j),
				Period: storetest.Period(200+3*j, 202+3*j)})
		}
		if err := store.PutCar(ctx, c); err != nil {
			b.Fatal(err)
		}
		e.cars = append(e.cars, c.ID)
	}
	return e
}

// measure runs op b.N times and reports DynamoDB round trips and consumed
// capacity per operation, as DynamoDB reported them (ReturnConsumedCapacity
// TOTAL), not estimated.
func measure(b *testing.B, op func(ctx context.Context, i int) error) {
	b.Helper()
	var u dynamo.Usage
	ctx := dynamo.WithUsage(context.Background(), &u)
	b.ResetTimer()
	for i := range b.N {
		if err := op(ctx, i); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(u.Calls)/n, "roundtrips/op")
	b.ReportMetric(u.ReadUnits/n, "RCU/op")
	b.ReportMetric(u.WriteUnits/n, "WCU/op")
	b.ReportMetric(u.TotalUnits/n, "CU/op")
}

// BenchmarkCapacity measures each operation of the booking core on DynamoDB
// Local. Run with `make bench`.
func BenchmarkCapacity(b *testing.B) {
	const user = "bench-user"
	create := func(days int, key bool) func(b *testing.B) {
		return func(b *testing.B) {
			e := newBenchEnv(b, 60, 0)
			measure(b, func(ctx context.Context, i int) error {
				car, slot := e.cars[i%len(e.cars)], i/len(e.cars)
				idem := ""
				if key {
					idem = fmt.Sprintf("k-%d", i)
				}
				_, err := e.svc.CreateBooking(ctx, user, rental.BookingRequest{CarID: car,
					Period: storetest.Period(1+slot*(days+1), 1+slot*(days+1)+days)}, idem)
				return err
			})
		}
	}
	b.Run("create 3-day", create(3, false))
	b.Run("create 3-day with an idempotency key", create(3, true))
	b.Run("create 30-day", create(30, false))

	// Changes and cancellations act on bookings made before the timer.
	prepared := func(b *testing.B, e *benchEnv) []rental.Booking {
		var out []rental.Booking
		for i := range b.N {
			bk, err := e.svc.CreateBooking(context.Background(), user, rental.BookingRequest{
				CarID: e.cars[i%len(e.cars)], Period: storetest.Period(1+(i/len(e.cars))*10, 4+(i/len(e.cars))*10)}, "")
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, bk)
		}
		return out
	}
	b.Run("change dates", func(b *testing.B) {
		e := newBenchEnv(b, 60, 0)
		bookings := prepared(b, e)
		measure(b, func(ctx context.Context, i int) error {
			bk := bookings[i]
			_, err := e.svc.UpdateBooking(ctx, user, bk.ID, rental.BookingChange{Return: ptr(bk.Period.Return.AddDays(1))}, &bk.Version)
			return err
		})
	})
	b.Run("cancel", func(b *testing.B) {
		e := newBenchEnv(b, 60, 0)
		bookings := prepared(b, e)
		measure(b, func(ctx context.Context, i int) error {
			_, err := e.svc.CancelBooking(ctx, user, bookings[i].ID, nil)
			return err
		})
	})
	search := func(cars, busy int) func(b *testing.B) {
		return func(b *testing.B) {
			e := newBenchEnv(b, cars, busy)
			p := storetest.Period(5, 8)
			measure(b, func(ctx context.Context, _ int) error {
				page, err := e.svc.ListCars(ctx, rental.CarQuery{LocationID: "BEN", Period: &p, Limit: 50})
				if err == nil && len(page.Items) != 50 {
					err = fmt.Errorf("%d cars free, want 50", len(page.Items))
				}
				return err
			})
		}
	}
	b.Run("search with dates, 50 cars", search(50, 0))
	b.Run("search with dates, 500 cars", search(500, 0))
	b.Run("search with dates, 500 cars x 20 bookings", search(500, 20))
	b.Run("list my bookings", func(b *testing.B) {
		e := newBenchEnv(b, 20, 0)
		for i := range 20 {
			if _, err := e.svc.CreateBooking(context.Background(), user, rental.BookingRequest{CarID: e.cars[i],
				Period: storetest.Period(1, 4)}, ""); err != nil {
				b.Fatal(err)
			}
		}
		measure(b, func(ctx context.Context, _ int) error {
			page, err := e.svc.ListBookings(ctx, user, rental.BookingQuery{Limit: 20})
			if err == nil && len(page.Items) != 20 {
				err = fmt.Errorf("%d bookings, want 20", len(page.Items))
			}
			return err
		})
	})
}

func ptr[T any](v T) *T { return &v }
