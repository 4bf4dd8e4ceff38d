package apitest

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

const booking = `{"id":"b1","carId":"c1","locationId":"BER","pickupDate":"2026-12-10","returnDate":"2026-12-13",
 "days":3,"total":{"amount":11700,"currency":"EUR"},"status":"CONFIRMED","version":1,
 "createdAt":"2026-11-30T12:00:00Z","updatedAt":"2026-11-30T12:00:00Z",
 "car":{"id":"c1","make":"Toyota","model":"Corolla","type":"economy","seats":5,"transmission":"manual",
 "imageUrl":"https://img.example.com/cars/c1.svg"}}`

func createEvent(body string) events.APIGatewayProxyRequest {
	return events.APIGatewayProxyRequest{HTTPMethod: "POST", Resource: "/bookings", Path: "/bookings",
		Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
}

func created(header map[string]string, body string) events.APIGatewayProxyResponse {
	h := map[string]string{"Content-Type": "application/json", "ETag": `"1"`, "Location": "/bookings/b1"}
	for k, v := range header {
		if v == "" {
			delete(h, k)
		} else {
			h[k] = v
		}
	}
	return events.APIGatewayProxyResponse{StatusCode: 201, Headers: h, Body: body}
}

// TestCheckEvent: what conforms passes, and each kind of drift between a
// handler and the contract fails the side it is on.
func TestCheckEvent(t *testing.T) {
	c := Shared(t)
	const good = `{"carId":"c1","pickupDate":"2026-12-10","returnDate":"2026-12-13"}`
	tests := []struct {
		name            string
		ev              events.APIGatewayProxyRequest
		resp            events.APIGatewayProxyResponse
		reqBad, respBad bool
	}{
		{"conforms", createEvent(good), created(nil, booking), false, false},
		{"unknown request property", createEvent(`{"carId":"c1","pickupDate":"2026-12-10","returnDate":"2026-12-13","x":1}`), created(nil, booking), true, false},
		{"undocumented status", createEvent(good), events.APIGatewayProxyResponse{StatusCode: 200,
			Headers: map[string]string{"Content-Type": "application/json", "ETag": `"1"`}, Body: booking}, false, true},
		{"201 without ETag", createEvent(good), created(map[string]string{"ETag": ""}, booking), false, true},
		{"booking without status", createEvent(good), created(nil, strings.Replace(booking, `"status":"CONFIRMED",`, "", 1)), false, true},
		{"error with an unknown code", createEvent(good), events.APIGatewayProxyResponse{StatusCode: 409,
			Headers: map[string]string{"Content-Type": "application/json"},
			Body:    `{"error":{"code":"taken","message":"x","requestId":"r"}}`}, false, true},
		{"base64 body", func() events.APIGatewayProxyRequest {
			ev := createEvent(base64.StdEncoding.EncodeToString([]byte(good)))
			ev.IsBase64Encoded = true
			return ev
		}(), created(nil, booking), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.CheckEvent(context.Background(), tt.ev, tt.resp)
			if err != nil {
				t.Fatal(err)
			}
			if res.Operation != "createBooking" {
				t.Errorf("operation %q", res.Operation)
			}
			if (res.Request != nil) != tt.reqBad || (res.Response != nil) != tt.respBad {
				t.Errorf("request error %v (want one: %v), response error %v (want one: %v)", res.Request, tt.reqBad, res.Response, tt.respBad)
			}
			if (res.Err() != nil) != (tt.reqBad || tt.respBad) {
				t.Errorf("Err() = %v", res.Err())
			}
		})
	}

	ev := createEvent(good)
	ev.Path, ev.HTTPMethod = "/bookings/b1/extras", "PUT"
	if _, err := c.CheckEvent(context.Background(), ev, created(nil, booking)); err == nil {
		t.Error("a route outside the contract: no error")
	}
}

// TestRequest: both maps of an event make the request; the multi-value map
// wins where both name a header or parameter.
func TestRequest(t *testing.T) {
	req, body, err := Request(events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/cars",
		Headers:                         map[string]string{"X-One": "1", "X-Both": "single"},
		MultiValueHeaders:               map[string][]string{"x-both": {"a", "b"}},
		QueryStringParameters:           map[string]string{"locationId": "BER", "limit": "2"},
		MultiValueQueryStringParameters: map[string][]string{"limit": {"1", "2"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(body) != 0 || req.Method != http.MethodGet || req.URL.Path != "/cars" {
		t.Errorf("request %s %s, body %q", req.Method, req.URL, body)
	}
	if got := req.Header.Values("X-Both"); len(got) != 2 || req.Header.Get("X-One") != "1" {
		t.Errorf("headers %v", req.Header)
	}
	if q := req.URL.Query(); q.Get("locationId") != "BER" || len(q["limit"]) != 2 {
		t.Errorf("query %v", q)
	}
}
