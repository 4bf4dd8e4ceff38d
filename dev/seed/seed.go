// Package seed loads the sample fleet (seed/fleet.json: locations and cars)
// and puts it into a store, for the local stack and tests. It also draws
// each car's picture (seed/images/cars/<id>.<hash>.svg, see Picture,
// ImageKey and gen/).
//
// The file is JSON with two lists. A location carries the currency of its
// cars' daily rates; a car carries the colour of its picture:
//
//	{"locations": [{"id": "ber", "name": "Berlin Hauptbahnhof", "city": "Berlin",
//	                "country": "DE", "timeZone": "Europe/Berlin",
//	                "address": "Europaplatz 1, 10557 Berlin", "currency": "EUR"}],
//	 "cars": [{"id": "ber-001", "make": "Volkswagen", "model": "Polo",
//	           "type": "economy", "seats": 5, "transmission": "manual",
//	           "locationId": "ber", "dailyRate": {"amount": 3900, "currency": "EUR"},
//	           "color": "#2b6cb0"}]}
//
// Every currency has two minor digits (rental.Money prints amounts that
// way), so the fleet has no yen: JPY has none.
package seed

//go:generate go run ./gen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/carrental/backend/pkg/rental"
)

// Paths below the repository root.
const (
	// FleetFile is the sample fleet.
	FleetFile = "seed/fleet.json"
	// ImagesDir holds the car pictures under their image keys
	// (seed/images/cars/ber-001.1f2e3d4c5b6a.svg, see ImageKey): the local
	// stack serves this folder in place of the CDN, and a deployment copies
	// it to the image bucket as is.
	ImagesDir = "seed/images"
)

// Fleet is a loaded seed file.
type Fleet struct {
	Locations []rental.Location
	Cars      []Car
}

// Car is a rental car with the colour of its picture. Its ImageKey is
// ImageKey(itself); nothing of it is booked.
type Car struct {
	rental.Car
	Color string // "#rrggbb"
}

// ImageKey is the key of c's picture below the image CDN:
// "cars/<id>.<hash>.svg", where hash is the first 12 hex digits of the
// SHA-256 of its bytes (Picture). The key is content-addressed: new bytes
// get a new key, so the photos can be cached for a year and never
// revalidated (webhost.Immutable), and a car item's imageKey never names
// a picture it did not have when it was written.
func ImageKey(c Car) string {
	sum := sha256.Sum256(Picture(c))
	return "cars/" + c.ID + "." + hex.EncodeToString(sum[:6]) + ".svg"
}

// Load reads and validates the seed file at path. The error names the file
// and, joined, every problem found: malformed JSON or an unknown field; a
// duplicate or non-URL-safe id; a missing name, make or model; a country
// that is not two capital letters; a time zone that does not load; a car
// type or transmission that does not exist; seats outside 1 to 15; a car at
// a location that is not in the file; a daily rate that is not positive or
// not in its location's currency; a colour that is not #rrggbb.
func Load(path string) (Fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Fleet{}, fmt.Errorf("seed: %w", err)
	}
	f, err := parse(data)
	if err != nil {
		return Fleet{}, fmt.Errorf("seed: %s: %w", path, err)
	}
	return f, nil
}

// The file's shapes; converted to the domain's by parse.
type (
	fileFleet struct {
		Locations []fileLocation `json:"locations"`
		Cars      []fileCar      `json:"cars"`
	}
	fileLocation struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		City     string `json:"city"`
		Country  string `json:"country"`
		TimeZone string `json:"timeZone"`
		Address  string `json:"address"`
		Currency string `json:"currency"`
	}
	fileCar struct {
		ID           string `json:"id"`
		Make         string `json:"make"`
		Model        string `json:"model"`
		Type         string `json:"type"`
		Seats        int    `json:"seats"`
		Transmission string `json:"transmission"`
		LocationID   string `json:"locationId"`
		DailyRate    struct {
			Amount   int64  `json:"amount"`
			Currency string `json:"currency"`
		} `json:"dailyRate"`
		Color string `json:"color"`
	}
)

func parse(data []byte) (Fleet, error) {
	var ff fileFleet
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a misspelt field would silently be zero
	if err := dec.Decode(&ff); err != nil {
		return Fleet{}, err
	}
	if err := validate(ff); err != nil {
		return Fleet{}, err
	}
	var f Fleet
	for _, l := range ff.Locations {
		f.Locations = append(f.Locations, rental.Location{ID: l.ID, Name: l.Name, City: l.City,
			Country: l.Country, TimeZone: l.TimeZone, Address: l.Address, Currency: l.Currency})
	}
	for _, c := range ff.Cars {
		car := Car{Color: c.Color, Car: rental.Car{
			ID: c.ID, Make: c.Make, Model: c.Model, Type: rental.CarType(c.Type), Seats: c.Seats,
			Transmission: rental.Transmission(c.Transmission), LocationID: c.LocationID,
			DailyRate: rental.Money{Amount: c.DailyRate.Amount, Currency: c.DailyRate.Currency},
		}}
		car.ImageKey = ImageKey(car)
		f.Cars = append(f.Cars, car)
	}
	return f, nil
}
