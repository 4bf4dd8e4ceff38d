package routegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/carrental/backend/api"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
)

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := api.Load()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func root(t testing.TB) string { return samtemplate.MustRoot(t) }

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func parse(t testing.TB, text string) *samtemplate.Template {
	t.Helper()
	tpl, err := samtemplate.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// TestGeneratedFilesAreFresh: the generated route code on disk is what
// template.yaml and api/openapi.yaml make today (run make generate).
func TestGeneratedFilesAreFresh(t *testing.T) {
	r, files, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	if stale := Stale(r, files); len(stale) > 0 {
		t.Errorf("stale generated files (run make generate): %v", stale)
	}
	// Every REST function's main is generated; the other mains (the code
	// hook) are not REST functions at all.
	folders, err := lambdafn.Folders(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folders {
		_, generated := files["functions/"+f+"/main.go"]
		_, rest := lambdafn.RESTRouteOf(f)
		if generated != rest {
			t.Errorf("functions/%s: generated %v, REST route %v", f, generated, rest)
		}
	}
}

// TestStaleFilesAreFound: a generated file that differs from Generate's
// output, or is missing, is reported (so the test above can fail).
func TestStaleFilesAreFound(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"a/x.go": []byte("package a\n"), "b/y.go": []byte("package b\n")}
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a/x.go"), []byte("package a // edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Stale(dir, files); !slices.Equal(got, []string{"a/x.go", "b/y.go"}) {
		t.Errorf("Stale = %v", got)
	}
}

// TestRoutesMatchContract: every Api route of template.yaml is an operation
// of api/openapi.yaml with the same method and the same auth (Cognito or
// none), and the other way round.
func TestRoutesMatchContract(t *testing.T) {
	routes, problems, err := Join(parse(t, readFile(t, samtemplate.FileName)), loadSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(routes) == 0 {
		t.Fatal("no Api routes in template.yaml")
	}
	for _, p := range problems {
		t.Error(p)
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
	data := readFile(t, samtemplate.FileName)
	withExtra := strings.Replace(data, "\nOutputs:\n", extraFunction+"\nOutputs:\n", 1)
	if withExtra == data {
		t.Fatal("template.yaml has no Outputs section to insert before")
	}
	check := func(name, tpl string, spec *openapi3.T, want []string) {
		t.Helper()
		_, problems, err := Join(parse(t, tpl), spec)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(problems, want) {
			t.Errorf("%s: %q, want %q", name, problems, want)
		}
	}
	check("route only in the template", withExtra, loadSpec(t),
		[]string{"GET /extras: in template.yaml, not in api/openapi.yaml"})

	spec := loadSpec(t)
	spec.Paths.Set("/extras", &openapi3.PathItem{Get: &openapi3.Operation{OperationID: "listExtras",
		Responses: openapi3.NewResponses()}})
	check("route only in the contract", data, spec, []string{"GET /extras: in api/openapi.yaml, not in template.yaml"})

	spec = loadSpec(t)
	spec.Paths.Find("/cars/{carId}").Get.Security = &openapi3.SecurityRequirements{{cognitoScheme: {}}}
	check("auth in the contract only", data, spec,
		[]string{"GET /cars/{carId}: Cognito in template.yaml false, in api/openapi.yaml true"})

	spec = loadSpec(t)
	spec.Paths.Find("/cars/{carId}").Get.OperationID = "get-car"
	check("an operationId that names no Go method", data, spec,
		[]string{`GET /cars/{carId}: operationId "get-car" is not a lowerCamelCase Go name`})
}

// TestFunctionsAreFolders: every functions/<name> folder is a template
// function named LogicalID(name), and every template function has a
// folder; each builds with the Makefile from the repository root.
func TestFunctionsAreFolders(t *testing.T) {
	typed, err := parse(t, readFile(t, samtemplate.FileName)).Typed()
	if err != nil {
		t.Fatal(err)
	}
	folders, err := lambdafn.Folders(root(t))
	if err != nil {
		t.Fatal(err)
	}
	fns := typed.GetAllServerlessFunctionResources()
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
	tpl := parse(t, readFile(t, samtemplate.FileName))
	artifacts := t.TempDir()
	ids := tpl.LogicalIDs("AWS::Serverless::Function")
	if len(ids) == 0 {
		t.Fatal("no functions in template.yaml")
	}
	for _, id := range ids {
		folder, err := lambdafn.Folder(id)
		if err != nil {
			continue // TestFunctionsAreFolders reports it
		}
		cmd := exec.Command("make", "-s", "--no-print-directory", "build-"+id, "ARTIFACTS_DIR="+artifacts, "GO=echo")
		cmd.Dir = root(t)
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

// TestHandlersAreTemplateRoutes: the operations that pkg/apigw serves are
// exactly those that template.yaml routes to a function, and each REST
// function finds its handler the way its main does.
func TestHandlersAreTemplateRoutes(t *testing.T) {
	api := apigw.New(nil, apigw.Options{})
	var served, routed []string
	for op := range api.Operations() {
		served = append(served, op)
	}
	for _, r := range lambdafn.RESTRoutes() {
		routed = append(routed, r.Operation)
		if h, ok := api.Operation(r.Operation); !ok || h == nil {
			t.Errorf("functions/%s: no handler of operation %s", r.Function, r.Operation)
		}
	}
	sort.Strings(served)
	sort.Strings(routed)
	if len(routed) == 0 || !slices.Equal(served, routed) {
		t.Errorf("apigw serves %v, template.yaml routes %v", served, routed)
	}
}
