package dynamo

import (
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// Item structs are the table's shapes; conversions to and from the domain
// live next to them, so the domain never sees a DynamoDB attribute.

type locationItem struct {
	PK       string `dynamodbav:"PK"`
	SK       string `dynamodbav:"SK"`
	Kind     string `dynamodbav:"kind"`
	ID       string `dynamodbav:"id"`
	Name     string `dynamodbav:"name"`
	City     string `dynamodbav:"city"`
	Country  string `dynamodbav:"country"`
	TimeZone string `dynamodbav:"timeZone"`
	Address  string `dynamodbav:"address"`
	Currency string `dynamodbav:"currency,omitempty"`
}

func toLocationItem(l rental.Location) locationItem {
	return locationItem{PK: locationsPK, SK: locationSK(l.ID), Kind: "location", ID: l.ID, Name: l.Name,
		City: l.City, Country: l.Country, TimeZone: l.TimeZone, Address: l.Address, Currency: l.Currency}
}

func (i locationItem) domain() rental.Location {
	return rental.Location{ID: i.ID, Name: i.Name, City: i.City, Country: i.Country, TimeZone: i.TimeZone,
		Address: i.Address, Currency: i.Currency}
}

type moneyAttr struct {
	Amount   int64  `dynamodbav:"amount"`
	Currency string `dynamodbav:"currency"`
}

func toMoney(m rental.Money) moneyAttr { return moneyAttr{Amount: m.Amount, Currency: m.Currency} }
func (m moneyAttr) domain() rental.Money {
	return rental.Money{Amount: m.Amount, Currency: m.Currency}
}

// carItem is a car and its availability: one Number attribute a month
// with booked days, "m202703", whose bit d-1 is day d (rental.Availability).
// The item's size does not grow with the bookings: at most 14 months are
// ahead of today. GSI1 (projection ALL) lists a location's cars of one
// type by daily rate, masks included, so that a search is one Query; a
// retired car has no GSI1 keys, so no search finds it (a sparse index).
type carItem struct {
	PK           string    `dynamodbav:"PK"`
	SK           string    `dynamodbav:"SK"`
	GSI1PK       string    `dynamodbav:"GSI1PK,omitempty"`
	GSI1SK       string    `dynamodbav:"GSI1SK,omitempty"`
	Kind         string    `dynamodbav:"kind"`
	ID           string    `dynamodbav:"id"`
	Make         string    `dynamodbav:"make"`
	Model        string    `dynamodbav:"model"`
	CarType      string    `dynamodbav:"carType"`
	Seats        int       `dynamodbav:"seats"`
	Transmission string    `dynamodbav:"transmission"`
	LocationID   string    `dynamodbav:"locationId"`
	DailyRate    moneyAttr `dynamodbav:"dailyRate"`
	ImageKey     string    `dynamodbav:"imageKey"`
	Retired      bool      `dynamodbav:"retired,omitempty"`
	FleetVersion int64     `dynamodbav:"fleetVersion,omitempty"`
}

func toCarItem(c rental.Car) carItem {
	i := carItem{PK: carPK(c.ID), SK: carSK, Kind: "car", ID: c.ID, Make: c.Make, Model: c.Model,
		CarType: string(c.Type), Seats: c.Seats, Transmission: string(c.Transmission), LocationID: c.LocationID,
		DailyRate: toMoney(c.DailyRate), ImageKey: c.ImageKey, Retired: c.Retired, FleetVersion: c.FleetVersion}
	if !c.Retired {
		i.GSI1PK, i.GSI1SK = carGSI1PK(c.LocationID), carGSI1SK(c.Type, c.DailyRate.Amount, c.ID)
	}
	return i
}

// carAttrs is a whole car item: its fields and its month masks.
func carAttrs(c rental.Car) (map[string]types.AttributeValue, error) {
	av, err := attributevalue.MarshalMap(toCarItem(c))
	if err != nil {
		return nil, err
	}
	for m, bits := range c.Availability.Masks() {
		av[monthAttr(m)] = num(int64(bits))
	}
	return av, nil
}

// carFrom reads a car item (or a GSI1 entry of one).
func carFrom(av map[string]types.AttributeValue) (rental.Car, error) {
	var i carItem
	if err := attributevalue.UnmarshalMap(av, &i); err != nil {
		return rental.Car{}, err
	}
	masks := map[rental.Month]uint32{}
	for name, v := range av {
		m, ok := parseMonthAttr(name)
		if !ok {
			continue
		}
		n, isNum := v.(*types.AttributeValueMemberN)
		bits, err := strconv.ParseInt(numValue(n, isNum), 10, 64)
		if err != nil || bits < 0 || bits >= 1<<31 {
			return rental.Car{}, fmt.Errorf("car %s: bad availability %s", i.ID, name)
		}
		masks[m] = uint32(bits)
	}
	return rental.Car{ID: i.ID, Make: i.Make, Model: i.Model, Type: rental.CarType(i.CarType), Seats: i.Seats,
		Transmission: rental.Transmission(i.Transmission), LocationID: i.LocationID, DailyRate: i.DailyRate.domain(),
		ImageKey: i.ImageKey, Availability: rental.AvailabilityOf(masks), Retired: i.Retired, FleetVersion: i.FleetVersion}, nil
}

func numValue(n *types.AttributeValueMemberN, ok bool) string {
	if !ok {
		return ""
	}
	return n.Value
}

type carSummaryAttr struct {
	ID           string `dynamodbav:"id"`
	Make         string `dynamodbav:"make"`
	Model        string `dynamodbav:"model"`
	CarType      string `dynamodbav:"carType"`
	Seats        int    `dynamodbav:"seats"`
	Transmission string `dynamodbav:"transmission"`
	ImageKey     string `dynamodbav:"imageKey"`
}

type bookingItem struct {
	PK         string         `dynamodbav:"PK"`
	SK         string         `dynamodbav:"SK"`
	GSI2PK     string         `dynamodbav:"GSI2PK,omitempty"`
	GSI2SK     string         `dynamodbav:"GSI2SK,omitempty"`
	Kind       string         `dynamodbav:"kind"`
	ID         string         `dynamodbav:"id"`
	UserID     string         `dynamodbav:"userId"`
	Email      string         `dynamodbav:"email,omitempty"` // for notices (pkg/notify); absent on older bookings
	CarID      string         `dynamodbav:"bookedCar"`
	LocationID string         `dynamodbav:"locationId"`
	PickupDate string         `dynamodbav:"pickupDay"`
	ReturnDate string         `dynamodbav:"returnDay"`
	Total      moneyAttr      `dynamodbav:"total"`
	Status     string         `dynamodbav:"status"`
	ReturnedOn string         `dynamodbav:"returnedOn,omitempty"`
	Version    int64          `dynamodbav:"version"`
	CreatedAt  string         `dynamodbav:"createdAt"` // RFC 3339, UTC
	UpdatedAt  string         `dynamodbav:"updatedAt"`
	Car        carSummaryAttr `dynamodbav:"car"`
}

func toBookingItem(b rental.Booking) bookingItem {
	i := bookingItem{PK: userPK(b.UserID), SK: bookingSK(b.ID), Kind: "booking", ID: b.ID, UserID: b.UserID,
		Email: b.Email, CarID: b.CarID, LocationID: b.LocationID, PickupDate: b.Period.Pickup.String(), ReturnDate: b.Period.Return.String(),
		Total: toMoney(b.Total), Status: string(b.Status), Version: b.Version,
		CreatedAt: b.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: b.UpdatedAt.UTC().Format(time.RFC3339Nano),
		Car: carSummaryAttr{ID: b.Car.ID, Make: b.Car.Make, Model: b.Car.Model, CarType: string(b.Car.Type),
			Seats: b.Car.Seats, Transmission: string(b.Car.Transmission), ImageKey: b.Car.ImageKey}}
	if !b.ReturnedOn.IsZero() {
		i.ReturnedOn = b.ReturnedOn.String()
	}
	if b.Status != rental.Cancelled {
		i.GSI2PK, i.GSI2SK = bookingGSI2PK(b.LocationID), bookingGSI2SK(b)
	}
	return i
}

func (i bookingItem) domain() (rental.Booking, error) {
	p, err1 := rental.ParseDate(i.PickupDate)
	r, err2 := rental.ParseDate(i.ReturnDate)
	c, err3 := time.Parse(time.RFC3339Nano, i.CreatedAt)
	u, err4 := time.Parse(time.RFC3339Nano, i.UpdatedAt)
	var back rental.Date
	var err5 error
	if i.ReturnedOn != "" {
		back, err5 = rental.ParseDate(i.ReturnedOn)
	}
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			return rental.Booking{}, fmt.Errorf("booking %s: %w", i.ID, err)
		}
	}
	return rental.Booking{ID: i.ID, UserID: i.UserID, Email: i.Email, CarID: i.CarID, LocationID: i.LocationID,
		Period: rental.Period{Pickup: p, Return: r}, Total: i.Total.domain(), Status: rental.BookingStatus(i.Status),
		ReturnedOn: back, Version: i.Version, CreatedAt: c, UpdatedAt: u,
		Car: rental.CarSummary{ID: i.Car.ID, Make: i.Car.Make, Model: i.Car.Model, Type: rental.CarType(i.Car.CarType),
			Seats: i.Car.Seats, Transmission: rental.Transmission(i.Car.Transmission), ImageKey: i.Car.ImageKey}}, nil
}

func bookingFrom(av map[string]types.AttributeValue) (rental.Booking, error) {
	var i bookingItem
	if err := attributevalue.UnmarshalMap(av, &i); err != nil {
		return rental.Booking{}, err
	}
	return i.domain()
}
