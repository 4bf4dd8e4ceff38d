package archcheck

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/carrental/backend/"

// goList runs `go list` with args and returns the packages it prints.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}

// tooling reports whether pkg is developer tooling: dev/... or cmd/....
func tooling(pkg string) bool {
	rest, ours := strings.CutPrefix(pkg, module)
	return ours && (strings.HasPrefix(rest, "dev/") || strings.HasPrefix(rest, "cmd/"))
}

// TestFunctionsShipNoTooling: `go list -deps ./functions/...` (what `make
// build` links into the Lambda bootstraps) names no package of dev/ or cmd/.
func TestFunctionsShipNoTooling(t *testing.T) {
	deps := goList(t, "-deps", module+"functions/...")
	if len(deps) == 0 {
		t.Fatal("go list printed no packages")
	}
	for _, pkg := range deps {
		if tooling(pkg) {
			t.Errorf("a function depends on the tooling package %s", pkg)
		}
	}
}

// TestPkgShipsOnly: every package under pkg/ is shipped code, so none of
// them (tests aside) depends on dev/ or cmd/ either, whether a function
// links it yet or not.
func TestPkgShipsOnly(t *testing.T) {
	for _, pkg := range goList(t, "-deps", module+"pkg/...") {
		if tooling(pkg) {
			t.Errorf("a package under pkg/ depends on the tooling package %s", pkg)
		}
	}
}

// TestToolingIsRecognised guards the two tests above: the rule must see
// dev/ and cmd/ packages as tooling and pkg/ as shipped, or they could not
// fail.
func TestToolingIsRecognised(t *testing.T) {
	for pkg, want := range map[string]bool{
		module + "dev/localstack": true, module + "cmd/local": true,
		module + "pkg/rental": false, module + "functions/get-car": false, "github.com/aws/aws-lambda-go/lambda": false,
	} {
		if got := tooling(pkg); got != want {
			t.Errorf("tooling(%q) = %v, want %v", pkg, got, want)
		}
	}
}

// heavy are packages that only some functions need, with those functions:
// a binary that links one it does not need is larger and starts slower
// (docs/figures.md, "Binary sizes"). The wiring packages keep them apart
// (pkg/lambdafn/lexwire, notifywire, photowire).
var heavy = map[string][]string{
	"github.com/aws/aws-sdk-go-v2/service/s3":        {"create-photo-upload", "update-car"},
	"github.com/aws/aws-sdk-go-v2/service/sesv2":     {"notify"},
	"github.com/aws/aws-sdk-go-v2/service/scheduler": {"notify"},
	module + "pkg/lexbot":                            {"lex-fulfillment"},
}

// TestFunctionsLinkWhatTheyUse: each function's binary links the heavy
// packages it needs and no other.
func TestFunctionsLinkWhatTheyUse(t *testing.T) {
	folders := goList(t, module+"functions/...")
	if len(folders) < 10 {
		t.Fatalf("only %d functions", len(folders))
	}
	for _, fn := range folders {
		deps := map[string]bool{}
		for _, d := range goList(t, "-deps", fn) {
			deps[d] = true
		}
		name := fn[strings.LastIndex(fn, "/")+1:]
		for pkg, users := range heavy {
			if want := slices.Contains(users, name); deps[pkg] != want {
				t.Errorf("functions/%s links %s: %v, want %v", name, pkg, deps[pkg], want)
			}
		}
	}
}

// wireNames are the REST API's names for a booking's fields and headers:
// the adapters (pkg/apigw, pkg/lexbot) say them, the domain and the store
// do not (issue 12: the domain returns typed rule violations, the adapter
// renders them in its own words).
var wireNames = []string{"pickupDate", "returnDate", "carId", "Idempotency-Key"}

// TestDomainAndStoreSayNoWireName: no Go file of pkg/rental or pkg/dynamo,
// tests included, holds a REST field or header name.
func TestDomainAndStoreSayNoWireName(t *testing.T) {
	for _, dir := range []string{"../../pkg/rental", "../../pkg/dynamo"} {
		seen := 0
		err := filepath.WalkDir(dir, func(f string, _ fs.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(f, ".go") {
				return err
			}
			seen++
			if hit := wireNameIn(t, f); hit != "" {
				t.Errorf("%s holds the REST name %q", f, hit)
			}
			return nil
		})
		if err != nil || seen == 0 {
			t.Fatalf("reading %s: %d Go files, %v", dir, seen, err)
		}
	}
}

// wireNameIn returns the first of wireNames in file f, or "".
func wireNameIn(t *testing.T, f string) string {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range wireNames {
		if strings.Contains(string(b), n) {
			return n
		}
	}
	return ""
}
