package apigw

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
)

// ListLocations serves GET /locations (public): 200 {"locations":[...]},
// every location in a stable order. Errors: 500 internal, 503 throttled.
func (a *API) ListLocations(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "list-locations", a.listLocations)
}

func (a *API) listLocations(ctx context.Context, _ *call) (reply, error) {
	ls, err := a.svc.ListLocations(ctx)
	if err != nil {
		return reply{}, err
	}
	out := locationList{Locations: make([]locationJSON, 0, len(ls))}
	for _, l := range ls {
		out.Locations = append(out.Locations, toLocationJSON(l))
	}
	return ok(out), nil
}
