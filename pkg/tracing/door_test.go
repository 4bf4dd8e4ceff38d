package tracing_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOneDoor: pkg/tracing is the only package of ours that imports the
// X-Ray SDK (internal/deps only pins modules in go.mod), so that moving to
// OpenTelemetry is a rewrite of this package; and with the tag notrace no
// function links the SDK at all.
func TestOneDoor(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "github.com/carrental/backend/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		if strings.Contains(imports, "github.com/aws/aws-xray-sdk-go") &&
			!strings.HasSuffix(pkg, "/pkg/tracing") && !strings.HasSuffix(pkg, "/internal/deps") {
			t.Errorf("%s imports the X-Ray SDK: go through pkg/tracing", pkg)
		}
	}
	out, err = exec.Command("go", "list", "-tags", "notrace", "-deps", "github.com/carrental/backend/functions/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "aws-xray-sdk-go") {
		t.Error("built with -tags notrace, a function still links the X-Ray SDK")
	}
}
