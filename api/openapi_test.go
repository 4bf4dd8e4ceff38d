package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

func load(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSpecValidates(t *testing.T) {
	doc := load(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("servers = %v, want one with url /", doc.Servers)
	}
}

// TestOperations: every operation has a unique operationId (it names the
// handler: dev/routegen, which also holds the routes to template.yaml's),
// a 500 response, and security of its own: Cognito on /bookings, none
// elsewhere.
func TestOperations(t *testing.T) {
	doc := load(t)
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s: no operationId", key)
			} else if other, dup := ids[op.OperationID]; dup {
				t.Errorf("%s: operationId %q is %s's too", key, op.OperationID, other)
			}
			ids[op.OperationID] = key
			if op.Responses.Status(http.StatusInternalServerError) == nil {
				t.Errorf("%s: no 500 response", key)
			}
			if op.Security == nil {
				t.Errorf("%s: no security of its own (use [] for public)", key)
				continue
			}
			if strings.HasPrefix(path, "/bookings") || strings.HasPrefix(path, "/admin/") {
				if len(*op.Security) != 1 || len((*op.Security)[0]) != 1 {
					t.Errorf("%s: security %v, want exactly CognitoIdToken", key, *op.Security)
				} else if _, ok := (*op.Security)[0]["CognitoIdToken"]; !ok {
					t.Errorf("%s: security %v, want CognitoIdToken", key, *op.Security)
				}
				if op.Responses.Status(http.StatusUnauthorized) == nil {
					t.Errorf("%s: no 401 response", key)
				}
				if strings.HasPrefix(path, "/admin/") && op.Responses.Status(http.StatusForbidden) == nil {
					t.Errorf("%s: no 403 response (staff only)", key)
				}
			} else if len(*op.Security) != 0 {
				t.Errorf("%s: security %v, want none", key, *op.Security)
			}
		}
	}
	if len(ids) == 0 {
		t.Error("no operations")
	}
}

func TestBookingExample(t *testing.T) {
	doc := load(t)
	booking := doc.Components.Schemas["Booking"].Value
	example := doc.Components.Examples["Booking"].Value.Value
	if err := booking.VisitJSON(example, openapi3.VisitAsResponse()); err != nil {
		t.Fatalf("components/examples/Booking does not match Booking: %v", err)
	}
	// The same body after a JSON round trip (numbers as float64, as decoded
	// from a real response).
	var decoded any
	raw, _ := json.Marshal(example)
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	if err := booking.VisitJSON(decoded, openapi3.VisitAsResponse()); err != nil {
		t.Fatalf("decoded example does not match Booking: %v", err)
	}
	// And the schema rejects what it should.
	bad := decoded.(map[string]any)
	bad["status"] = "PENDING"
	if err := booking.VisitJSON(bad); err == nil {
		t.Error("Booking accepts status PENDING")
	}
	bad["status"] = "CONFIRMED"
	bad["pickupDate"] = "2030-6-1"
	if err := booking.VisitJSON(bad); err == nil {
		t.Error("Booking accepts pickupDate 2030-6-1")
	}
}

func TestErrorBodies(t *testing.T) {
	doc := load(t)
	unauthorized := doc.Components.Responses["Unauthorized"].Value.Content.Get("application/json").Schema.Value
	for _, body := range []string{
		`{"message":"Unauthorized"}`,
		`{"error":{"code":"unauthorized","message":"sign in","requestId":"r1"}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if err := unauthorized.VisitJSON(v); err != nil {
			t.Errorf("401 %s: %v", body, err)
		}
	}
	errSchema := doc.Components.Schemas["Error"].Value
	var v any
	_ = json.Unmarshal([]byte(`{"error":{"code":"nope","message":"x","requestId":"r1"}}`), &v)
	if err := errSchema.VisitJSON(v); err == nil {
		t.Error("Error accepts an unknown code")
	}
}

// validator round-trips requests and responses through openapi3filter, the
// way the API tests do.
type validator struct {
	t      *testing.T
	router routers.Router
}

func newValidator(t *testing.T) *validator {
	t.Helper()
	// servers: [{url: /}] makes gorillamux match paths at the root of any host.
	router, err := gorillamux.NewRouter(load(t))
	if err != nil {
		t.Fatal(err)
	}
	return &validator{t: t, router: router}
}

// exchange validates req, then a response with status, headers and body;
// it returns the request error and the response error.
func (v *validator) exchange(req *http.Request, status int, header http.Header, body string) (reqErr, respErr error) {
	v.t.Helper()
	ctx := context.Background()
	route, pathParams, err := v.router.FindRoute(req)
	if err != nil {
		v.t.Fatalf("%s %s: no route: %v", req.Method, req.URL, err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options:    opts,
	}
	reqErr = openapi3filter.ValidateRequest(ctx, in)
	if header == nil {
		header = http.Header{}
	}
	if header.Get("Content-Type") == "" {
		header.Set("Content-Type", "application/json")
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	out.SetBodyBytes([]byte(body))
	respErr = openapi3filter.ValidateResponse(ctx, out)
	return reqErr, respErr
}

func jsonRequest(method, target, body string) *http.Request {
	var r io.Reader
	if body != "" {
		r = bytes.NewBufferString(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

const bookingBody = `{"id":"01J0Z8Q6W3M5X7Y9A1B2C3D4E5","carId":"car-ber-001","locationId":"ber",
 "pickupDate":"2030-06-01","returnDate":"2030-06-04","days":3,"total":{"amount":13500,"currency":"EUR"},
 "status":"CONFIRMED","version":1,"createdAt":"2030-05-20T09:30:00Z","updatedAt":"2030-05-20T09:30:00Z",
 "car":{"id":"car-ber-001","make":"Volkswagen","model":"Golf","type":"compact","seats":5,
 "transmission":"manual","imageUrl":"https://cdn.example.com/cars/vw-golf.jpg"}}`

func TestRoundTripListLocations(t *testing.T) {
	v := newValidator(t)
	reqErr, respErr := v.exchange(jsonRequest(http.MethodGet, "http://localhost:3000/locations", ""),
		http.StatusOK, nil,
		`{"locations":[{"id":"ber","name":"Berlin Hauptbahnhof","city":"Berlin","country":"DE",
		  "timeZone":"Europe/Berlin","address":"Europaplatz 1, 10557 Berlin","currency":"EUR"}]}`)
	if reqErr != nil || respErr != nil {
		t.Fatalf("request: %v; response: %v", reqErr, respErr)
	}
	// A location without its time zone is not a Location.
	_, respErr = v.exchange(jsonRequest(http.MethodGet, "http://localhost:3000/locations", ""),
		http.StatusOK, nil, `{"locations":[{"id":"ber","name":"B","city":"Berlin","country":"DE","address":"x"}]}`)
	if respErr == nil {
		t.Error("response without timeZone passes")
	}
}

func TestRoundTripCreateBooking(t *testing.T) {
	v := newValidator(t)
	const target = "https://abc123.execute-api.eu-central-1.amazonaws.com/bookings"
	create := func(body string) *http.Request {
		req := jsonRequest(http.MethodPost, target, body)
		req.Header.Set("Authorization", "eyJraWQiOi.token.sig")
		req.Header.Set("Idempotency-Key", "5b1c7a0e-3f4d-4a51-9a8e-2f0c6d7e8b90")
		return req
	}
	okHeader := func() http.Header {
		h := http.Header{}
		h.Set("Location", "/bookings/01J0Z8Q6W3M5X7Y9A1B2C3D4E5")
		h.Set("ETag", `"1"`)
		return h
	}

	reqErr, respErr := v.exchange(create(`{"carId":"car-ber-001","pickupDate":"2030-06-01","returnDate":"2030-06-04"}`),
		http.StatusCreated, okHeader(), bookingBody)
	if reqErr != nil || respErr != nil {
		t.Fatalf("request: %v; response: %v", reqErr, respErr)
	}

	// Error bodies, ours and API Gateway's.
	for _, tc := range []struct {
		status int
		header http.Header
		body   string
	}{
		{400, nil, `{"error":{"code":"validation_failed","message":"invalid","fields":{"returnDate":"must be after pickupDate"},"requestId":"r1"}}`},
		{401, nil, `{"message":"Unauthorized"}`},
		{409, nil, `{"error":{"code":"car_unavailable","message":"taken","requestId":"r1"}}`},
		{422, nil, `{"error":{"code":"idempotency_conflict","message":"key reused","requestId":"r1"}}`},
		{503, http.Header{"Retry-After": {"2"}}, `{"error":{"code":"throttled","message":"busy","requestId":"r1"}}`},
		{500, nil, `{"error":{"code":"internal","message":"internal error","requestId":"r1"}}`},
	} {
		_, respErr := v.exchange(create(`{"carId":"car-ber-001","pickupDate":"2030-06-01","returnDate":"2030-06-04"}`),
			tc.status, tc.header, tc.body)
		if respErr != nil {
			t.Errorf("%d %s: %v", tc.status, tc.body, respErr)
		}
	}

	// What the contract rejects.
	for name, body := range map[string]string{
		"unknown property": `{"carId":"car-ber-001","pickupDate":"2030-06-01","returnDate":"2030-06-04","price":1}`,
		"missing date":     `{"carId":"car-ber-001","pickupDate":"2030-06-01"}`,
		"bad date":         `{"carId":"car-ber-001","pickupDate":"01.06.2030","returnDate":"2030-06-04"}`,
		"bad id":           `{"carId":"car/1","pickupDate":"2030-06-01","returnDate":"2030-06-04"}`,
	} {
		reqErr, _ := v.exchange(create(body), http.StatusCreated, okHeader(), bookingBody)
		if reqErr == nil {
			t.Errorf("request with %s passes", name)
		}
	}
	noETag := okHeader()
	noETag.Del("ETag")
	if _, respErr := v.exchange(create(`{"carId":"car-ber-001","pickupDate":"2030-06-01","returnDate":"2030-06-04"}`),
		http.StatusCreated, noETag, bookingBody); respErr == nil {
		t.Error("201 without ETag passes")
	}
	if _, respErr := v.exchange(create(`{"carId":"car-ber-001","pickupDate":"2030-06-01","returnDate":"2030-06-04"}`),
		http.StatusOK, okHeader(), bookingBody); respErr == nil {
		t.Error("undocumented status 200 passes")
	}
}
