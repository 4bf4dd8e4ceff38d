package lambdafn

// RESTRoute is one REST function of template.yaml and what it serves, as
// cmd/genroutes reads it from template.yaml and api/openapi.yaml into
// routes_gen.go: routes are written by hand only in those two files.
type RESTRoute struct {
	Function   string // the folder under functions/, "get-car"
	Operation  string // the contract's operationId, "getCar"
	Method     string // "GET"
	Path       string // the resource path, "/cars/{carId}"
	Authorizer string // the template's authorizer, "CognitoAuthorizer"; "" for a public route
}

// RESTRoutes returns every REST route, sorted by function.
func RESTRoutes() []RESTRoute { return append([]RESTRoute(nil), restRoutes...) }

// RESTRouteOf returns the route of the REST function in functions/<function>.
func RESTRouteOf(function string) (RESTRoute, bool) {
	for _, r := range restRoutes {
		if r.Function == function {
			return r, true
		}
	}
	return RESTRoute{}, false
}
