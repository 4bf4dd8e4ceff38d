// Package routegen derives the Go code of the REST routes from the two
// files where routes are written by hand: template.yaml (method, path,
// function, authorizer: the Api events, read by dev/localapi) and
// api/openapi.yaml (method, path, operationId, security). It joins them on
// method and path, reports every disagreement, and writes
//
//   - pkg/lambdafn/routes_gen.go: each REST function (its folder under
//     functions/) with the operation, method, path and authorizer it serves;
//   - pkg/apigw/operations_gen.go: each operationId bound to the API method
//     of the same name (getCar -> API.GetCar), so that a handler missing
//     for an operation fails the build;
//   - functions/<folder>/main.go of every REST function.
//
// `go run ./cmd/genroutes` (make generate) writes them; the package's test
// fails when a file on disk differs from what Generate makes, and when the
// template and the contract disagree.
package routegen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lambdafn"
)

// Security scheme of api/openapi.yaml that stands for the template's
// Cognito authorizer.
const cognitoScheme = "CognitoIdToken"

// Route is one REST route as both files declare it.
type Route struct {
	Folder     string // functions/<Folder>, "get-car"
	LogicalID  string // "GetCarFunction"
	Operation  string // operationId, "getCar"
	Method     string // "GET"
	Path       string // "/cars/{carId}"
	Authorizer string // the template's authorizer name; "" for a public route
	Summary    string // the operation's summary, for the main's comment
	// Photos: the function reaches the car photos (one of photoPolicies
	// among its Policies), so its main links the photo wiring
	// (pkg/lambdafn/photowire) that every other function goes without.
	Photos bool
}

// photoPolicies are the template's policies on the image bucket.
var photoPolicies = []string{"PhotoUploadPolicy", "PhotoReadPolicy"}

// usesPhotos reports whether function id of tpl has one of photoPolicies.
func usesPhotos(tpl *samtemplate.Template, id string) bool {
	policies, _ := samtemplate.Get(tpl.Doc(), "Resources", id, "Properties", "Policies").([]any)
	for _, p := range policies {
		if name, _ := samtemplate.Get(p, "Ref").(string); slices.Contains(photoPolicies, name) {
			return true
		}
	}
	return false
}

// Key is "GET /cars/{carId}".
func (r Route) Key() string { return r.Method + " " + r.Path }

// operation is one operation of the contract.
type operation struct {
	id, summary string
	cognito     bool
}

// Join reads the routes of tpl and the operations of spec and joins them.
// problems lists, sorted, every route in only one of the two files, every
// route guarded in only one, and every function or operation id that
// cannot name Go code; routes holds the routes that are in both, sorted by
// folder.
func Join(tpl *samtemplate.Template, spec *openapi3.T) (routes []Route, problems []string, err error) {
	api, err := localapi.Read(tpl.WithResourceRefs())
	if err != nil {
		return nil, nil, err
	}
	ops := operations(spec)
	inTemplate := map[string]bool{}
	for _, r := range api.Routes {
		inTemplate[r.String()] = true
		route, problem := joinRoute(r, ops)
		if problem != "" {
			problems = append(problems, problem)
			continue
		}
		route.Photos = usesPhotos(tpl, r.Function)
		routes = append(routes, route)
	}
	for key := range ops {
		if !inTemplate[key] {
			problems = append(problems, key+": in api/openapi.yaml, not in template.yaml")
		}
	}
	problems = append(problems, sharedFolders(routes)...)
	sort.Strings(problems)
	sort.Slice(routes, func(i, j int) bool { return routes[i].Folder < routes[j].Folder })
	return routes, problems, nil
}

// operations are the contract's operations by "METHOD /path".
func operations(spec *openapi3.T) map[string]operation {
	ops := map[string]operation{}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			o := operation{id: op.OperationID, summary: op.Summary}
			if op.Security != nil {
				for _, req := range *op.Security {
					_, named := req[cognitoScheme]
					o.cognito = o.cognito || named
				}
			}
			ops[method+" "+path] = o
		}
	}
	return ops
}

// joinRoute joins the template's route r with its operation in ops, or
// says the first reason it cannot.
func joinRoute(r localapi.Route, ops map[string]operation) (Route, string) {
	key := r.String()
	op, ok := ops[key]
	if !ok {
		return Route{}, key + ": in template.yaml, not in api/openapi.yaml"
	}
	if cognito := r.Authorizer != ""; cognito != op.cognito {
		return Route{}, fmt.Sprintf("%s: Cognito in template.yaml %v, in api/openapi.yaml %v", key, cognito, op.cognito)
	}
	folder, err := lambdafn.Folder(r.Function)
	if err != nil {
		return Route{}, fmt.Sprintf("%s: %v", key, err)
	}
	if !validOperation(op.id) {
		return Route{}, fmt.Sprintf("%s: operationId %q is not a lowerCamelCase Go name", key, op.id)
	}
	return Route{Folder: folder, LogicalID: r.Function, Operation: op.id, Method: r.Method,
		Path: r.Path, Authorizer: r.Authorizer, Summary: strings.TrimSpace(op.summary)}, ""
}

// sharedFolders names each function folder that serves more than one of
// routes: one route a function.
func sharedFolders(routes []Route) []string {
	var problems []string
	folders := map[string]string{}
	for _, r := range routes {
		if other, dup := folders[r.Folder]; dup {
			problems = append(problems, fmt.Sprintf("functions/%s serves both %s and %s: one route a function", r.Folder, other, r.Key()))
		}
		folders[r.Folder] = r.Key()
	}
	return problems
}

// validOperation reports whether id can name an API method: lowerCamelCase
// letters and digits.
func validOperation(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// handlerName is the API method that serves operation id: getCar -> GetCar.
func handlerName(id string) string { return strings.ToUpper(id[:1]) + id[1:] }
