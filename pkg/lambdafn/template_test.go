package lambdafn_test

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/carrental/backend/api"
	"github.com/carrental/backend/pkg/apigw"
)

// routes maps "METHOD /path" to whether Cognito guards the route.
type routes map[string]bool

// templateRoutes are the Api events of tpl's functions, and for each route
// the logical ID of the function that serves it. An Api event that
// goformation cannot type, that is not on the Api resource, or that names
// an authorizer other than CognitoAuthorizer is an error.
func templateRoutes(tpl *template) (routes, map[string]string, error) {
	out, byRoute := routes{}, map[string]string{}
	for id, fn := range tpl.GetAllServerlessFunctionResources() {
		for name, ev := range fn.Events {
			if ev.Type != "Api" {
				continue
			}
			if ev.Properties == nil || ev.Properties.ApiEvent == nil {
				return nil, nil, fmt.Errorf("%s event %s: not an Api event goformation can read", id, name)
			}
			e := ev.Properties.ApiEvent
			if e.RestApiId == nil || *e.RestApiId != "Api" {
				return nil, nil, fmt.Errorf("%s event %s: RestApiId is not !Ref Api", id, name)
			}
			route := strings.ToUpper(e.Method) + " " + e.Path
			cognito := false
			if e.Auth != nil && e.Auth.Authorizer != nil {
				if *e.Auth.Authorizer != "CognitoAuthorizer" {
					return nil, nil, fmt.Errorf("%s event %s: authorizer %q", id, name, *e.Auth.Authorizer)
				}
				cognito = true
			}
			if other, dup := byRoute[route]; dup {
				return nil, nil, fmt.Errorf("%s: served by %s and %s", route, other, id)
			}
			out[route], byRoute[route] = cognito, id
		}
	}
	return out, byRoute, nil
}

// specRoutes are the operations of the contract; an operation is guarded
// when its security requirement names CognitoIdToken.
func specRoutes(doc *openapi3.T) routes {
	out := routes{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			cognito := false
			if op.Security != nil {
				for _, req := range *op.Security {
					_, named := req["CognitoIdToken"]
					cognito = cognito || named
				}
			}
			out[method+" "+path] = cognito
		}
	}
	return out
}

// compareRoutes lists every difference between the template's routes and
// the contract's, sorted: a route in only one, or guarded in only one.
func compareRoutes(inTemplate, inSpec routes) []string {
	var diffs []string
	for r, cognito := range inTemplate {
		specCognito, ok := inSpec[r]
		switch {
		case !ok:
			diffs = append(diffs, r+": in template.yaml, not in api/openapi.yaml")
		case cognito != specCognito:
			diffs = append(diffs, fmt.Sprintf("%s: Cognito in template.yaml %v, in api/openapi.yaml %v", r, cognito, specCognito))
		}
	}
	for r := range inSpec {
		if _, ok := inTemplate[r]; !ok {
			diffs = append(diffs, r+": in api/openapi.yaml, not in template.yaml")
		}
	}
	sort.Strings(diffs)
	return diffs
}

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := api.Load()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestRoutesMatchContract: every Api route of template.yaml is an operation
// of api/openapi.yaml with the same method and the same auth (Cognito or
// none), and the other way round.
func TestRoutesMatchContract(t *testing.T) {
	inTemplate, _, err := templateRoutes(loadTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(inTemplate) == 0 {
		t.Fatal("no Api routes in template.yaml")
	}
	for _, d := range compareRoutes(inTemplate, specRoutes(loadSpec(t))) {
		t.Error(d)
	}
}

// extraFunction is a function with a route that the contract lacks.
const extraFunction = `
  ListExtrasFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      CodeUri: .
      Events:
        Api:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /extras
            Method: GET
`

// TestRouteDriftFails shows that TestRoutesMatchContract catches drift: a
// route added to only one of the two files, or guarded in only one.
func TestRouteDriftFails(t *testing.T) {
	data := readFile(t, "template.yaml")
	withExtra := strings.Replace(data, "\nOutputs:\n", extraFunction+"\nOutputs:\n", 1)
	if withExtra == data {
		t.Fatal("template.yaml has no Outputs section to insert before")
	}
	tpl, err := parseTemplate([]byte(withExtra))
	if err != nil {
		t.Fatal(err)
	}
	inTemplate, _, err := templateRoutes(tpl)
	if err != nil {
		t.Fatal(err)
	}
	diffs := compareRoutes(inTemplate, specRoutes(loadSpec(t)))
	if want := []string{"GET /extras: in template.yaml, not in api/openapi.yaml"}; !slices.Equal(diffs, want) {
		t.Errorf("route only in the template: %q, want %q", diffs, want)
	}

	original, _, err := templateRoutes(loadTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	spec := loadSpec(t)
	spec.Paths.Set("/extras", &openapi3.PathItem{Get: &openapi3.Operation{OperationID: "listExtras",
		Responses: openapi3.NewResponses()}})
	diffs = compareRoutes(original, specRoutes(spec))
	if want := []string{"GET /extras: in api/openapi.yaml, not in template.yaml"}; !slices.Equal(diffs, want) {
		t.Errorf("route only in the contract: %q, want %q", diffs, want)
	}

	spec = loadSpec(t)
	spec.Paths.Find("/cars/{carId}").Get.Security = &openapi3.SecurityRequirements{{"CognitoIdToken": {}}}
	diffs = compareRoutes(original, specRoutes(spec))
	if want := []string{"GET /cars/{carId}: Cognito in template.yaml false, in api/openapi.yaml true"}; !slices.Equal(diffs, want) {
		t.Errorf("auth in the contract only: %q, want %q", diffs, want)
	}
}

// TestFunctionsAreFolders: every functions/<name> folder is a template
// function named LogicalID(name), and every template function has a
// folder; each builds with the Makefile from the repository root.
func TestFunctionsAreFolders(t *testing.T) {
	tpl := loadTemplate(t)
	folders, err := lambdafn.Folders(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	fns := tpl.GetAllServerlessFunctionResources()
	for _, folder := range folders {
		if _, ok := fns[lambdafn.LogicalID(folder)]; !ok {
			t.Errorf("functions/%s: no function %q in template.yaml", folder, lambdafn.LogicalID(folder))
		}
	}
	for id, fn := range fns {
		folder, err := lambdafn.Folder(id)
		if err != nil {
			t.Errorf("template function %s: %v", id, err)
			continue
		}
		if !slices.Contains(folders, folder) {
			t.Errorf("template function %s: no functions/%s/main.go", id, folder)
		}
		if fn.CodeUri == nil || fn.CodeUri.String == nil || *fn.CodeUri.String != "." {
			t.Errorf("%s: CodeUri is not \".\" (the Makefile builds from the repository root)", id)
		}
		if bm := fn.AWSCloudFormationMetadata["BuildMethod"]; bm != "makefile" {
			t.Errorf("%s: Metadata BuildMethod = %v, want makefile", id, bm)
		}
		if fn.Runtime != nil || fn.Handler != nil || fn.Architectures != nil {
			t.Errorf("%s: sets its own Runtime, Handler or Architectures; Globals hold them", id)
		}
	}
}

// TestMakefileBuildsEachFunction: `make build-<LogicalId>`, as `sam build`
// runs it, builds the function's own folder into $ARTIFACTS_DIR/bootstrap
// for linux/arm64 with lambda.norpc. GO=echo prints the go command rather
// than running it.
func TestMakefileBuildsEachFunction(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	root := repoRoot(t)
	artifacts := t.TempDir()
	for id := range loadTemplate(t).GetAllServerlessFunctionResources() {
		folder, err := lambdafn.Folder(id)
		if err != nil {
			continue // TestFunctionsAreFolders reports it
		}
		cmd := exec.Command("make", "-s", "--no-print-directory", "build-"+id, "ARTIFACTS_DIR="+artifacts, "GO=echo")
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("make build-%s: %v\n%s", id, err, out)
			continue
		}
		for _, want := range []string{"GOOS=linux GOARCH=arm64 CGO_ENABLED=0", "-tags lambda.norpc",
			"-o " + filepath.Join(artifacts, "bootstrap") + " ./functions/" + folder + "\n"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("make build-%s does not run %q:\n%s", id, want, out)
			}
		}
	}
}

// TestHandlersAreTemplateRoutes: the functions with an Api event are
// exactly the keys of apigw.API.Handlers, which the local stack looks up by
// Folder(logicalID), and each is the handler of its route.
func TestHandlersAreTemplateRoutes(t *testing.T) {
	_, byRoute, err := templateRoutes(loadTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	handlers := apigw.New(nil, apigw.Options{}).Handlers()
	served := map[string]bool{}
	for route, id := range byRoute {
		folder, err := lambdafn.Folder(id)
		if err != nil {
			t.Error(err)
			continue
		}
		served[folder] = true
		if _, ok := handlers[folder]; !ok {
			t.Errorf("%s: %s (functions/%s) has no handler in apigw.API.Handlers", route, id, folder)
		}
	}
	for name := range handlers {
		if !served[name] {
			t.Errorf("apigw handler %q serves no Api route of template.yaml", name)
		}
	}
	want := map[string]string{
		"GET /locations": "ListLocationsFunction", "GET /cars": "ListCarsFunction",
		"GET /cars/{carId}": "GetCarFunction", "POST /bookings": "CreateBookingFunction",
		"GET /bookings": "ListBookingsFunction", "GET /bookings/{bookingId}": "GetBookingFunction",
		"PATCH /bookings/{bookingId}": "UpdateBookingFunction", "DELETE /bookings/{bookingId}": "CancelBookingFunction",
	}
	if !maps.Equal(byRoute, want) {
		t.Errorf("routes -> functions = %v, want %v", byRoute, want)
	}
}

// readFile is the repository's file name.
func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
