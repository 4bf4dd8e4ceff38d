package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/carrental/backend/pkg/rental"
)

// testBookingRacesMove: staff move a car between a booking's read of it
// and its commit. The commit must not stand (its booking would name the
// old location while the car stands at the new one): the attempt is a
// lost race, and the Write's next attempt reads the car where it is now.
func testBookingRacesMove(t *testing.T, e *Env) {
	ctx := context.Background()
	must[rental.Location](t)(e.Service.CreateLocation(ctx, rental.LocationSpec{ID: "ber-ost", Name: "Berlin Ostbahnhof",
		City: "Berlin", Country: "DE", TimeZone: "Europe/Berlin", Address: "Koppenstraße 3, 10243 Berlin", Currency: "EUR"}))
	car := must[rental.Car](t)(e.Service.CreateCar(ctx, rental.CarSpec{ID: "mover", Make: "Kia", Model: "Ceed", Type: rental.Van,
		Seats: 5, Transmission: rental.Manual, LocationID: "BER", DailyRate: 4500}))
	to := "ber-ost"
	var seen []string
	_, err := e.Store.Write(ctx, "racer", rental.WriteRequest{Reads: rental.Reads{Cars: []string{car.ID}}},
		func(ctx context.Context, tx rental.Tx) (rental.Booking, error) {
			c, err := tx.Car(ctx, car.ID)
			if err != nil {
				return rental.Booking{}, err
			}
			seen = append(seen, c.LocationID)
			if len(seen) == 1 { // staff move it after this read, before the commit
				must[rental.Car](t)(e.Service.UpdateCar(ctx, car.ID, rental.CarChange{LocationID: &to}))
			}
			c.Availability = c.Availability.Reserve(Period(10, 12))
			tx.SaveCar(c)
			return rental.Booking{}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[1] != to {
		t.Fatalf("the write read the car at %v: its first commit, on the car as read before the move, stood", seen)
	}
}

// testStaffChangesRace: two staff change one car at once, and one retires
// it while another changes it. Each change is made over the version it
// read, so none is lost: both changes are in the car, and a retired car
// stays out of search (a late change does not put it back).
func testStaffChangesRace(t *testing.T, e *Env) {
	ctx := context.Background()
	car := must[rental.Car](t)(e.Service.CreateCar(ctx, rental.CarSpec{ID: "edited", Make: "Kia", Model: "Ceed", Type: rental.Van,
		Seats: 5, Transmission: rental.Manual, LocationID: "BER", DailyRate: 4500}))
	stale := car
	stale.Make = "Stale"
	must[rental.Car](t)(e.Service.UpdateCar(ctx, car.ID, rental.CarChange{Model: ptr("Sportswagon")}))
	wantCode(t, e.Store.SaveCarDetails(ctx, stale, nil), rental.CodeVersionMismatch)

	for round := range 6 {
		mk, seats := "Make"+string(rune('a'+round)), 2+round%7
		var wg sync.WaitGroup
		var errs [2]error
		wg.Go(func() { _, errs[0] = e.Service.UpdateCar(ctx, car.ID, rental.CarChange{Make: &mk}) })
		wg.Go(func() { _, errs[1] = e.Service.UpdateCar(ctx, car.ID, rental.CarChange{Seats: &seats}) })
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("round %d: %v", round, errs)
		}
		got := must[rental.Car](t)(e.Store.GetCar(ctx, car.ID))
		if got.Make != mk || got.Seats != seats || got.Model != "Sportswagon" {
			t.Fatalf("round %d: a change was lost: %+v, want make %s and %d seats", round, got, mk, seats)
		}
	}

	var wg sync.WaitGroup
	var retireErr, changeErr error
	wg.Go(func() { _, retireErr = e.Service.RetireCar(ctx, car.ID) })
	wg.Go(func() { _, changeErr = e.Service.UpdateCar(ctx, car.ID, rental.CarChange{Make: ptr("Late")}) })
	wg.Wait()
	if retireErr != nil {
		t.Fatal(retireErr)
	}
	if changeErr != nil {
		wantCode(t, changeErr, rental.CodeNotFound)
	}
	got := must[rental.Car](t)(e.Store.GetCar(ctx, car.ID))
	if !got.Retired {
		t.Fatalf("a change after the retirement brought the car back: %+v", got)
	}
	page := must[rental.Page[rental.Car]](t)(e.Store.ListCars(ctx, rental.CarFilter{LocationID: "BER", Type: rental.Van,
		PageRequest: rental.PageRequest{Limit: 100}}))
	for _, c := range page.Items {
		if c.ID == car.ID {
			t.Fatalf("the retired car is listed: %+v", c)
		}
	}
	_, err := e.Service.UpdateCar(ctx, car.ID, rental.CarChange{Make: ptr("After")})
	wantCode(t, err, rental.CodeNotFound)
}

// testFleetSeesNewCurrency: a car that staff add or change takes its
// location's currency as it is now, even in a function whose copy of the
// locations is older than the change (Roomy's here; another Lambda
// container's in the cloud).
func testFleetSeesNewCurrency(t *testing.T, e *Env) {
	ctx := context.Background()
	must[rental.Location](t)(e.Service.CreateLocation(ctx, rental.LocationSpec{ID: "zrh", Name: "Zürich HB", City: "Zürich",
		Country: "CH", TimeZone: "Europe/Zurich", Address: "Bahnhofplatz, 8001 Zürich", Currency: "EUR"}))
	must[[]rental.Location](t)(e.Roomy.ListLocations(ctx)) // Roomy's copy now has it in EUR
	must[rental.Location](t)(e.Service.UpdateLocation(ctx, "zrh", rental.LocationChange{Currency: ptr("CHF")}))
	car := must[rental.Car](t)(e.Roomy.CreateCar(ctx, rental.CarSpec{Make: "Skoda", Model: "Octavia", Type: rental.Compact,
		Seats: 5, Transmission: rental.Manual, LocationID: "zrh", DailyRate: 6000}))
	if car.DailyRate.Currency != "CHF" {
		t.Fatalf("a car added after the change of currency is in %s, want CHF", car.DailyRate.Currency)
	}
}
