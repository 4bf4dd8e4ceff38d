package dynamo

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/carrental/backend/pkg/rental"
)

// Key and attribute names of the table (template.yaml, resource Table).
const (
	attrPK     = "PK"
	attrSK     = "SK"
	attrGSI1PK = "GSI1PK"
	attrGSI1SK = "GSI1SK"
	indexGSI1  = "GSI1"
	attrGSI2PK = "GSI2PK"
	attrGSI2SK = "GSI2SK"
	indexGSI2  = "GSI2"

	locationsPK = "LOCATIONS"
	carSK       = "CAR"
	accountSK   = "ACCOUNT"

	bookingPrefix = "BOOKING#"
)

func locationSK(id string) string  { return "LOC#" + id }
func carPK(id string) string       { return "CAR#" + id }
func userPK(sub string) string     { return "USER#" + sub }
func bookingSK(id string) string   { return bookingPrefix + id }
func legacyIdemSK(k string) string { return "IDEM#" + k }

// bookingGSI2PK is the desk's partition of a location's bookings; its
// sort key, bookingGSI2SK, orders them by pick-up day:
// "<pick-up>#<return>#<id>".
func bookingGSI2PK(locationID string) string { return "DESK#" + locationID }
func bookingGSI2SK(b rental.Booking) string {
	return b.Period.Pickup.String() + "#" + b.Period.Return.String() + "#" + b.ID
}

// carGSI1PK is the search partition of a location's cars. Its sort key,
// carGSI1SK, orders them by type (CarTypes order), then daily rate, then
// id: "<type index>#<rate, 12 digits>#<id>", so that a search in the
// default order is one Query of one partition, a search of one type one
// key range of it, and sort=price a merge of the types' ranges. The rate
// has 12 digits so that text order is number order below 10^12 minor
// units.
func carGSI1PK(locationID string) string { return "LOC#" + locationID }

func carGSI1SK(t rental.CarType, rate int64, id string) string {
	return typePrefix(t) + fmt.Sprintf("%012d#%s", rate, id)
}

// typePrefix is the start of the sort keys of type t's cars: "<index>#".
func typePrefix(t rental.CarType) string {
	return strconv.Itoa(slices.Index(rental.CarTypes, t)) + "#"
}

// isRateKey reports whether k has the shape of a sort key within a type's
// range, "<rate, 12 digits>#<id>"; with typed, of a whole sort key,
// "<type index>#" before it.
func isRateKey(k string, typed bool) bool {
	if typed {
		if len(k) < 2 || k[0] < '0' || int(k[0]-'0') >= len(rental.CarTypes) || k[1] != '#' {
			return false
		}
		k = k[2:]
	}
	if len(k) < 14 || k[12] != '#' {
		return false
	}
	for _, r := range k[:12] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// monthAttr names the car attribute holding month m's availability mask:
// "m202703" for March 2027.
func monthAttr(m rental.Month) string {
	return fmt.Sprintf("m%04d%02d", m.Year(), int(m.Number()))
}

// parseMonthAttr reads a monthAttr name; ok is false for any other name.
func parseMonthAttr(name string) (rental.Month, bool) {
	if len(name) != 7 || name[0] != 'm' {
		return 0, false
	}
	n, err := strconv.Atoi(name[1:])
	if err != nil || n%100 < 1 || n%100 > 12 {
		return 0, false
	}
	return rental.Month((n/100)*12 + n%100 - 1), true
}
