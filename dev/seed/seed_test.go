package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/rental"
)

// fleetFile loads the repository's seed file.
func fleetFile(t *testing.T) Fleet {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load(filepath.Join(root, FleetFile))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestSampleFleet holds the sample fleet to what the local stack promises:
// at least 6 locations in at least 3 time zones, at least 48 cars, every car
// type at several locations.
func TestSampleFleet(t *testing.T) {
	f := fleetFile(t)
	zones := map[string]bool{}
	for _, l := range f.Locations {
		zones[l.TimeZone] = true
	}
	if len(f.Locations) < 6 || len(zones) < 3 {
		t.Errorf("%d locations in %d time zones, want at least 6 in 3", len(f.Locations), len(zones))
	}
	if len(f.Cars) < 48 {
		t.Errorf("%d cars, want at least 48", len(f.Cars))
	}
	where := map[rental.CarType]map[string]bool{}
	for _, c := range f.Cars {
		if where[c.Type] == nil {
			where[c.Type] = map[string]bool{}
		}
		where[c.Type][c.LocationID] = true
		if c.ImageKey != ImageKey(c) {
			t.Errorf("car %s: image key %q, want %q", c.ID, c.ImageKey, ImageKey(c))
		}
	}
	for _, typ := range rental.CarTypes {
		if len(where[typ]) < 3 {
			t.Errorf("type %s at %d locations, want at least 3", typ, len(where[typ]))
		}
	}
}

func TestLoadParses(t *testing.T) {
	f, err := parse([]byte(`{
  "locations": [{"id": "akl", "name": "Auckland Airport", "city": "Auckland", "country": "NZ",
                 "timeZone": "Pacific/Auckland", "address": "4 Leonard Isitt Dr", "currency": "NZD"}],
  "cars": [{"id": "akl-001", "make": "Suzuki", "model": "Swift", "type": "economy", "seats": 5,
            "transmission": "automatic", "locationId": "akl",
            "dailyRate": {"amount": 4500, "currency": "NZD"}, "color": "#d53f8c"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Car{Color: "#d53f8c", Car: rental.Car{ID: "akl-001", Make: "Suzuki", Model: "Swift", Type: rental.Economy,
		Seats: 5, Transmission: rental.Automatic, LocationID: "akl",
		DailyRate: rental.Money{Amount: 4500, Currency: "NZD"}}}
	want.ImageKey = ImageKey(want)
	if len(f.Cars) != 1 || f.Cars[0].ID != want.ID || f.Cars[0].DailyRate != want.DailyRate ||
		f.Cars[0].ImageKey != want.ImageKey || f.Cars[0].Color != want.Color || f.Cars[0].Type != want.Type {
		t.Errorf("cars = %+v, want [%+v]", f.Cars, want)
	}
	if len(f.Locations) != 1 || f.Locations[0].TimeZone != "Pacific/Auckland" || f.Locations[0].Country != "NZ" {
		t.Errorf("locations = %+v", f.Locations)
	}
	if _, err := time.LoadLocation(f.Locations[0].TimeZone); err != nil {
		t.Error(err)
	}
}

// TestLoadRejects: each broken file fails with a message that names the
// item and the problem; one file with many problems reports them all.
func TestLoadRejects(t *testing.T) {
	const loc = `{"id": "ber", "name": "B", "city": "Berlin", "country": "DE", "timeZone": "Europe/Berlin", "address": "A", "currency": "EUR"}`
	const car = `{"id": "ber-001", "make": "VW", "model": "Polo", "type": "economy", "seats": 5, "transmission": "manual",
		"locationId": "ber", "dailyRate": {"amount": 3900, "currency": "EUR"}, "color": "#2b6cb0"}`
	cars := func(old, new string) string {
		return `{"locations": [` + loc + `], "cars": [` + strings.Replace(car, old, new, 1) + `]}`
	}
	for name, tc := range map[string]struct{ file, want string }{
		"unknown field":  {`{"locations": [], "cars": [], "vans": []}`, `unknown field "vans"`},
		"not json":       {`locations:`, "invalid character"},
		"bad zone":       {`{"locations": [` + strings.Replace(loc, "Europe/Berlin", "Europe/Atlantis", 1) + `]}`, `time zone "Europe/Atlantis"`},
		"local zone":     {`{"locations": [` + strings.Replace(loc, "Europe/Berlin", "Local", 1) + `]}`, `time zone "Local"`},
		"bad country":    {`{"locations": [` + strings.Replace(loc, `"DE"`, `"Germany"`, 1) + `]}`, `country "Germany"`},
		"duplicate loc":  {`{"locations": [` + loc + `,` + loc + `]}`, `id "ber" appears twice`},
		"unsafe id":      {cars(`"ber-001"`, `"Ber 1"`), `id "Ber 1"`},
		"duplicate car":  {`{"locations": [` + loc + `], "cars": [` + car + `,` + car + `]}`, `cars[1] ber-001: id "ber-001" appears twice`},
		"unknown type":   {cars("economy", "limo"), `"limo" is not a car type`},
		"unknown gear":   {cars(`"manual"`, `"cvt"`), `transmission "cvt"`},
		"no seats":       {cars(`"seats": 5`, `"seats": 0`), "seats 0"},
		"free car":       {cars(`"amount": 3900`, `"amount": 0`), "daily rate 0"},
		"wrong currency": {cars(`"currency": "EUR"`, `"currency": "USD"`), `location ber charges in EUR`},
		"no location":    {`{"locations": [], "cars": [` + car + `]}`, `location "ber" is not in the file`},
		"bad colour":     {cars("#2b6cb0", "blue"), `color "blue"`},
		"no model":       {cars(`"Polo"`, `""`), "make and model are required"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fleet.json")
			if err := os.WriteFile(path, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Load error = %v, want one naming %s and containing %q", err, path, tc.want)
			}
		})
	}

	_, err := parse([]byte(`{"locations": [` + strings.Replace(loc, `"DE"`, `"de"`, 1) + `], "cars": [` +
		strings.Replace(strings.Replace(car, `"seats": 5`, `"seats": 99`, 1), "#2b6cb0", "red", 1) + `]}`))
	for _, want := range []string{`country "de"`, "seats 99", `color "red"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want every problem, %q among them", err, want)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.HasPrefix(err.Error(), "seed: ") {
		t.Errorf("Load of a missing file: error = %v", err)
	}
}

// TestImageKeyIsContentAddressed: the key is cars/<id>.<the first 12 hex
// digits of the picture's SHA-256>.svg; another colour (other bytes) is
// another key, the same car the same key.
func TestImageKeyIsContentAddressed(t *testing.T) {
	c := Car{Color: "#2b6cb0", Car: rental.Car{ID: "ber-001", Make: "Volkswagen", Model: "Polo", Type: rental.Economy}}
	key := ImageKey(c)
	sum := sha256.Sum256(Picture(c))
	if want := "cars/ber-001." + hex.EncodeToString(sum[:])[:12] + ".svg"; key != want {
		t.Errorf("ImageKey = %q, want %q", key, want)
	}
	if again := ImageKey(c); again != key {
		t.Errorf("the same car: %q, then %q", key, again)
	}
	c.Color = "#c53030"
	if other := ImageKey(c); other == key || !strings.HasPrefix(other, "cars/ber-001.") {
		t.Errorf("another colour: %q (was %q)", other, key)
	}
}
