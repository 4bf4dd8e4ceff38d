package apigw

import (
	"strconv"

	"github.com/carrental/backend/pkg/rental"
)

// The request models: what the contract lets a client send, as read from
// the body (json tags), the query string (query tags) and headers (header
// tags), with the rules of validate.go. Each converts to the domain's types
// once it has passed check, so the conversions may assume valid values.

// periodQuery is the optional pickupDate and returnDate of GET /cars and
// GET /cars/{carId}: both or neither.
type periodQuery struct {
	PickupDate *string `query:"pickupDate" validate:"required_with=ReturnDate,omitnil,date"`
	ReturnDate *string `query:"returnDate" validate:"required_with=PickupDate,omitnil,date"`
}

// period is nil without dates.
func (q periodQuery) period() *rental.Period {
	if q.PickupDate == nil || q.ReturnDate == nil {
		return nil
	}
	return &rental.Period{Pickup: rental.MustDate(*q.PickupDate), Return: rental.MustDate(*q.ReturnDate)}
}

// pageQuery is limit and cursor of the list routes.
type pageQuery struct {
	Limit  *string `query:"limit" validate:"omitnil,pagesize"`
	Cursor *string `query:"cursor" validate:"omitnil,max=2048"`
}

// limit is 0 (the Service's default page size) when absent.
func (q pageQuery) limit() int {
	if q.Limit == nil {
		return 0
	}
	n, _ := strconv.Atoi(*q.Limit)
	return n
}

func (q pageQuery) cursor() string { return deref(q.Cursor) }

// listCarsQuery is GET /cars?locationId=&type=&pickupDate=&returnDate=&seats=&transmission=&sort=&limit=&cursor=.
type listCarsQuery struct {
	LocationID   *string `query:"locationId" validate:"required,id"`
	Type         *string `query:"type" validate:"omitnil,cartype"`
	Seats        *string `query:"seats" validate:"omitnil,seats"`
	Transmission *string `query:"transmission" validate:"omitnil,oneof=automatic manual"`
	Sort         *string `query:"sort" validate:"omitnil,oneof=price"`
	Period       periodQuery
	Page         pageQuery
}

func (q listCarsQuery) domain() rental.CarQuery {
	out := rental.CarQuery{LocationID: *q.LocationID, Type: rental.CarType(deref(q.Type)),
		Transmission: rental.Transmission(deref(q.Transmission)), Period: q.Period.period(),
		Limit: q.Page.limit(), Cursor: q.Page.cursor()}
	if q.Seats != nil {
		out.MinSeats, _ = strconv.Atoi(*q.Seats)
	}
	if deref(q.Sort) == "price" {
		out.Order = rental.ByPrice
	}
	return out
}

// listBookingsQuery is GET /bookings?status=&limit=&cursor=.
type listBookingsQuery struct {
	Status *string `query:"status" validate:"omitnil,bookingstatus"`
	Page   pageQuery
}

func (q listBookingsQuery) domain() rental.BookingQuery {
	return rental.BookingQuery{Status: rental.BookingStatus(deref(q.Status)), Limit: q.Page.limit(), Cursor: q.Page.cursor()}
}

// createBookingRequest is POST /bookings: its body and Idempotency-Key.
type createBookingRequest struct {
	IdempotencyKey *string `header:"Idempotency-Key" validate:"omitnil,idempotencykey"`
	Body           createBookingBody
}

// createBookingBody is the contract's CreateBookingRequest.
type createBookingBody struct {
	CarID      jsonString `json:"carId" validate:"required,id"`
	PickupDate jsonString `json:"pickupDate" validate:"required,date"`
	ReturnDate jsonString `json:"returnDate" validate:"required,date"`
	LocationID jsonString `json:"locationId" validate:"omitnil,id"`
}

func (b createBookingBody) domain() rental.BookingRequest {
	return rental.BookingRequest{CarID: b.CarID.value, LocationID: b.LocationID.value, Period: rental.Period{
		Pickup: rental.MustDate(b.PickupDate.value), Return: rental.MustDate(b.ReturnDate.value)}}
}

// updateBookingRequest is PATCH /bookings/{bookingId}: its body and If-Match.
type updateBookingRequest struct {
	IfMatch *string `header:"If-Match" validate:"omitnil,etag"`
	Body    updateBookingBody
}

// expectedVersion is the version If-Match names; nil without one (or *).
func (r updateBookingRequest) expectedVersion() *int64 { return ifMatchVersion(r.IfMatch) }

// cancelBookingRequest is what DELETE /bookings/{bookingId} reads besides
// the path: the optional If-Match.
type cancelBookingRequest struct {
	IfMatch *string `header:"If-Match" validate:"omitnil,etag"`
}

// ifMatchVersion is the version an If-Match header names; nil without one
// (or for *). The header has passed validation (tag etag) before.
func ifMatchVersion(h *string) *int64 {
	if h == nil {
		return nil
	}
	v, _ := parseIfMatch(*h)
	return v
}

// updateBookingBody is the contract's UpdateBookingRequest: the properties
// to change. An empty object passes here; the Service rejects it, saying
// what may change.
type updateBookingBody struct {
	CarID      jsonString `json:"carId" validate:"omitnil,id"`
	PickupDate jsonString `json:"pickupDate" validate:"omitnil,date"`
	ReturnDate jsonString `json:"returnDate" validate:"omitnil,date"`
}

func (b updateBookingBody) domain() rental.BookingChange {
	return rental.BookingChange{CarID: b.CarID.ptr(), Pickup: optDate(b.PickupDate), Return: optDate(b.ReturnDate)}
}

func optDate(s jsonString) *rental.Date {
	if !s.set {
		return nil
	}
	d := rental.MustDate(s.value)
	return &d
}

// getCarQuery is GET /cars/{carId}?pickupDate=&returnDate=.
type getCarQuery struct {
	Period periodQuery
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
