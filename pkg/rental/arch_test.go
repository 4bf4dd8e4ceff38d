package rental_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoAWSImport keeps the domain free of AWS: adapters convert at the
// boundary (DESIGN.md, "Layout").
func TestNoAWSImport(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/carrental/backend/pkg/rental").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "github.com/aws/") || strings.Contains(pkg, "lambda") {
			t.Errorf("pkg/rental depends on %s", pkg)
		}
	}
}
