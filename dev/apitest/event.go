package apitest

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"

	"github.com/aws/aws-lambda-go/events"
)

// CheckEvent is Check for an API Gateway REST proxy event and a handler's
// response to it.
func (c *Contract) CheckEvent(ctx context.Context, ev events.APIGatewayProxyRequest, resp events.APIGatewayProxyResponse) (Result, error) {
	req, body, err := Request(ev)
	if err != nil {
		return Result{}, err
	}
	r, err := ResponseOf(resp)
	if err != nil {
		return Result{}, err
	}
	return c.Check(ctx, req, body, r)
}

// Request is the HTTP request that ev describes and its body: method, path,
// query and headers from both the single and the multi-value maps (the
// multi-value map wins where both have a name), the body base64-decoded
// when isBase64Encoded. The host is example.com: the contract's paths are
// relative to any host.
func Request(ev events.APIGatewayProxyRequest) (*http.Request, []byte, error) {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(ev.Body); err != nil {
			return nil, nil, fmt.Errorf("apitest: body: %w", err)
		}
	}
	query := url.Values{}
	for k, v := range ev.QueryStringParameters {
		query.Set(k, v)
	}
	for k, vs := range ev.MultiValueQueryStringParameters {
		query[k] = vs
	}
	u := url.URL{Scheme: "https", Host: "example.com", Path: ev.Path, RawQuery: query.Encode()}
	req, err := http.NewRequest(ev.HTTPMethod, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("apitest: %w", err)
	}
	req.Header = header(ev.Headers, ev.MultiValueHeaders)
	return req, body, nil
}

// ResponseOf is the HTTP response that a proxy integration's response
// describes, headers from both maps.
func ResponseOf(resp events.APIGatewayProxyResponse) (Response, error) {
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			return Response{}, fmt.Errorf("apitest: response body: %w", err)
		}
	}
	return Response{Status: resp.StatusCode, Header: header(resp.Headers, resp.MultiValueHeaders), Body: body}, nil
}

func header(single map[string]string, multi map[string][]string) http.Header {
	h := http.Header{}
	for k, v := range single {
		h.Set(k, v)
	}
	for k, vs := range multi {
		h.Del(k)
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	return h
}
