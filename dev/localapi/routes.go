package localapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carrental/backend/dev/samtemplate"
)

// Resource types read from the template.
const (
	apiType      = "AWS::Serverless::Api"
	functionType = "AWS::Serverless::Function"
)

// API is what the template declares of the REST API: its routes, their
// authorizers, the CORS preflight and API Gateway's own responses.
type API struct {
	// LogicalID is the AWS::Serverless::Api resource, "Api".
	LogicalID string
	// Stage is its StageName, e.g. "dev" (the parameter's default): it
	// prefixes requestContext.path.
	Stage string
	// Routes are the Api events of the template's functions, sorted by
	// path and method.
	Routes []Route
	// CORS is the Api's Cors setting; nil when it has none (no preflight).
	CORS *CORS
	// Authorizers are the Api's Cognito user-pool authorizers by name.
	Authorizers map[string]Authorizer
	// GatewayResponses are the Api's GatewayResponses by response type,
	// e.g. "DEFAULT_4XX".
	GatewayResponses map[string]GatewayResponse
	// MinimumCompressionSize is the Api's MinimumCompressionSize, in bytes:
	// answers of at least that size are compressed for clients that accept
	// gzip or deflate; -1 when the Api has none (no compression).
	MinimumCompressionSize int
}

// maxCompressionSize is the largest MinimumCompressionSize API Gateway
// takes: 10 MB ("Enabling payload compression for an API",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html).
const maxCompressionSize = 10485760

// Route is one Api event: a method on a resource path, served by a
// function, public or behind an authorizer.
type Route struct {
	Method     string        // "GET", "POST", ..., or "ANY"
	Path       string        // the resource path, "/cars/{carId}"
	Function   string        // the function's logical ID, "GetCarFunction"
	Authorizer string        // the authorizer's name; "" for a public route
	Timeout    time.Duration // the function's Timeout (its own, or Globals', or SAM's 3 s)
}

// String is "GET /cars/{carId}".
func (r Route) String() string { return r.Method + " " + r.Path }

// Authorizer is a Cognito user-pool authorizer: API Gateway reads the ID
// token from Header.
type Authorizer struct {
	Header string // "Authorization" unless Identity.Header says otherwise
}

// CORS is the Api's Cors setting with the quotes of API Gateway's literal
// values removed: "'*'" is "*". Empty fields are not sent.
type CORS struct {
	AllowOrigin      string
	AllowHeaders     string
	AllowMethods     string // empty: the methods of the requested path and OPTIONS
	MaxAge           string
	AllowCredentials bool
}

// GatewayResponse is one of the Api's GatewayResponses.
type GatewayResponse struct {
	// StatusCode overrides the response type's status; empty keeps it.
	StatusCode string
	// Headers are header name -> mapping expression: a quoted literal
	// ("'*'") or method.request.header.NAME.
	Headers map[string]string
}

// apiProps is the part of an AWS::Serverless::Api's Properties read here.
type apiProps struct {
	StageName              string
	MinimumCompressionSize any             // a number, or a string from a parameter
	Cors                   json.RawMessage // a string (the origin) or an object
	Auth                   struct {
		DefaultAuthorizer string
		Authorizers       map[string]struct {
			UserPoolArn json.RawMessage // present (even null, a GetAtt) for a Cognito authorizer
			Identity    struct{ Header string }
		}
	}
	GatewayResponses map[string]struct {
		StatusCode         any
		ResponseParameters struct{ Headers map[string]string }
	}
}

// functionProps is the part of an AWS::Serverless::Function's Properties
// read here.
type functionProps struct {
	Timeout any // seconds; a number, or a string of one
	Events  map[string]struct {
		Type       string
		Properties struct {
			Path      string
			Method    string
			RestApiId any
			Auth      struct{ Authorizer string }
		}
	}
}

// Read reads the API from tpl, which must have been parsed with
// samtemplate.ParseOptions{ResourceRefs: true} so that each event's
// RestApiId names its Api. The template must have one
// AWS::Serverless::Api; every Api event must name it in RestApiId and use
// no authorizer, NONE, or one of its Cognito authorizers (the Api's
// DefaultAuthorizer applies to events that name none). Errors name the
// function and event at fault; two events on one method and path are an
// error too.
func Read(tpl *samtemplate.Template) (*API, error) {
	ids := tpl.LogicalIDs(apiType)
	if len(ids) != 1 {
		return nil, fmt.Errorf("localapi: the template has %d %s resources, the local stack serves exactly one", len(ids), apiType)
	}
	api := &API{LogicalID: ids[0], Authorizers: map[string]Authorizer{}, GatewayResponses: map[string]GatewayResponse{}}
	var props apiProps
	if err := tpl.Properties(api.LogicalID, apiType, &props); err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	if err := api.readProps(props); err != nil {
		return nil, fmt.Errorf("localapi: %s: %w", api.LogicalID, err)
	}
	seen := map[string]string{}
	globalTimeout := samtemplate.Get(tpl.Doc(), "Globals", "Function", "Timeout")
	for _, fn := range tpl.LogicalIDs(functionType) {
		var fp functionProps
		if err := tpl.Properties(fn, functionType, &fp); err != nil {
			return nil, fmt.Errorf("localapi: %w", err)
		}
		timeout, err := FunctionTimeout(fp.Timeout, globalTimeout)
		if err != nil {
			return nil, fmt.Errorf("localapi: %s: %w", fn, err)
		}
		for name, ev := range fp.Events {
			if ev.Type != "Api" {
				continue
			}
			r, err := api.route(fn, ev.Properties.Path, ev.Properties.Method, ev.Properties.RestApiId,
				ev.Properties.Auth.Authorizer, props.Auth.DefaultAuthorizer)
			if err != nil {
				return nil, fmt.Errorf("localapi: %s event %s: %w", fn, name, err)
			}
			r.Timeout = timeout
			if other, dup := seen[r.String()]; dup {
				return nil, fmt.Errorf("localapi: %s is served by both %s and %s", r, other, fn)
			}
			seen[r.String()] = fn
			api.Routes = append(api.Routes, r)
		}
	}
	sort.Slice(api.Routes, func(i, j int) bool {
		a, b := api.Routes[i], api.Routes[j]
		return a.Path < b.Path || a.Path == b.Path && a.Method < b.Method
	})
	return api, nil
}

// readProps fills the stage, CORS, authorizers and gateway responses.
func (a *API) readProps(p apiProps) error {
	if p.StageName == "" {
		return errors.New("no StageName")
	}
	a.Stage = p.StageName
	a.MinimumCompressionSize = -1
	if p.MinimumCompressionSize != nil {
		v := fmt.Sprint(p.MinimumCompressionSize)
		if f, ok := p.MinimumCompressionSize.(float64); ok { // JSON's numbers
			v = strconv.FormatFloat(f, 'f', -1, 64)
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxCompressionSize {
			return fmt.Errorf("MinimumCompressionSize %s is not a whole number from 0 to %d", v, maxCompressionSize)
		}
		a.MinimumCompressionSize = n
	}
	var err error
	if a.CORS, err = readCORS(p.Cors); err != nil {
		return fmt.Errorf("Cors: %w", err)
	}
	for name, au := range p.Auth.Authorizers {
		if len(au.UserPoolArn) == 0 {
			return fmt.Errorf("authorizer %s: the local stack supports Cognito user-pool authorizers (UserPoolArn) only", name)
		}
		header := au.Identity.Header
		if header == "" {
			header = "Authorization" // SAM's default
		}
		a.Authorizers[name] = Authorizer{Header: header}
	}
	for typ, gr := range p.GatewayResponses {
		status := ""
		if gr.StatusCode != nil {
			status = fmt.Sprint(gr.StatusCode)
		}
		a.GatewayResponses[typ] = GatewayResponse{StatusCode: status, Headers: gr.ResponseParameters.Headers}
	}
	return nil
}

// route checks one Api event and makes its Route.
func (a *API) route(fn, path, method string, restAPI any, authorizer, defaultAuthorizer string) (Route, error) {
	if id, ok := restAPI.(string); !ok || id != a.LogicalID {
		return Route{}, fmt.Errorf("RestApiId is %v, not a Ref to %s (the local stack serves that Api only; "+
			"read the template with samtemplate.ParseOptions{ResourceRefs: true})", restAPI, a.LogicalID)
	}
	if !strings.HasPrefix(path, "/") {
		return Route{}, fmt.Errorf("Path %q does not start with /", path)
	}
	if method == "" {
		return Route{}, errors.New("no Method")
	}
	r := Route{Method: strings.ToUpper(method), Path: path, Function: fn}
	switch authorizer {
	case "":
		r.Authorizer = defaultAuthorizer
	case "NONE":
	default:
		r.Authorizer = authorizer
	}
	if _, ok := a.Authorizers[r.Authorizer]; r.Authorizer != "" && !ok {
		return Route{}, fmt.Errorf("authorizer %q is not a Cognito authorizer of %s", r.Authorizer, a.LogicalID)
	}
	return r, nil
}

// readCORS reads SAM's Cors property: a string is the allowed origin, an
// object has AllowOrigin and the rest; every value is an API Gateway
// literal, quoted ('...').
func readCORS(raw json.RawMessage) (*CORS, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var origin string
	if err := json.Unmarshal(raw, &origin); err == nil {
		v, err := literal(origin)
		if err != nil {
			return nil, err
		}
		return &CORS{AllowOrigin: v}, nil
	}
	var obj struct {
		AllowOrigin, AllowHeaders, AllowMethods, MaxAge string
		AllowCredentials                                bool
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	c := &CORS{AllowCredentials: obj.AllowCredentials}
	for _, f := range []struct {
		name string
		in   string
		out  *string
	}{{"AllowOrigin", obj.AllowOrigin, &c.AllowOrigin}, {"AllowHeaders", obj.AllowHeaders, &c.AllowHeaders},
		{"AllowMethods", obj.AllowMethods, &c.AllowMethods}, {"MaxAge", obj.MaxAge, &c.MaxAge}} {
		if f.in == "" {
			continue
		}
		v, err := literal(f.in)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.out = v
	}
	if c.AllowOrigin == "" {
		return nil, errors.New("no AllowOrigin")
	}
	return c, nil
}

// literal unquotes an API Gateway literal value, "'*'" -> "*".
func literal(s string) (string, error) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", fmt.Errorf("%q is not a quoted literal such as \"'*'\"", s)
	}
	return s[1 : len(s)-1], nil
}

// defaultTimeout is SAM's default Timeout of a function: 3 seconds
// ("AWS::Serverless::Function", Timeout).
const defaultTimeout = 3 * time.Second

// FunctionTimeout is a function's Timeout from its own property own,
// else the Globals' global, else SAM's default (the local event source
// mapping reads it too). Lambda takes 1 to 900 seconds.
func FunctionTimeout(own, global any) (time.Duration, error) {
	v := own
	if v == nil {
		v = global
	}
	if v == nil {
		return defaultTimeout, nil
	}
	n, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	if err != nil || n < 1 || n > 900 || n != float64(int(n)) {
		return 0, fmt.Errorf("Timeout %v is not a whole number of seconds from 1 to 900", v)
	}
	return time.Duration(n) * time.Second, nil
}
