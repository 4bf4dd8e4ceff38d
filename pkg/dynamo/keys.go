package dynamo

// Key and attribute names of the table (template.yaml, resource Table).
const (
	attrPK     = "PK"
	attrSK     = "SK"
	attrGSI1PK = "GSI1PK"
	attrGSI1SK = "GSI1SK"
	indexGSI1  = "GSI1"

	locationsPK = "LOCATIONS"
	carSK       = "CAR"
)

func locationSK(id string) string         { return "LOC#" + id }
func carPK(id string) string              { return "CAR#" + id }
func carGSI1PK(locationID string) string  { return "LOC#" + locationID }
func carGSI1SK(carType, id string) string { return "TYPE#" + carType + "#" + id }
func carTypePrefix(carType string) string { return "TYPE#" + carType + "#" }
func userPK(sub string) string            { return "USER#" + sub }
func bookingSK(id string) string          { return "BOOKING#" + id }
func idempotencySK(key string) string     { return "IDEM#" + key }

const (
	bookingPrefix = "BOOKING#"
)
