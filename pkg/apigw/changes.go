package apigw

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
)

// UpdateBooking serves PATCH /bookings/{bookingId} (Cognito): body with any
// of {"carId","pickupDate","returnDate"}, optional If-Match with the ETag
// the client saw. 200 the changed booking with its new ETag. Errors: 400
// (also a malformed If-Match), 401, 404, 409 car_unavailable /
// booking_cancelled / booking_started, 412 version_mismatch, 413, 415, 500,
// 503.
func (a *API) UpdateBooking(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "update-booking", a.updateBooking)
}

func (a *API) updateBooking(ctx context.Context, c *call) (reply, error) {
	user, id, err := ownBooking(c)
	if err != nil {
		return reply{}, err
	}
	r := updateBookingRequest{IfMatch: c.header("If-Match")}
	if err := c.decodeBody(a.maxBody, &r.Body); err != nil {
		return reply{}, err
	}
	if err := check(c, &r); err != nil {
		return reply{}, err
	}
	b, err := a.svc.UpdateBooking(ctx, user, id, r.Body.domain(), r.expectedVersion())
	if err != nil {
		return reply{}, err
	}
	return a.bookingReply(http.StatusOK, b), nil
}

// CancelBooking serves DELETE /bookings/{bookingId} (Cognito), optional
// If-Match with the ETag the client saw: 200 the booking, now CANCELLED,
// with its ETag; cancelling it again answers the same. Errors: 400 (a
// malformed If-Match), 401, 404, 409 booking_started, 412
// version_mismatch, 500, 503.
func (a *API) CancelBooking(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "cancel-booking", a.cancelBooking)
}

func (a *API) cancelBooking(ctx context.Context, c *call) (reply, error) {
	user, id, err := ownBooking(c)
	if err != nil {
		return reply{}, err
	}
	r := cancelBookingRequest{IfMatch: c.header("If-Match")}
	if err := check(c, &r); err != nil {
		return reply{}, err
	}
	b, err := a.svc.CancelBooking(ctx, user, id, ifMatchVersion(r.IfMatch))
	if err != nil {
		return reply{}, err
	}
	return a.bookingReply(http.StatusOK, b), nil
}
