package rental

import "fmt"

// Location is a rental station. TimeZone is an IANA zone name
// ("Europe/Berlin"): every date of a rental there is a day in that zone.
// Its cars' daily rates are in Currency (ISO 4217, one of Currencies).
type Location struct {
	ID       string
	Name     string
	City     string
	Country  string // ISO 3166-1 alpha-2
	TimeZone string
	Address  string
	Currency string
}

// CarType is a rental car class.
type CarType string

// The car types of the fleet.
const (
	Economy CarType = "economy"
	Compact CarType = "compact"
	Midsize CarType = "midsize"
	SUV     CarType = "suv"
	Luxury  CarType = "luxury"
	Van     CarType = "van"
)

// CarTypes lists every CarType, cheapest class first.
var CarTypes = []CarType{Economy, Compact, Midsize, SUV, Luxury, Van}

// ParseCarType accepts exactly one of CarTypes.
func ParseCarType(s string) (CarType, error) {
	for _, t := range CarTypes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("%q is not a car type", s)
}

// Transmission is a car's gearbox.
type Transmission string

// The transmissions of the fleet.
const (
	Automatic Transmission = "automatic"
	Manual    Transmission = "manual"
)

// Car is one rentable vehicle. It stands at one location and owns its
// Availability: the days for which it is booked. The store guards each
// month of it against concurrent writers (optimistic concurrency, month by
// month, so that bookings of one car in different months never fight).
type Car struct {
	ID           string
	Make         string
	Model        string
	Type         CarType
	Seats        int
	Transmission Transmission
	LocationID   string
	DailyRate    Money
	ImageKey     string // the photo's key below the image CDN, e.g. "cars/c-001.svg"
	Availability Availability
	// Retired cars are out of the fleet: no search lists them, no booking
	// may take them; their bookings keep their summary.
	Retired bool
	// FleetVersion counts staff's changes of the car (not its bookings):
	// Store.SaveCarDetails writes only over the version it was read at.
	FleetVersion int64
}

// Summary is the part of the car that a booking shows.
func (c Car) Summary() CarSummary {
	return CarSummary{ID: c.ID, Make: c.Make, Model: c.Model, Type: c.Type, Seats: c.Seats,
		Transmission: c.Transmission, ImageKey: c.ImageKey}
}

// CarSummary is a car as a booking remembers it.
type CarSummary struct {
	ID           string
	Make         string
	Model        string
	Type         CarType
	Seats        int
	Transmission Transmission
	ImageKey     string
}
