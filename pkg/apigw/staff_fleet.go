package apigw

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// The staff's fleet routes (api/openapi.yaml, tag Staff). Each answers
// 403 forbidden to anyone but a member of StaffGroup, before anything
// else.

// CreateCar serves POST /admin/cars (staff): 201 the car. Errors: 400,
// 401, 403, 409 already_exists, 413, 415, 500, 503.
func (a *API) CreateCar(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "create-car", a.createCar)
}

func (a *API) createCar(ctx context.Context, c *call) (reply, error) {
	if err := staffOnly(c); err != nil {
		return reply{}, err
	}
	var b createCarBody
	if err := a.decodeChecked(c, &b); err != nil {
		return reply{}, err
	}
	car, err := a.svc.CreateCar(ctx, b.domain())
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: a.toCarJSON(rental.CarOffer{Car: car})}, nil
}

// UpdateCar serves PATCH /admin/cars/{carId} (staff): 200 the car.
// Errors: 400, 401, 403, 404, 409 car_has_bookings, 413, 415, 500, 503.
func (a *API) UpdateCar(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "update-car", a.updateCar)
}

func (a *API) updateCar(ctx context.Context, c *call) (reply, error) {
	id, err := staffCar(c)
	if err != nil {
		return reply{}, err
	}
	var b updateCarBody
	if err := a.decodeChecked(c, &b); err != nil {
		return reply{}, err
	}
	car, err := a.svc.UpdateCar(ctx, id, b.domain())
	if err != nil {
		return reply{}, err
	}
	return ok(a.toCarJSON(rental.CarOffer{Car: car})), nil
}

// RetireCar serves DELETE /admin/cars/{carId} (staff): 200 the car,
// retired. Errors: 401, 403, 404, 409 car_has_bookings, 500, 503.
func (a *API) RetireCar(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "retire-car", a.retireCar)
}

func (a *API) retireCar(ctx context.Context, c *call) (reply, error) {
	id, err := staffCar(c)
	if err != nil {
		return reply{}, err
	}
	car, err := a.svc.RetireCar(ctx, id)
	if err != nil {
		return reply{}, err
	}
	return ok(a.toCarJSON(rental.CarOffer{Car: car})), nil
}

// CreatePhotoUpload serves POST /admin/cars/{carId}/photo (staff): 201 a
// presigned POST of the images bucket. Errors: 400, 401, 403, 404, 413,
// 415, 500, 503.
func (a *API) CreatePhotoUpload(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "create-photo-upload", a.createPhotoUpload)
}

func (a *API) createPhotoUpload(ctx context.Context, c *call) (reply, error) {
	id, err := staffCar(c)
	if err != nil {
		return reply{}, err
	}
	var b photoUploadBody
	if err := a.decodeChecked(c, &b); err != nil {
		return reply{}, err
	}
	if _, err := a.svc.GetCar(ctx, id, nil); err != nil {
		return reply{}, err
	}
	if a.uploads == nil {
		return reply{}, rental.Errorf(rental.CodeUnavailable, "photo uploads are not configured")
	}
	u, err := a.uploads.PresignUpload(ctx, id, b.ContentType.value)
	if err != nil {
		return reply{}, &rental.Error{Code: rental.CodeUnavailable, Message: "could not prepare the upload", Err: err}
	}
	return reply{status: http.StatusCreated, body: photoUploadJSON{URL: u.URL, Fields: u.Fields, Key: u.Key,
		MaxBytes: u.MaxBytes, ExpiresAt: u.ExpiresAt.UTC().Format(time.RFC3339)}}, nil
}

// photoUploadJSON is the contract's PhotoUpload.
type photoUploadJSON struct {
	URL       string            `json:"url"`
	Fields    map[string]string `json:"fields"`
	Key       string            `json:"key"`
	MaxBytes  int64             `json:"maxBytes"`
	ExpiresAt string            `json:"expiresAt"`
}

// CreateLocation serves POST /admin/locations (staff): 201 the location.
// Errors: 400, 401, 403, 409 already_exists, 413, 415, 500, 503.
func (a *API) CreateLocation(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "create-location", a.createLocation)
}

func (a *API) createLocation(ctx context.Context, c *call) (reply, error) {
	if err := staffOnly(c); err != nil {
		return reply{}, err
	}
	var b locationBody
	if err := a.decodeChecked(c, &b); err != nil {
		return reply{}, err
	}
	l, err := a.svc.CreateLocation(ctx, b.spec())
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: toLocationJSON(l)}, nil
}

// UpdateLocation serves PATCH /admin/locations/{locationId} (staff): 200
// the location. Errors: 400, 401, 403, 404, 413, 415, 500, 503.
func (a *API) UpdateLocation(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return a.serve(ctx, req, "update-location", a.updateLocation)
}

func (a *API) updateLocation(ctx context.Context, c *call) (reply, error) {
	if err := staffOnly(c); err != nil {
		return reply{}, err
	}
	id, valid := c.pathID("locationId")
	if !valid {
		return reply{}, malformedID("location", "locationId")
	}
	var b locationBody
	if err := a.decodeChecked(c, &b); err != nil {
		return reply{}, err
	}
	if b.ID.set {
		return reply{}, invalidField("id", "cannot change")
	}
	l, err := a.svc.UpdateLocation(ctx, id, b.change())
	if err != nil {
		return reply{}, err
	}
	return ok(toLocationJSON(l)), nil
}

// staffCar is the carId of the path for staff; a malformed id is not
// found.
func staffCar(c *call) (string, error) {
	if err := staffOnly(c); err != nil {
		return "", err
	}
	id, valid := c.pathID("carId")
	if !valid {
		return "", malformedID("car", "carId")
	}
	return id, nil
}

// decodeChecked reads the body into v and checks it (validate.go).
func (a *API) decodeChecked(c *call, v any) error {
	if err := c.decodeBody(a.maxBody, v); err != nil {
		return err
	}
	return check(c, v)
}
