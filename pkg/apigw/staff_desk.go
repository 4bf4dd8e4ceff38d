package apigw

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// GetDesk serves GET /admin/desk?locationId=&date= (staff): 200 the
// location's pick-ups and returns of the day. Errors: 400, 401, 403, 500,
// 503.
func (a *API) GetDesk(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "get-desk", a.getDesk)
}

func (a *API) getDesk(ctx context.Context, c *call) (reply, error) {
	if err := staffOnly(c); err != nil {
		return reply{}, err
	}
	q := deskQuery{LocationID: c.query("locationId"), Date: c.query("date")}
	if err := check(c, &q); err != nil {
		return reply{}, err
	}
	var day *rental.Date
	if q.Date != nil {
		d := rental.MustDate(*q.Date)
		day = &d
	}
	d, err := a.svc.Desk(ctx, *q.LocationID, day)
	if err != nil {
		return reply{}, err
	}
	out := deskJSON{Location: toLocationJSON(d.Location), Date: d.Day.String(),
		Pickups: make([]deskBookingJSON, 0, len(d.Pickups)), Returns: make([]deskBookingJSON, 0, len(d.Returns))}
	for _, b := range d.Pickups {
		out.Pickups = append(out.Pickups, a.toDeskBookingJSON(b))
	}
	for _, b := range d.Returns {
		out.Returns = append(out.Returns, a.toDeskBookingJSON(b))
	}
	return ok(out), nil
}

// deskJSON is the contract's Desk.
type deskJSON struct {
	Location locationJSON      `json:"location"`
	Date     string            `json:"date"`
	Pickups  []deskBookingJSON `json:"pickups"`
	Returns  []deskBookingJSON `json:"returns"`
}

// deskBookingJSON is the contract's DeskBooking: a booking and its
// customer.
type deskBookingJSON struct {
	bookingJSON
	CustomerID string `json:"customerId"`
	Email      string `json:"email,omitempty"`
}

func (a *API) toDeskBookingJSON(b rental.Booking) deskBookingJSON {
	return deskBookingJSON{bookingJSON: a.toBookingJSON(b), CustomerID: b.UserID, Email: b.Email}
}

// SetBookingStatus serves PUT
// /admin/customers/{customerId}/bookings/{bookingId}/status (staff): 200
// the booking with its ETag. Errors: 400, 401, 403, 404, 409
// invalid_transition, 412, 413, 415, 500, 503.
func (a *API) SetBookingStatus(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "set-booking-status", a.setBookingStatus)
}

func (a *API) setBookingStatus(ctx context.Context, c *call) (reply, error) {
	if err := staffOnly(c); err != nil {
		return reply{}, err
	}
	customer, valid := c.pathID("customerId")
	if !valid {
		return reply{}, malformedID("booking", "customerId")
	}
	id, valid := c.pathID("bookingId")
	if !valid {
		return reply{}, malformedID("booking", "bookingId")
	}
	r := statusRequest{IfMatch: c.header("If-Match")}
	if err := c.decodeBody(a.maxBody, &r.Body); err != nil {
		return reply{}, err
	}
	if err := check(c, &r); err != nil {
		return reply{}, err
	}
	b, err := a.svc.SetBookingStatus(ctx, customer, id, r.Body.domain(), ifMatchVersion(r.IfMatch))
	if err != nil {
		return reply{}, err
	}
	return a.bookingReply(http.StatusOK, b), nil
}
