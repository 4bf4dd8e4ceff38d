package templatecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carrental/backend/internal/samtemplate"
)

// The README's least-privilege table sits between these two lines.
const (
	tableStart = "<!-- templatecheck: actions (generated from template.yaml; TestREADMEActions checks it) -->"
	tableEnd   = "<!-- /templatecheck -->"
)

// TestREADMEActions: the README's table of DynamoDB actions per function is
// the template's.
func TestREADMEActions(t *testing.T) {
	rows, err := load(t).Actions()
	if err != nil {
		t.Fatal(err)
	}
	want := ActionsTable(rows)
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), tableStart+"\n")
	got, _, ok2 := strings.Cut(rest, tableEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md has no table between\n%s\n%s\nPut this there:\n%s", tableStart, tableEnd, want)
	}
	if got != want {
		t.Errorf("README.md's table is not the template's. Want:\n%s\ngot:\n%s", want, got)
	}
	// The read-only functions are the five GET routes.
	var readers []string
	for id, fn := range load(t).resources(functionType) {
		if readOnly(fn) {
			readers = append(readers, id)
		}
	}
	if len(readers) != 5 {
		t.Errorf("read-only functions %v, want the 5 GET routes", readers)
	}
}
