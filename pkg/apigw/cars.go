package apigw

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
)

// ListCars serves GET /cars?locationId=&type=&pickupDate=&returnDate=&seats=&transmission=&sort=&limit=&cursor=
// (public): 200 {"cars":[...],"nextCursor"?}, full pages. With both dates,
// only cars free for the whole period, each with its quote; sort=price
// orders by daily rate. Errors: 400 validation_failed (a parameter, a
// booking rule, an unknown location, a cursor of another query), 500, 503.
func (a *API) ListCars(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "list-cars", a.listCars)
}

func (a *API) listCars(ctx context.Context, c *call) (reply, error) {
	q := listCarsQuery{LocationID: c.query("locationId"), Type: c.query("type"), Seats: c.query("seats"),
		Transmission: c.query("transmission"), Sort: c.query("sort"), Period: readPeriod(c), Page: readPage(c)}
	if err := check(c, &q); err != nil {
		return reply{}, err
	}
	page, err := a.svc.ListCars(ctx, q.domain())
	if err != nil {
		return reply{}, err
	}
	out := carList{Cars: make([]carJSON, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, o := range page.Items {
		out.Cars = append(out.Cars, a.toCarJSON(o))
	}
	return ok(out), nil
}

// GetCar serves GET /cars/{carId}?pickupDate=&returnDate= (public): 200 the
// car; with both dates also its quote and whether it is available. Errors:
// 400 (dates), 404 not_found (also for an id that cannot exist), 500, 503.
func (a *API) GetCar(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "get-car", a.getCar)
}

func (a *API) getCar(ctx context.Context, c *call) (reply, error) {
	id, valid := c.pathID("carId")
	if !valid {
		return reply{}, malformedID("car", "carId")
	}
	q := getCarQuery{Period: readPeriod(c)}
	if err := check(c, &q); err != nil {
		return reply{}, err
	}
	offer, err := a.svc.GetCar(ctx, id, q.Period.period())
	if err != nil {
		return reply{}, err
	}
	return ok(a.toCarJSON(offer)), nil
}

func readPeriod(c *call) periodQuery {
	return periodQuery{PickupDate: c.query("pickupDate"), ReturnDate: c.query("returnDate")}
}

func readPage(c *call) pageQuery {
	return pageQuery{Limit: c.query("limit"), Cursor: c.query("cursor")}
}
