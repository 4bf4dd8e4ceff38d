package apigw

import (
	"regexp"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/pkg/rental"
)

// call is one request as the handlers read it. Reading a header or query
// parameter that was given more than once records a problem, reported with
// the validation errors (see check).
type call struct {
	req      events.APIGatewayProxyRequest
	problems map[string]string // field -> what is wrong with it
}

func newCall(req events.APIGatewayProxyRequest) *call {
	return &call{req: req, problems: map[string]string{}}
}

// requestID is API Gateway's id of the request (requestContext.requestId),
// which error bodies and logs carry.
func (c *call) requestID() string { return c.req.RequestContext.RequestID }

// headerValues returns the values of header name, matched without regard to
// case: API Gateway passes header names as the client wrote them. The
// multi-value map holds every value; the single-value map, which holds the
// last one, is read only when the other has none (a hand-made event may set
// only one of them).
func (c *call) headerValues(name string) []string {
	var vs []string
	for k, v := range c.req.MultiValueHeaders {
		if strings.EqualFold(k, name) {
			vs = append(vs, v...)
		}
	}
	if len(vs) > 0 {
		return vs
	}
	for k, v := range c.req.Headers {
		if strings.EqualFold(k, name) {
			vs = append(vs, v)
		}
	}
	return vs
}

// headerValue is the first value of header name, "" when absent.
func (c *call) headerValue(name string) string {
	if vs := c.headerValues(name); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// header is the value of header name; nil when absent. A header given more
// than once is a problem: which one would the client mean?
func (c *call) header(name string) *string {
	return c.once(name, c.headerValues(name))
}

// query is the value of query parameter name (names are case-sensitive);
// nil when absent. ?limit=1&limit=2 arrives as the multi-value map's
// ["1","2"] and the single-value map's "2": a problem, not a silent pick.
func (c *call) query(name string) *string {
	vs := c.req.MultiValueQueryStringParameters[name]
	if len(vs) == 0 {
		if v, ok := c.req.QueryStringParameters[name]; ok {
			vs = []string{v}
		}
	}
	return c.once(name, vs)
}

func (c *call) once(name string, vs []string) *string {
	switch len(vs) {
	case 0:
		return nil
	case 1:
		return &vs[0]
	}
	c.problems[name] = "must be given once"
	return &vs[0]
}

// idPattern is the contract's Id schema: what a car or booking id may be.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// idProblem says what is wrong with a value that idPattern refuses.
const idProblem = "must be 1 to 64 letters, digits, '_' or '-'"

// pathID is path parameter name when it is a well-formed id. A malformed
// id names nothing that can exist, so callers answer 404 rather than 400
// (malformedID).
func (c *call) pathID(name string) (string, bool) {
	id := c.req.PathParameters[name]
	return id, idPattern.MatchString(id)
}

// malformedID is the 404 for path parameter param that no thing ("car",
// "booking") can have; its fields name the parameter.
func malformedID(thing, param string) error {
	e := rental.NotFound(thing)
	return &problem{code: e.Code, message: e.Message, fields: map[string]string{param: idProblem}}
}

// caller is the signed-in user: the sub claim that API Gateway's Cognito
// user-pool authorizer put into requestContext.authorizer.claims, "" when
// there is none. On a REST API every claim value is a string; see "Integrate
// a REST API with an Amazon Cognito user pool":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
// and the ID token's claims:
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
func (c *call) caller() string { return c.claim("sub") }

// claim is the authorizer's claim name, "" when there is none. An event
// built in Go (the local stack) may hold the claims as a
// map[string]string rather than JSON's map[string]any; both are read.
func (c *call) claim(name string) string {
	switch claims := c.req.RequestContext.Authorizer["claims"].(type) {
	case map[string]any:
		v, _ := claims[name].(string)
		return v
	case map[string]string:
		return claims[name]
	}
	return ""
}
