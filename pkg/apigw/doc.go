// Package apigw adapts the rental Service to API Gateway REST API proxy
// integrations: one Handler per route of api/openapi.yaml, taking an
// events.APIGatewayProxyRequest and returning an
// events.APIGatewayProxyResponse. The event and response formats are those of
// "Input format of a Lambda function for proxy integration" and "Output
// format of a Lambda function for proxy integration":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
//
// What a handler does, in this order: it reads the caller from the Cognito
// authorizer's claims (the /bookings routes; none is a 401), the path id (a
// malformed id is a 404, as no such thing can exist), headers
// (case-insensitively, from both the single and the multi-value map) and
// query parameters (from both maps; a repeated parameter is a 400), and the
// body (base64 when isBase64Encoded; at most Options.MaxBodyBytes, else 413;
// application/json only, else 415; one JSON object with known properties of
// the right types, else 400). Headers, query and body are then validated with
// go-playground/validator, fields named as the contract names them
// (camelCase). The domain does the rest: its *rental.Error codes map to HTTP
// statuses (see status.go) and to the error body of DESIGN.md.
//
// Handlers write no log lines: wrapped with lambdalog.Wrap and Outcome (as
// pkg/lambdafn and the local stack wrap them), each request logs one
// line, to which serve adds the route, the error code and, for a 5xx, the
// cause or the panic with its stack; the client never sees either.
//
// Every response, errors and panics included, carries the CORS headers
// (cors.go). A handler always returns a nil error: API Gateway turns a
// returned error into a 502 without CORS headers, which a browser reports as
// a network failure.
//
// Request and response bodies have their own structs here (body.go,
// responses.go), converted explicitly from and to the domain's types, so
// that the wire format changes only when this package says so.
package apigw
