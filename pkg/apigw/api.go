package apigw

import (
	"context"
	"log/slog"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// Handler is a Lambda handler of an API Gateway REST proxy integration. The
// handlers of this package always return a nil error and a response fit for
// the client, errors included.
type Handler func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)

// DefaultMaxBodyBytes is the body size limit when Options.MaxBodyBytes is 0.
// Our bodies are a few hundred bytes; API Gateway's own limit is 10 MB.
const DefaultMaxBodyBytes = 64 << 10

// Options configures an API.
type Options struct {
	// AllowedOrigins are the web origins that CORS lets read responses,
	// e.g. "https://cars.example.com"; "*" allows any origin. Empty allows
	// none (same-origin callers and non-browser clients do not need CORS).
	AllowedOrigins []string
	// ImageBaseURL prefixes car photo keys: a car's imageUrl is
	// ImageBaseURL + "/" + its image key. No trailing slash.
	ImageBaseURL string
	// MaxBodyBytes limits request bodies (after base64 decoding), in bytes;
	// 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int
	// Logger receives the panic of a handler called outside
	// lambdalog.Wrap (which otherwise puts it on the invocation's line);
	// nil means slog.Default(). Wrap the handlers with lambdalog.Wrap and
	// Outcome for the one line per request.
	Logger *slog.Logger
}

// API serves the REST routes of api/openapi.yaml on a rental Service. It is
// safe for concurrent use; build one per Lambda container, before
// lambda.Start.
type API struct {
	svc     *rental.Service
	images  string
	maxBody int
	log     *slog.Logger
	cors    corsPolicy
}

// New is an API on svc.
func New(svc *rental.Service, opts Options) *API {
	a := &API{svc: svc, images: strings.TrimRight(opts.ImageBaseURL, "/"), maxBody: opts.MaxBodyBytes,
		log: opts.Logger, cors: newCORSPolicy(opts.AllowedOrigins)}
	if a.maxBody <= 0 {
		a.maxBody = DefaultMaxBodyBytes
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	return a
}

// Handlers maps the name of each REST function's folder under functions/
// (the name the template's function is built from, see pkg/lambdafn)
// to its handler. The local stack serves template routes through it.
func (a *API) Handlers() map[string]Handler {
	return map[string]Handler{
		"list-locations": a.ListLocations,
		"list-cars":      a.ListCars,
		"get-car":        a.GetCar,
		"create-booking": a.CreateBooking,
		"list-bookings":  a.ListBookings,
		"get-booking":    a.GetBooking,
		"update-booking": a.UpdateBooking,
		"cancel-booking": a.CancelBooking,
	}
}
