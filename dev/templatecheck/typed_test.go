package templatecheck

import (
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
)

// loadTyped is the repository's template.yaml as goformation's typed
// structs (samtemplate.Typed).
func loadTyped(t testing.TB) *samtemplate.Typed {
	t.Helper()
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	typed, err := tpl.Typed()
	if err != nil {
		t.Fatalf("template.yaml: %v", err)
	}
	return typed
}
