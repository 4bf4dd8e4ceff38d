package templatecheck

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/carrental/backend/dev/samtemplate"
)

// actionsDoc is the page whose least-privilege table is the template's:
// it sits between these two lines.
const (
	actionsDoc = "docs/operations.md"
	tableStart = "<!-- templatecheck: actions (generated from template.yaml; TestActionsTable checks it) -->"
	tableEnd   = "<!-- /templatecheck -->"
)

// TestActionsTable: the table of DynamoDB actions per function in
// docs/operations.md is the template's, and it is the only such table.
func TestActionsTable(t *testing.T) {
	rows, err := load(t).Actions()
	if err != nil {
		t.Fatal(err)
	}
	want := ActionsTable(rows)
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, actionsDoc))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkActionsTable(string(doc), want); err != nil {
		t.Errorf("%s: %v", actionsDoc, err)
	}
	// A second copy elsewhere would drift unchecked.
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, md := range append(pages, filepath.Join(root, "README.md")) {
		rel, _ := filepath.Rel(root, md)
		if data, err := os.ReadFile(md); err == nil && rel != actionsDoc && strings.Contains(string(data), "<!-- templatecheck: actions") {
			t.Errorf("%s has a copy of the actions table: keep it in %s only", rel, actionsDoc)
		}
	}
	// The read-only functions are exactly the GET routes' functions.
	var readers, gets []string
	for id, fn := range load(t).resources(functionType) {
		if readOnly(fn) {
			readers = append(readers, id)
		}
	}
	for _, r := range lambdafn.RESTRoutes() {
		if r.Method == "GET" {
			gets = append(gets, lambdafn.LogicalID(r.Function))
		}
	}
	slices.Sort(readers)
	slices.Sort(gets)
	if len(gets) == 0 || !slices.Equal(readers, gets) {
		t.Errorf("read-only functions %v, want the GET routes' %v", readers, gets)
	}
}

// TestActionsTableDrift: the check fails when the table in the page drifts
// from the template's: a row changed, a row missing, the markers gone.
func TestActionsTableDrift(t *testing.T) {
	rows, err := load(t).Actions()
	if err != nil {
		t.Fatal(err)
	}
	want := ActionsTable(rows)
	page := func(table string) string {
		return "# Operations\n\n" + tableStart + "\n" + table + tableEnd + "\n\nmore\n"
	}
	if err := checkActionsTable(page(want), want); err != nil {
		t.Fatalf("the template's own table: %v", err)
	}
	lines := strings.SplitAfter(want, "\n")
	getCar := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "| `get-car` ") {
			getCar = i
		}
	}
	if getCar < 0 {
		t.Fatalf("no get-car row in\n%s", want)
	}
	changed := strings.Join(lines[:getCar], "") + strings.Replace(lines[getCar], "GetItem, Query", "GetItem, Query, Scan", 1) + strings.Join(lines[getCar+1:], "")
	missing := strings.Join(lines[:getCar], "") + strings.Join(lines[getCar+1:], "")
	for name, doc := range map[string]string{
		"a row changed":    page(changed),
		"a row missing":    page(missing),
		"no end marker":    "# Operations\n\n" + tableStart + "\n" + want,
		"no table at all":  "# Operations\n",
		"an empty table":   page(""),
		"a blank line off": page(want + "\n"),
	} {
		if err := checkActionsTable(doc, want); err == nil {
			t.Errorf("%s: the check passed", name)
		}
	}
}

// checkActionsTable checks that doc holds exactly want between tableStart
// and tableEnd.
func checkActionsTable(doc, want string) error {
	_, rest, ok := strings.Cut(doc, tableStart+"\n")
	got, _, ok2 := strings.Cut(rest, tableEnd)
	if !ok || !ok2 {
		return fmt.Errorf("no table between\n%s\n%s\nPut this there:\n%s", tableStart, tableEnd, want)
	}
	if got != want {
		return errors.New("the table is not the template's. Want:\n" + want + "\ngot:\n" + got)
	}
	return nil
}
