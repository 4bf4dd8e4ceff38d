// Package localapi stands in for Amazon API Gateway (REST API) on a
// developer's machine: it reads the Api routes of template.yaml and serves
// them over HTTP as API Gateway's Lambda proxy integration would, calling
// the functions' handlers in-process. cmd/local (the local stack) and its
// tests use it; nothing here calls AWS.
//
// What it emulates, and where API Gateway documents it:
//
//   - Routes (routes.go, match.go): every Api event of every
//     AWS::Serverless::Function in the template (Path, Method, RestApiId,
//     Auth.Authorizer), matched as API Gateway matches resources: literal
//     segments before {param}, {param+} greedy. A path or method that no
//     route has answers 403 {"message":"Missing Authentication Token"}, as
//     API Gateway does.
//   - The event (event.go): "Input format of a Lambda function for proxy
//     integration",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
//     (resource, path, httpMethod, both header and query maps, nil when
//     empty, pathParameters, requestContext with requestId, stage, path
//     with the stage, identity.sourceIp, requestTimeEpoch and the
//     authorizer's claims; a body that is not text is base64-encoded), and
//     the response, "Output format of a Lambda function for proxy
//     integration" (statusCode, headers merged with multiValueHeaders,
//     base64 bodies decoded). A handler error, panic or malformed response
//     is a 502 {"message": "Internal server error"}.
//   - Limits: "Amazon API Gateway quotas",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html:
//     a payload over 10 MB is a 413 {"message":"Request Too Long"}; an
//     integration that takes longer than 29 s is a 504 {"message": "Endpoint
//     request timed out"}.
//   - The Cognito authorizer (authorizer.go): "Control access to REST APIs
//     using Amazon Cognito user pools as an authorizer",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html:
//     on the routes whose event names a Cognito authorizer, the ID token in
//     the authorizer's identity header is verified (pkg/auth against the
//     local pool's JWKS); a failure is a 401 {"message":"Unauthorized"} and
//     the handler is not called; a success puts the token's claims into
//     requestContext.authorizer.claims, every value a string.
//   - CORS (cors.go): the preflight that SAM adds for the Api's Cors
//     setting, an OPTIONS method on every path answered by API Gateway
//     itself with AllowOrigin, AllowHeaders, AllowMethods and MaxAge.
//   - Gateway responses (responses.go): "Gateway responses in API
//     Gateway",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
//     and "Gateway response types",
//     https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html:
//     API Gateway's own answers above carry the headers of the template's
//     GatewayResponses (the response type's own entry, else DEFAULT_4XX or
//     DEFAULT_5XX), so a browser sees the authorizer's 401 with the CORS
//     headers, as in the cloud.
//
// Not emulated: stage variables (always nil), usage plans and throttling,
// request validators, binary media types (any body whose Content-Type is
// not text is base64-encoded), authorizers other than Cognito user pools.
//
// Each function runs with its template Timeout as its context's deadline,
// as Lambda runs it; past it the gateway answers as API Gateway does for a
// failed function (502 {"message": "Internal server error"}), past API
// Gateway's 29 s (a function with a longer Timeout) 504.
package localapi
