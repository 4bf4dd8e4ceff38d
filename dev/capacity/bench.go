package capacity

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// Now is the bench's clock: noon UTC on 2026-11-30, a Monday; every date
// below counts from that day in Berlin.
var Now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

var today = rental.DateOf(Now)

func day(n int) rental.Date { return today.AddDays(n) }

func period(from, to int) rental.Period { return rental.Period{Pickup: day(from), Return: day(to)} }

// Row is one measured operation.
type Row struct {
	Group, Name string
	Usage       Usage
	Booking     bool // a booking's write (create, change, cancel)
	Search      bool // a search page
	Note        string
}

// Bench is one run: a table of its own on a DynamoDB Local, a metered
// store and Service on it.
type Bench struct {
	raw   *dynamodb.Client
	table string
	meter *Meter
	store *dynamo.Store
	svc   *rental.Service
	rows  []Row
}

// NewBench makes table name on the DynamoDB Local at endpoint from the
// template (keys, GSI1, its projection) and a metered Service on it.
func NewBench(ctx context.Context, endpoint, name string) (*Bench, error) {
	raw, err := localdynamo.NewClient(ctx, endpoint)
	if err != nil {
		return nil, err
	}
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		return nil, err
	}
	if err := localdynamo.CreateTable(ctx, raw, tpl, "Table", name); err != nil {
		return nil, err
	}
	in, err := tpl.TableInput("Table", name)
	if err != nil {
		return nil, err
	}
	var indexes []Index
	for _, g := range in.GlobalSecondaryIndexes {
		x := Index{Name: *g.IndexName, Projection: g.Projection.ProjectionType, NonKeyAttrs: g.Projection.NonKeyAttributes,
			TableKeys: []string{"PK", "SK"}}
		for _, k := range g.KeySchema {
			x.Keys = append(x.Keys, *k.AttributeName)
		}
		indexes = append(indexes, x)
	}
	b := &Bench{raw: raw, table: name, meter: NewMeter(raw, name, indexes)}
	b.store = dynamo.New(b.meter, name, []byte("bench-cursor-secret-0123456789abcdef"))
	b.svc = rental.NewService(b.store, rental.WithClock(func() time.Time { return Now }))
	return b, nil
}

// Close drops the bench's table.
func (b *Bench) Close(ctx context.Context) error {
	_, err := b.raw.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: &b.table})
	return err
}

// Rows are the measurements so far.
func (b *Bench) Rows() []Row { return b.rows }

// measure runs op on a warm Service (the locations cached, as in a warm
// Lambda container) and notes its priced usage.
func (b *Bench) measure(row Row, op func() error) error {
	b.meter.Take()
	if err := op(); err != nil {
		return fmt.Errorf("%s %s: %w", row.Group, row.Name, err)
	}
	row.Usage = b.meter.Take()
	b.rows = append(b.rows, row)
	return nil
}

// putCar stores a car of the sample fleet's shape with availability booked
// on days (unmetered: setup).
func (b *Bench) putCar(ctx context.Context, id, loc string, typ rental.CarType, rate int64, days []int) error {
	c := rental.Car{ID: id, Make: "Volkswagen", Model: "Golf", Type: typ, Seats: 5, Transmission: rental.Manual,
		LocationID: loc, DailyRate: rental.Money{Amount: rate, Currency: "EUR"}, ImageKey: "cars/" + id + ".svg"}
	for _, d := range days {
		c.Availability = c.Availability.Reserve(period(d, d+1))
	}
	if err := b.store.PutCar(ctx, c); err != nil {
		return err
	}
	b.meter.Take()
	return nil
}

// holding returns n days for one-day bookings, spread evenly over the
// window a booking may use (today to 394 days ahead), leaving [300, 330)
// free for the measured bookings. n is at most 365.
func holding(n int) []int {
	var allowed []int
	for d := 0; d < 395; d++ {
		if d < 300 || d >= 330 {
			allowed = append(allowed, d)
		}
	}
	out := make([]int, 0, n)
	for i := range n {
		out = append(out, allowed[i*len(allowed)/max(n, 1)])
	}
	return out
}

// BenchEmail is the address on the bench's bookings (for their notices):
// a long one, 64 characters, as a company address with a person's full
// name is.
const BenchEmail = "maximiliane.mustermann-lüdenscheid@buchhaltung.example-gmbh.de"

// Bookings measures create (3 and 30 days), change (dates, as the web app
// sends it, naming the car; dates without the car; car) and cancel on cars
// that hold n bookings each.
func (b *Bench) Bookings(ctx context.Context, n int) error {
	loc := rental.Location{ID: "BEN", Name: "Bench", City: "Berlin", Country: "DE", TimeZone: "Europe/Berlin", Address: "Europaplatz 1"}
	if err := b.store.PutLocation(ctx, loc); err != nil {
		return err
	}
	if _, err := b.svc.ListLocations(ctx); err != nil { // warm
		return err
	}
	group := fmt.Sprintf("car holding %d bookings", n)
	car := func(name string) (string, error) {
		id := fmt.Sprintf("ben-%d-%s", n, name)
		return id, b.putCar(ctx, id, "BEN", rental.Compact, 4900, holding(n))
	}
	// Each measured booking is a customer's own, so that the booking
	// limit is met only where a row means it.
	book := func(user, carID string, p rental.Period, key string) (rental.Booking, error) {
		return b.svc.CreateBooking(ctx, user, rental.BookingRequest{CarID: carID, Period: p, Email: BenchEmail}, key)
	}
	for _, c := range []struct {
		name string
		days int
	}{{"create, 3 days", 3}, {"create, 30 days", 30}} {
		id, err := car(fmt.Sprintf("c%d", c.days))
		if err != nil {
			return err
		}
		if err := b.measure(Row{Group: group, Name: c.name, Booking: true}, func() error {
			_, err := book(fmt.Sprintf("user-%d-c%d", n, c.days), id, period(300, 300+c.days), fmt.Sprintf("key-%d-%d", n, c.days))
			return err
		}); err != nil {
			return err
		}
	}
	if err := b.changes(ctx, group, car, book, fmt.Sprintf("user-%d", n)); err != nil {
		return err
	}
	return b.atTheLimit(ctx, group, car, book, fmt.Sprintf("user-%d-limit", n))
}

// atTheLimit measures the creates of a customer who holds the booking
// limit: refused (the held bookings read in one snapshot), and, after one
// of them is cancelled, booked (the same read, then the write).
func (b *Bench) atTheLimit(ctx context.Context, group string, car func(string) (string, error),
	book func(string, string, rental.Period, string) (rental.Booking, error), user string) error {
	id, err := car("limit")
	if err != nil {
		return err
	}
	var held []rental.Booking
	for i := range rental.DefaultBookingLimit {
		bk, err := book(user, id, period(300+2*i, 301+2*i), "")
		if err != nil {
			return err
		}
		held = append(held, bk)
	}
	next := period(320, 323)
	note := fmt.Sprintf("the customer holds %d bookings: they are read", rental.DefaultBookingLimit)
	if err := b.measure(Row{Group: group, Name: "create refused at the booking limit", Note: note}, func() error {
		_, err := book(user, id, next, "")
		if rental.ErrorCode(err) != rental.CodeBookingLimitReached {
			return fmt.Errorf("want booking_limit_reached, got %v", err)
		}
		return nil
	}); err != nil {
		return err
	}
	if _, err := b.svc.CancelBooking(ctx, user, held[0].ID, nil); err != nil {
		return err
	}
	b.meter.Take()
	return b.measure(Row{Group: group, Name: "create at the limit, one cancelled", Booking: true, Note: note}, func() error {
		_, err := book(user, id, next, "")
		return err
	})
}

func (b *Bench) changes(ctx context.Context, group string, car func(string) (string, error),
	book func(string, string, rental.Period, string) (rental.Booking, error), users string) error {
	ret := day(305)
	for _, c := range []struct {
		name    string
		named   bool
		newCar  bool
		cancel  bool
		note    string
		booking bool
	}{
		{name: "change dates (car named)", named: true, booking: true},
		{name: "change dates (car left out)", note: "an API client that leaves out carId: one read more", booking: true},
		{name: "change car", newCar: true, booking: true},
		{name: "cancel", cancel: true, booking: true},
	} {
		id, err := car("x" + fmt.Sprint(len(b.rows)))
		if err != nil {
			return err
		}
		user := fmt.Sprintf("%s-x%d", users, len(b.rows))
		bk, err := book(user, id, period(300, 303), "")
		if err != nil {
			return err
		}
		var change rental.BookingChange
		switch {
		case c.newCar:
			other, err := car("y" + fmt.Sprint(len(b.rows)))
			if err != nil {
				return err
			}
			change.CarID = &other
		default:
			change.Return = &ret
			if c.named {
				change.CarID = &id
			}
		}
		row := Row{Group: group, Name: c.name, Booking: c.booking, Note: c.note}
		if err := b.measure(row, func() error {
			if c.cancel {
				_, err := b.svc.CancelBooking(ctx, user, bk.ID, nil)
				return err
			}
			_, err := b.svc.UpdateBooking(ctx, user, bk.ID, change, nil)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// Search measures full pages of 50 at a location of cars cars, each
// holding 30 bookings: with every car free for the dates, and with share
// of them taken for the dates (spread at random), by type and by price, of
// any type and of one.
func (b *Bench) Search(ctx context.Context, cars int, taken float64) error {
	loc := fmt.Sprintf("S%d%d", cars, int(taken*100))
	if err := b.store.PutLocation(ctx, rental.Location{ID: loc, Name: "Search " + loc, City: "Berlin", Country: "DE",
		TimeZone: "Europe/Berlin", Address: "-"}); err != nil {
		return err
	}
	if _, err := b.svc.ListLocations(ctx); err != nil {
		return err
	}
	b.svc = rental.NewService(b.store, rental.WithClock(func() time.Time { return Now })) // a fresh copy of the locations
	if _, err := b.svc.ListLocations(ctx); err != nil {
		return err
	}
	p := period(300, 303)
	rng := rand.New(rand.NewPCG(uint64(cars), uint64(taken*100)))
	for i := range cars {
		days := holding(30)
		if rng.Float64() < taken {
			days = append(days, 300, 301, 302)
		}
		typ := rental.CarTypes[i%len(rental.CarTypes)]
		if err := b.putCar(ctx, fmt.Sprintf("%s-%04d", loc, i), loc, typ, int64(3000+rng.IntN(12000)), days); err != nil {
			return err
		}
	}
	group := fmt.Sprintf("%d cars, each holding 30 bookings, %d%% taken", cars, int(taken*100))
	for _, q := range []struct {
		name string
		q    rental.CarQuery
	}{
		{"search page of 50", rental.CarQuery{LocationID: loc, Period: &p, Limit: 50}},
		{"search page of 50, sort=price", rental.CarQuery{LocationID: loc, Period: &p, Limit: 50, Order: rental.ByPrice}},
		{"search page of 50, one type", rental.CarQuery{LocationID: loc, Type: rental.Economy, Period: &p, Limit: 50}},
	} {
		var got int
		if err := b.measure(Row{Group: group, Name: q.name, Search: true}, func() error {
			page, err := b.svc.ListCars(ctx, q.q)
			got = len(page.Items)
			return err
		}); err != nil {
			return err
		}
		b.rows[len(b.rows)-1].Note = fmt.Sprintf("%d cars on the page", got)
	}
	return nil
}

// carItemSize is the priced size of a car item as the bench stores it,
// for the figures: with no months booked and with every month booked.
func (b *Bench) carItemSize(ctx context.Context, id string) int {
	out, err := b.raw.GetItem(ctx, &dynamodb.GetItemInput{TableName: &b.table, Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "CAR#" + id}, "SK": &types.AttributeValueMemberS{Value: "CAR"}}})
	if err != nil {
		return 0
	}
	return ItemSize(out.Item)
}
