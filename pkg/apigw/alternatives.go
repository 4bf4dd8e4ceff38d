package apigw

import (
	"context"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// alternativesQuery is GET /alternatives?locationId=&type=&pickupDate=&returnDate=:
// both dates required.
type alternativesQuery struct {
	LocationID *string `query:"locationId" validate:"required,id"`
	Type       *string `query:"type" validate:"omitnil,cartype"`
	PickupDate *string `query:"pickupDate" validate:"required,date"`
	ReturnDate *string `query:"returnDate" validate:"required,date"`
}

func (q alternativesQuery) domain() rental.AlternativesQuery {
	return rental.AlternativesQuery{LocationID: *q.LocationID, Type: rental.CarType(deref(q.Type)),
		Period: rental.Period{Pickup: rental.MustDate(*q.PickupDate), Return: rental.MustDate(*q.ReturnDate)}}
}

// alternativesJSON is the contract's Alternatives.
type alternativesJSON struct {
	Free        []carJSON  `json:"free"`
	OtherTypes  []carJSON  `json:"otherTypes"`
	LaterDates  *laterJSON `json:"laterDates,omitempty"`
	TypeInFleet bool       `json:"typeInFleet"`
}

type laterJSON struct {
	PickupDate string  `json:"pickupDate"`
	ReturnDate string  `json:"returnDate"`
	Car        carJSON `json:"car"`
}

// GetAlternatives serves GET /alternatives (public): 200 the free cars of
// the type for the period, and when there are none the other types' cheapest
// and the nearest later dates (rental.Service.Alternatives). Errors: 400
// validation_failed (a parameter, a booking rule, an unknown location), 500,
// 503.
func (a *API) GetAlternatives(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "get-alternatives", a.getAlternatives)
}

func (a *API) getAlternatives(ctx context.Context, c *call) (reply, error) {
	q := alternativesQuery{LocationID: c.query("locationId"), Type: c.query("type"),
		PickupDate: c.query("pickupDate"), ReturnDate: c.query("returnDate")}
	if err := check(c, &q); err != nil {
		return reply{}, err
	}
	alt, err := a.svc.Alternatives(ctx, q.domain())
	if err != nil {
		return reply{}, err
	}
	out := alternativesJSON{Free: a.toCarsJSON(alt.Free), OtherTypes: a.toCarsJSON(alt.OtherTypes),
		TypeInFleet: len(alt.OfType) > 0}
	if l := alt.Later; l != nil {
		out.LaterDates = &laterJSON{PickupDate: l.Period.Pickup.String(), ReturnDate: l.Period.Return.String(),
			Car: a.toCarJSON(l.Offer)}
	}
	return ok(out), nil
}

// toCarsJSON converts offers; never nil, so an empty list is [].
func (a *API) toCarsJSON(offers []rental.CarOffer) []carJSON {
	out := make([]carJSON, 0, len(offers))
	for _, o := range offers {
		out = append(out, a.toCarJSON(o))
	}
	return out
}
