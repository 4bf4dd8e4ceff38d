package archcheck

import (
	"os/exec"
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
