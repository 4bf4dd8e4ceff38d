package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

// at moves e's clock to noon UTC n days after Start (Berlin's day
// Today+n).
func (e *Env) at(n int) { e.Clock.Set(Start.Add(time.Duration(n) * 24 * time.Hour)) }

func statusChange(to rental.BookingStatus) rental.StatusChange { return rental.StatusChange{To: to} }

// testLifecycle: the desk's changes of a booking, each checked: picked up
// from the pick-up day (then the customer can neither change nor cancel
// it, and it still holds its place), returned (early: the car is free from
// the day it came back), a no-show (the car free from that day); each one
// version more; what the status or day does not allow is
// invalid_transition or a violation of returnedOn.
func testLifecycle(t *testing.T, e *Env) {
	ctx := context.Background()
	b := must[rental.Booking](t)(e.Service.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-eco-1", Period: Period(2, 8)}, ""))
	_, err := e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.Returned), nil)
	wantCode(t, err, rental.CodeInvalidTransition)
	_, err = e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.PickedUp), nil)
	wantCode(t, err, rental.CodeInvalidTransition) // before the pick-up day
	_, err = e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.Cancelled), nil)
	wantCode(t, err, rental.CodeValidation)

	e.at(2)
	up := must[rental.Booking](t)(e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.PickedUp), &b.Version))
	if up.Status != rental.PickedUp || up.Version != b.Version+1 {
		t.Fatalf("picked up: %+v", up)
	}
	_, err = e.Service.CancelBooking(ctx, "alice", b.ID, nil)
	wantCode(t, err, rental.CodeBookingStarted)
	ret := Today.AddDays(9)
	_, err = e.Service.UpdateBooking(ctx, "alice", b.ID, rental.BookingChange{Return: &ret}, nil)
	wantCode(t, err, rental.CodeBookingStarted)
	_, err = e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.PickedUp), nil)
	wantCode(t, err, rental.CodeInvalidTransition)

	e.at(4)
	before, future := Today.AddDays(1), Today.AddDays(5)
	for _, on := range []*rental.Date{&before, &future} {
		_, err = e.Service.SetBookingStatus(ctx, "alice", b.ID, rental.StatusChange{To: rental.Returned, ReturnedOn: on}, nil)
		if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldReturnedOn {
			t.Fatalf("returned on %s: %v, want a violation of returnedOn", on, err)
		}
	}
	back := must[rental.Booking](t)(e.Service.SetBookingStatus(ctx, "alice", b.ID, statusChange(rental.Returned), &up.Version))
	if back.Status != rental.Returned || back.ReturnedOn != Today.AddDays(4) || back.Version != up.Version+1 || back.Total != b.Total {
		t.Fatalf("returned: %+v", back)
	}
	// Back two days early: another customer may book those days.
	must[rental.Booking](t)(e.Service.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-eco-1", Period: Period(4, 8)}, ""))

	// A no-show: from its pick-up day on; the car is free from then.
	n := must[rental.Booking](t)(e.Service.CreateBooking(ctx, "carol", rental.BookingRequest{CarID: "ber-eco-2", Period: Period(5, 9)}, ""))
	_, err = e.Service.SetBookingStatus(ctx, "carol", n.ID, statusChange(rental.NoShow), nil)
	wantCode(t, err, rental.CodeInvalidTransition)
	e.at(5)
	no := must[rental.Booking](t)(e.Service.SetBookingStatus(ctx, "carol", n.ID, statusChange(rental.NoShow), nil))
	if no.Status != rental.NoShow {
		t.Fatalf("no-show: %+v", no)
	}
	must[rental.Booking](t)(e.Service.CreateBooking(ctx, "dave", rental.BookingRequest{CarID: "ber-eco-2", Period: Period(5, 9)}, ""))
	_, err = e.Service.SetBookingStatus(ctx, "bob", "nope", statusChange(rental.PickedUp), nil)
	wantCode(t, err, rental.CodeNotFound)
	audit(t, e, []string{"alice", "bob", "carol", "dave"})
}

// testDesk: a location's day at the desk lists who picks up that day and
// whose car is due back, every customer's, none cancelled.
func testDesk(t *testing.T, e *Env) {
	ctx := context.Background()
	book := func(user, car string, from, to int) rental.Booking {
		return must[rental.Booking](t)(e.Service.CreateBooking(ctx, user, rental.BookingRequest{CarID: car, Period: Period(from, to)}, ""))
	}
	a := book("alice", "ber-eco-1", 3, 6)
	b := book("bob", "ber-eco-2", 3, 4)
	c := book("carol", "ber-suv-1", 1, 3)
	d := book("dave", "ber-lux-1", 3, 5)
	book("erin", "lax-van-1", 3, 6) // another location
	must[rental.Booking](t)(e.Service.CancelBooking(ctx, "dave", d.ID, nil))
	day := Today.AddDays(3)
	desk := must[rental.DeskDay](t)(e.Service.Desk(ctx, "BER", &day))
	ids := func(bs []rental.Booking) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.ID)
		}
		slices.Sort(out)
		return out
	}
	want := []string{a.ID, b.ID}
	slices.Sort(want)
	if got := ids(desk.Pickups); !slices.Equal(got, want) {
		t.Errorf("pick-ups on %s: %v, want %v", day, got, want)
	}
	if got := ids(desk.Returns); !slices.Equal(got, []string{c.ID}) {
		t.Errorf("returns on %s: %v, want %v", day, got, []string{c.ID})
	}
	today := must[rental.DeskDay](t)(e.Service.Desk(ctx, "BER", nil))
	if today.Day != Today || len(today.Pickups)+len(today.Returns) != 0 {
		t.Errorf("today's desk: %+v", today)
	}
	_, err := e.Service.Desk(ctx, "NOPE", nil)
	wantCode(t, err, rental.CodeValidation)
	// The last day a date can name: its day after has five digits of year.
	last := rental.MustDate("9999-12-31")
	if end := must[rental.DeskDay](t)(e.Service.Desk(ctx, "BER", &last)); len(end.Pickups)+len(end.Returns) != 0 {
		t.Errorf("the desk of %s: %+v", last, end)
	}
}

// testFleet: staff add a car (its rate in the location's currency; a
// taken id is already_exists; each field's rule a violation), change its
// rate (later bookings pay it, earlier ones keep their total), cannot
// move or retire it while it holds bookings (car_has_bookings names
// them), then retire it: no search, no booking, no car page finds it.
// Locations: created, changed, a currency fixed while cars stand there.
func testFleet(t *testing.T, e *Env) {
	ctx := context.Background()
	_, err := e.Service.CreateCar(ctx, rental.CarSpec{Make: "", Model: "X", Type: "truck", Seats: 12, Transmission: "cvt", LocationID: "NOPE", DailyRate: 5})
	if vs := rental.Violations(err); len(vs) != 6 {
		t.Fatalf("a bad car: %v, want six violations", err)
	}
	spec := rental.CarSpec{ID: "ber-new-1", Make: "Kia", Model: "Ceed", Type: rental.Compact, Seats: 5, Transmission: rental.Manual, LocationID: "BER", DailyRate: 4500}
	car := must[rental.Car](t)(e.Service.CreateCar(ctx, spec))
	if car.DailyRate != (rental.Money{Amount: 4500, Currency: "EUR"}) {
		t.Fatalf("created %+v", car)
	}
	_, err = e.Service.CreateCar(ctx, spec)
	wantCode(t, err, rental.CodeAlreadyExists)
	made := must[rental.Car](t)(e.Service.CreateCar(ctx, rental.CarSpec{Make: "Kia", Model: "Rio", Type: rental.Economy, Seats: 5, Transmission: rental.Manual, LocationID: "BER", DailyRate: 3000}))
	if made.ID == "" || made.LocationID != "BER" {
		t.Fatalf("a car without an id: %+v", made)
	}
	p := Period(10, 12)
	offers := must[rental.Page[rental.CarOffer]](t)(e.Service.ListCars(ctx, rental.CarQuery{LocationID: "BER", Type: rental.Compact, Period: &p}))
	if len(offers.Items) != 1 || offers.Items[0].Car.ID != "ber-new-1" {
		t.Fatalf("compact cars at BER: %+v", offers.Items)
	}

	b := must[rental.Booking](t)(e.Service.CreateBooking(ctx, "alice", rental.BookingRequest{CarID: "ber-new-1", Period: p}, ""))
	rate := int64(6000)
	must[rental.Car](t)(e.Service.UpdateCar(ctx, "ber-new-1", rental.CarChange{DailyRate: &rate}))
	if got := must[rental.Booking](t)(e.Service.GetBooking(ctx, "alice", b.ID)); got.Total != b.Total {
		t.Fatalf("a rate change moved a booking's total: %v, was %v", got.Total, b.Total)
	}
	q := Period(20, 22)
	later := must[rental.Booking](t)(e.Service.CreateBooking(ctx, "bob", rental.BookingRequest{CarID: "ber-new-1", Period: q}, ""))
	if later.Total.Amount != 2*rate {
		t.Fatalf("a booking after the change: %v, want %d", later.Total, 2*rate)
	}

	lax := "LAX"
	_, err = e.Service.RetireCar(ctx, "ber-new-1")
	wantHeldBy(t, err, b.ID, later.ID)
	_, err = e.Service.UpdateCar(ctx, "ber-new-1", rental.CarChange{LocationID: &lax, DailyRate: &rate})
	wantHeldBy(t, err, b.ID, later.ID)
	_, err = e.Service.UpdateCar(ctx, made.ID, rental.CarChange{LocationID: &lax})
	if vs := rental.Violations(err); len(vs) != 1 || vs[0].Field != rental.FieldRate {
		t.Fatalf("a move to a dollar location without a rate: %v", err)
	}
	moved := must[rental.Car](t)(e.Service.UpdateCar(ctx, made.ID, rental.CarChange{LocationID: &lax, DailyRate: &rate}))
	if moved.LocationID != "LAX" || moved.DailyRate.Currency != "USD" {
		t.Fatalf("moved: %+v", moved)
	}

	must[rental.Booking](t)(e.Service.CancelBooking(ctx, "alice", b.ID, nil))
	must[rental.Booking](t)(e.Service.CancelBooking(ctx, "bob", later.ID, nil))
	retire(t, e, "ber-new-1", p)
	testLocations(t, e)
}

// wantHeldBy fails t unless err is car_has_bookings naming exactly ids.
func wantHeldBy(t *testing.T, err error, ids ...string) {
	t.Helper()
	wantCode(t, err, rental.CodeCarHasBookings)
	var held []string
	for _, hb := range rental.AsError(err).Bookings {
		held = append(held, hb.ID)
	}
	slices.Sort(held)
	slices.Sort(ids)
	if !slices.Equal(held, ids) {
		t.Fatalf("car_has_bookings names %v, want %v", held, ids)
	}
}

// retire retires compact car id at BER, then finds it in no search, no
// booking for p, no car page, no second retirement.
func retire(t *testing.T, e *Env, id string, p rental.Period) {
	ctx := context.Background()
	must[rental.Car](t)(e.Service.RetireCar(ctx, id))
	offers := must[rental.Page[rental.CarOffer]](t)(e.Service.ListCars(ctx, rental.CarQuery{LocationID: "BER", Type: rental.Compact}))
	if len(offers.Items) != 0 {
		t.Fatalf("a retired car is listed: %+v", offers.Items)
	}
	_, err := e.Service.GetCar(ctx, id, nil)
	wantCode(t, err, rental.CodeNotFound)
	_, err = e.Service.CreateBooking(ctx, "carol", rental.BookingRequest{CarID: id, Period: p}, "")
	wantCode(t, err, rental.CodeNotFound)
	_, err = e.Service.RetireCar(ctx, id)
	wantCode(t, err, rental.CodeNotFound)
}

func testLocations(t *testing.T, e *Env) {
	ctx := context.Background()
	spec := rental.LocationSpec{ID: "osl", Name: "Oslo Central", City: "Oslo", Country: "NO", TimeZone: "Europe/Oslo", Address: "Jernbanetorget 1", Currency: "EUR"}
	must[rental.Location](t)(e.Service.CreateLocation(ctx, spec))
	_, err := e.Service.CreateLocation(ctx, spec)
	wantCode(t, err, rental.CodeAlreadyExists)
	_, err = e.Service.CreateLocation(ctx, rental.LocationSpec{ID: "X", Country: "norway", TimeZone: "Mars/Olympus", Currency: "NOK"})
	if vs := rental.Violations(err); len(vs) != 7 {
		t.Fatalf("a bad location: %v, want seven violations", err)
	}
	gbp := "GBP"
	changed := must[rental.Location](t)(e.Service.UpdateLocation(ctx, "osl", rental.LocationChange{Currency: &gbp}))
	if changed.Currency != "GBP" {
		t.Fatalf("changed: %+v", changed)
	}
	if l := must[rental.Location](t)(e.Store.GetLocation(ctx, "osl")); l.Currency != "GBP" || l.Name != "Oslo Central" {
		t.Fatalf("read back: %+v", l)
	}
	must[rental.Car](t)(e.Service.CreateCar(ctx, rental.CarSpec{Make: "Volvo", Model: "XC40", Type: rental.SUV, Seats: 5, Transmission: rental.Automatic, LocationID: "osl", DailyRate: 9000}))
	usd := "USD"
	_, err = e.Service.UpdateLocation(ctx, "osl", rental.LocationChange{Currency: &usd})
	if vs := rental.Violations(err); len(vs) != 1 || vs[0].Rule != rental.RuleCurrencyFixed {
		t.Fatalf("currency with cars: %v", err)
	}
	_, err = e.Service.UpdateLocation(ctx, "nope", rental.LocationChange{Name: &usd})
	wantCode(t, err, rental.CodeNotFound)
}

// testRetireRacesBooking: a retirement and bookings of the same car at
// once, many times: never a retired car with a booking from today on
// (the retirement's condition on the car's months holds against the
// bookings' writes), and each side's answer says what happened.
func testRetireRacesBooking(t *testing.T, e *Env) {
	ctx := context.Background()
	for round := range 8 {
		id := "race-" + string(rune('a'+round))
		must[rental.Car](t)(e.Service.CreateCar(ctx, rental.CarSpec{ID: id, Make: "Kia", Model: "Ceed", Type: rental.Van, Seats: 5,
			Transmission: rental.Manual, LocationID: "BER", DailyRate: 4500}))
		var wg sync.WaitGroup
		var retireErr error
		booked := make([]error, 4)
		wg.Go(func() { _, retireErr = e.Service.RetireCar(ctx, id) })
		for i := range booked {
			wg.Go(func() {
				_, booked[i] = e.Service.CreateBooking(ctx, "racer", rental.BookingRequest{CarID: id, Period: Period(10+3*i, 11+3*i)}, "")
			})
		}
		wg.Wait()
		car, err := e.Store.GetCar(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got := Booked(car)
		if car.Retired && len(got) > 0 {
			t.Fatalf("round %d: retired with days %v booked (retire %v, bookings %v)", round, got, retireErr, booked)
		}
		if retireErr == nil != car.Retired {
			t.Fatalf("round %d: retire answered %v, car retired %v", round, retireErr, car.Retired)
		}
		for _, b := range booked {
			if b != nil && rental.ErrorCode(b) != rental.CodeNotFound && rental.ErrorCode(b) != rental.CodeBookingLimitReached {
				t.Fatalf("round %d: a booking answered %v", round, b)
			}
		}
		// Free the racer's places for the next round.
		page := must[rental.Page[rental.Booking]](t)(e.Service.ListBookings(ctx, "racer", rental.BookingQuery{Limit: 100}))
		for _, b := range page.Items {
			if b.Status == rental.Confirmed {
				must[rental.Booking](t)(e.Service.CancelBooking(ctx, "racer", b.ID, nil))
			}
		}
	}
}
