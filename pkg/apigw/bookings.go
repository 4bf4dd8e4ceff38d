package apigw

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// The /bookings routes sit behind API Gateway's Cognito authorizer, and
// each is about the caller's own bookings: another user's booking is not
// found, exactly like one that does not exist.

// CreateBooking serves POST /bookings (Cognito): body
// {"carId","pickupDate","returnDate","locationId"?}, optional
// Idempotency-Key. 201 the booking, with Location /bookings/{id} and ETag;
// a retry with the same key and body answers 201 with the first booking.
// Errors: 400, 401, 404 (car), 409 car_unavailable, 413, 415, 422
// idempotency_conflict, 500, 503.
func (a *API) CreateBooking(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "create-booking", a.createBooking)
}

func (a *API) createBooking(ctx context.Context, c *call) (reply, error) {
	user, err := signedIn(c)
	if err != nil {
		return reply{}, err
	}
	r := createBookingRequest{IdempotencyKey: c.header("Idempotency-Key")}
	if err := c.decodeBody(a.maxBody, &r.Body); err != nil {
		return reply{}, err
	}
	if err := check(c, &r); err != nil {
		return reply{}, err
	}
	req := r.Body.domain()
	req.Email = c.claim("email") // where the confirmation goes (pkg/notify)
	b, err := a.svc.CreateBooking(ctx, user, req, deref(r.IdempotencyKey))
	if err != nil {
		return reply{}, err
	}
	out := a.bookingReply(http.StatusCreated, b)
	out.header["Location"] = "/bookings/" + b.ID
	return out, nil
}

// ListBookings serves GET /bookings?status=&limit=&cursor= (Cognito): 200
// {"bookings":[...],"nextCursor"?}, the caller's own, newest first.
// Errors: 400, 401, 500, 503.
func (a *API) ListBookings(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "list-bookings", a.listBookings)
}

func (a *API) listBookings(ctx context.Context, c *call) (reply, error) {
	user, err := signedIn(c)
	if err != nil {
		return reply{}, err
	}
	q := listBookingsQuery{Status: c.query("status"), Page: readPage(c)}
	if err := check(c, &q); err != nil {
		return reply{}, err
	}
	page, err := a.svc.ListBookings(ctx, user, q.domain())
	if err != nil {
		return reply{}, err
	}
	out := bookingList{Bookings: make([]bookingJSON, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, b := range page.Items {
		out.Bookings = append(out.Bookings, a.toBookingJSON(b))
	}
	return ok(out), nil
}

// GetBooking serves GET /bookings/{bookingId} (Cognito): 200 the booking,
// with its version as ETag. Errors: 401, 404, 500, 503.
func (a *API) GetBooking(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "get-booking", a.getBooking)
}

func (a *API) getBooking(ctx context.Context, c *call) (reply, error) {
	user, id, err := ownBooking(c)
	if err != nil {
		return reply{}, err
	}
	b, err := a.svc.GetBooking(ctx, user, id)
	if err != nil {
		return reply{}, err
	}
	return a.bookingReply(http.StatusOK, b), nil
}

// signedIn is the caller, or unauthorized. API Gateway's authorizer lets no
// request without a valid token through to a protected route, so this
// answers a misconfigured route or a hand-made event, without a panic.
func signedIn(c *call) (string, error) {
	if user := c.caller(); user != "" {
		return user, nil
	}
	return "", rental.Errorf(rental.CodeUnauthorized, "sign in first")
}

// ownBooking is the caller and the bookingId of the path; a malformed id is
// not found.
func ownBooking(c *call) (user, id string, err error) {
	if user, err = signedIn(c); err != nil {
		return "", "", err
	}
	id, valid := c.pathID("bookingId")
	if !valid {
		return "", "", malformedID("booking", "bookingId")
	}
	return user, id, nil
}

// bookingReply answers b with status and its ETag.
func (a *API) bookingReply(status int, b rental.Booking) reply {
	return reply{status: status, body: a.toBookingJSON(b), header: map[string]string{"ETag": etag(b.Version)}}
}
