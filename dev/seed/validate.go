package seed

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

var (
	// An id appears in URLs (/cars/ber-001) and S3 keys: lower-case letters,
	// digits and inner hyphens, at most 32.
	idPattern       = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$`)
	countryPattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
	colorPattern    = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// maxSeats: a 15-seat minibus is the largest vehicle that a car licence
// covers in most countries.
const maxSeats = 15

// validate returns every problem of ff, joined; nil when there is none.
func validate(ff fileFleet) error {
	var errs []error
	bad := func(where, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
	}

	currency := map[string]string{} // location id -> currency
	for i, l := range ff.Locations {
		where := fmt.Sprintf("locations[%d] %s", i, l.ID)
		if !idPattern.MatchString(l.ID) {
			bad(where, "id %q: want lower-case letters, digits and inner hyphens, at most 32", l.ID)
		}
		if _, dup := currency[l.ID]; dup {
			bad(where, "id %q appears twice", l.ID)
		}
		currency[l.ID] = l.Currency
		if l.Name == "" || l.City == "" || l.Address == "" {
			bad(where, "name, city and address are required")
		}
		if !countryPattern.MatchString(l.Country) {
			bad(where, "country %q: want an ISO 3166-1 alpha-2 code such as DE", l.Country)
		}
		// LoadLocation takes "" and "Local" too; neither is a place.
		if _, err := time.LoadLocation(l.TimeZone); err != nil || l.TimeZone == "" || l.TimeZone == "Local" {
			bad(where, "time zone %q: want an IANA name such as Europe/Berlin", l.TimeZone)
		}
		if !currencyPattern.MatchString(l.Currency) {
			bad(where, "currency %q: want an ISO 4217 code such as EUR", l.Currency)
		}
	}

	seen := map[string]bool{}
	for i, c := range ff.Cars {
		where := fmt.Sprintf("cars[%d] %s", i, c.ID)
		if !idPattern.MatchString(c.ID) {
			bad(where, "id %q: want lower-case letters, digits and inner hyphens, at most 32", c.ID)
		}
		if seen[c.ID] {
			bad(where, "id %q appears twice", c.ID)
		}
		seen[c.ID] = true
		if c.Make == "" || c.Model == "" {
			bad(where, "make and model are required")
		}
		if _, err := rental.ParseCarType(c.Type); err != nil {
			bad(where, "type: %v", err)
		}
		if t := rental.Transmission(c.Transmission); t != rental.Automatic && t != rental.Manual {
			bad(where, "transmission %q: want %s or %s", c.Transmission, rental.Automatic, rental.Manual)
		}
		if c.Seats < 1 || c.Seats > maxSeats {
			bad(where, "seats %d: want 1 to %d", c.Seats, maxSeats)
		}
		if c.DailyRate.Amount <= 0 {
			bad(where, "daily rate %d: want a positive amount in minor units", c.DailyRate.Amount)
		}
		if cur, ok := currency[c.LocationID]; !ok {
			bad(where, "location %q is not in the file", c.LocationID)
		} else if c.DailyRate.Currency != cur {
			bad(where, "daily rate in %q: location %s charges in %s", c.DailyRate.Currency, c.LocationID, cur)
		}
		if !colorPattern.MatchString(c.Color) {
			bad(where, "color %q: want #rrggbb", c.Color)
		}
	}
	return errors.Join(errs...)
}
