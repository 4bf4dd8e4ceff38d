package apigw

import "github.com/carrental/backend/pkg/rental"

// The staff's request models (api/openapi.yaml, tag Staff). They check
// presence and JSON types; the Service checks the fleet's rules and names
// the field that breaks one (violations.go).

// createCarBody is the contract's CreateCarRequest.
type createCarBody struct {
	ID           jsonString `json:"id"`
	Make         jsonString `json:"make" validate:"required"`
	Model        jsonString `json:"model" validate:"required"`
	Type         jsonString `json:"type" validate:"required"`
	Seats        jsonInt    `json:"seats" validate:"required"`
	Transmission jsonString `json:"transmission" validate:"required"`
	LocationID   jsonString `json:"locationId" validate:"required,id"`
	DailyRate    jsonInt    `json:"dailyRate" validate:"required"`
}

func (b createCarBody) domain() rental.CarSpec {
	return rental.CarSpec{ID: b.ID.value, Make: b.Make.value, Model: b.Model.value, Type: rental.CarType(b.Type.value),
		Seats: int(b.Seats.value), Transmission: rental.Transmission(b.Transmission.value), LocationID: b.LocationID.value,
		DailyRate: b.DailyRate.value}
}

// updateCarBody is the contract's UpdateCarRequest.
type updateCarBody struct {
	Make         jsonString `json:"make"`
	Model        jsonString `json:"model"`
	Type         jsonString `json:"type"`
	Seats        jsonInt    `json:"seats"`
	Transmission jsonString `json:"transmission"`
	LocationID   jsonString `json:"locationId" validate:"omitnil,id"`
	DailyRate    jsonInt    `json:"dailyRate"`
	PhotoKey     jsonString `json:"photoKey"`
}

func (b updateCarBody) domain() rental.CarChange {
	c := rental.CarChange{Make: b.Make.ptr(), Model: b.Model.ptr(), LocationID: b.LocationID.ptr(),
		DailyRate: b.DailyRate.ptr(), ImageKey: b.PhotoKey.ptr()}
	if b.Type.set {
		t := rental.CarType(b.Type.value)
		c.Type = &t
	}
	if b.Seats.set {
		n := int(b.Seats.value)
		c.Seats = &n
	}
	if b.Transmission.set {
		t := rental.Transmission(b.Transmission.value)
		c.Transmission = &t
	}
	return c
}

// photoUploadBody is the contract's PhotoUploadRequest.
type photoUploadBody struct {
	ContentType jsonString `json:"contentType" validate:"required,oneof=image/jpeg image/png image/webp"`
}

// locationBody is the contract's CreateLocationRequest, and its
// UpdateLocationRequest without the id (every property optional there).
type locationBody struct {
	ID       jsonString `json:"id"`
	Name     jsonString `json:"name"`
	City     jsonString `json:"city"`
	Country  jsonString `json:"country"`
	TimeZone jsonString `json:"timeZone"`
	Address  jsonString `json:"address"`
	Currency jsonString `json:"currency"`
}

func (b locationBody) spec() rental.LocationSpec {
	return rental.LocationSpec{ID: b.ID.value, Name: b.Name.value, City: b.City.value, Country: b.Country.value,
		TimeZone: b.TimeZone.value, Address: b.Address.value, Currency: b.Currency.value}
}

func (b locationBody) change() rental.LocationChange {
	return rental.LocationChange{Name: b.Name.ptr(), City: b.City.ptr(), Country: b.Country.ptr(), TimeZone: b.TimeZone.ptr(),
		Address: b.Address.ptr(), Currency: b.Currency.ptr()}
}

// deskQuery is GET /admin/desk?locationId=&date=.
type deskQuery struct {
	LocationID *string `query:"locationId" validate:"required,id"`
	Date       *string `query:"date" validate:"omitnil,date"`
}

// statusRequest is PUT .../status: its body and If-Match.
type statusRequest struct {
	IfMatch *string `header:"If-Match" validate:"omitnil,etag"`
	Body    statusBody
}

// statusBody is the contract's BookingStatusRequest.
type statusBody struct {
	Status     jsonString `json:"status" validate:"required,oneof=PICKED_UP RETURNED NO_SHOW"`
	ReturnedOn jsonString `json:"returnedOn" validate:"omitnil,date"`
}

func (b statusBody) domain() rental.StatusChange {
	return rental.StatusChange{To: rental.BookingStatus(b.Status.value), ReturnedOn: optDate(b.ReturnedOn)}
}
