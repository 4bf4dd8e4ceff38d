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
	var p problems
	currency := map[string]string{} // location id -> currency
	for i, l := range ff.Locations {
		where := fmt.Sprintf("locations[%d] %s", i, l.ID)
		p.checkID(where, l.ID)
		if _, dup := currency[l.ID]; dup {
			p.add(where, "id %q appears twice", l.ID)
		}
		currency[l.ID] = l.Currency
		p.checkLocation(where, l)
	}
	seen := map[string]bool{}
	for i, c := range ff.Cars {
		where := fmt.Sprintf("cars[%d] %s", i, c.ID)
		p.checkID(where, c.ID)
		if seen[c.ID] {
			p.add(where, "id %q appears twice", c.ID)
		}
		seen[c.ID] = true
		p.checkCar(where, c, currency)
	}
	return errors.Join(p...)
}

// problems collects what validate finds, each with where it is.
type problems []error

func (p *problems) add(where, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

// checkID: ids appear in URLs and S3 keys (idPattern).
func (p *problems) checkID(where, id string) {
	if !idPattern.MatchString(id) {
		p.add(where, "id %q: want lower-case letters, digits and inner hyphens, at most 32", id)
	}
}

// checkLocation checks l's fields other than its id.
func (p *problems) checkLocation(where string, l fileLocation) {
	if l.Name == "" || l.City == "" || l.Address == "" {
		p.add(where, "name, city and address are required")
	}
	if !countryPattern.MatchString(l.Country) {
		p.add(where, "country %q: want an ISO 3166-1 alpha-2 code such as DE", l.Country)
	}
	// LoadLocation takes "" and "Local" too; neither is a place.
	if _, err := time.LoadLocation(l.TimeZone); err != nil || l.TimeZone == "" || l.TimeZone == "Local" {
		p.add(where, "time zone %q: want an IANA name such as Europe/Berlin", l.TimeZone)
	}
	if !currencyPattern.MatchString(l.Currency) {
		p.add(where, "currency %q: want an ISO 4217 code such as EUR", l.Currency)
	}
}

// checkCar checks c's fields other than its id; currency maps the file's
// location ids to their currencies.
func (p *problems) checkCar(where string, c fileCar, currency map[string]string) {
	if c.Make == "" || c.Model == "" {
		p.add(where, "make and model are required")
	}
	if _, err := rental.ParseCarType(c.Type); err != nil {
		p.add(where, "type: %v", err)
	}
	if t := rental.Transmission(c.Transmission); t != rental.Automatic && t != rental.Manual {
		p.add(where, "transmission %q: want %s or %s", c.Transmission, rental.Automatic, rental.Manual)
	}
	if c.Seats < 1 || c.Seats > maxSeats {
		p.add(where, "seats %d: want 1 to %d", c.Seats, maxSeats)
	}
	p.checkRate(where, c, currency)
	if !colorPattern.MatchString(c.Color) {
		p.add(where, "color %q: want #rrggbb", c.Color)
	}
}

// checkRate: a positive daily rate in the currency of the car's location,
// which must be in the file.
func (p *problems) checkRate(where string, c fileCar, currency map[string]string) {
	if c.DailyRate.Amount <= 0 {
		p.add(where, "daily rate %d: want a positive amount in minor units", c.DailyRate.Amount)
	}
	if cur, ok := currency[c.LocationID]; !ok {
		p.add(where, "location %q is not in the file", c.LocationID)
	} else if c.DailyRate.Currency != cur {
		p.add(where, "daily rate in %q: location %s charges in %s", c.DailyRate.Currency, c.LocationID, cur)
	}
}
