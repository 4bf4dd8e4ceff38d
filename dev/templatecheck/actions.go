package templatecheck

import (
	"fmt"
	"sort"
	"strings"

	"github.com/carrental/backend/pkg/lambdafn"
)

// FunctionActions is what one function may do to DynamoDB: a row of the
// least-privilege table in docs/operations.md.
type FunctionActions struct {
	Function string   // the folder under functions/, e.g. "get-car"
	Trigger  string   // "GET /cars/{carId}", or the service that invokes it
	Grants   []string // one a statement: actions, resources, condition
}

// Actions lists each function's DynamoDB grants from its policies, sorted
// by function.
func (t *Template) Actions() ([]FunctionActions, error) {
	fns := t.resources(functionType)
	var out []FunctionActions
	for _, id := range sortedIDs(fns) {
		folder, err := lambdafn.Folder(id)
		if err != nil {
			return nil, err
		}
		sts, errs := t.statements(id, fns[id])
		if len(errs) > 0 {
			return nil, errs[0]
		}
		row := FunctionActions{Function: folder, Trigger: t.trigger(id, fns[id])}
		for _, st := range sts {
			var actions, resources []string
			for _, a := range st.actions {
				if name, ok := strings.CutPrefix(a, "dynamodb:"); ok {
					actions = append(actions, name)
				}
			}
			if len(actions) == 0 {
				continue
			}
			for _, r := range st.resources {
				r = strings.NewReplacer("${", "", "}", "", ".Arn", "").Replace(r)
				resources = append(resources, r)
			}
			g := strings.Join(actions, ", ") + " on " + strings.Join(resources, ", ")
			if st.transactionsOnly {
				g += ", inside TransactWriteItems only"
			}
			if st.partitions != nil {
				g += ", partitions " + strings.Join(st.partitions, ", ") + " only"
			}
			row.Grants = append(row.Grants, g)
		}
		out = append(out, row)
	}
	return out, nil
}

// trigger is what calls function id: its API routes, or the principal of
// a Lambda permission on it.
func (t *Template) trigger(id string, fn map[string]any) string {
	var routes []string
	events, _ := get(fn, "Properties", "Events").(map[string]any)
	for _, e := range events {
		if get(e, "Type") == "Api" {
			routes = append(routes, fmt.Sprintf("%v %v", get(e, "Properties", "Method"), get(e, "Properties", "Path")))
		}
	}
	sort.Strings(routes)
	if len(routes) > 0 {
		return strings.Join(routes, ", ")
	}
	for _, p := range t.resources("AWS::Lambda::Permission") {
		if describe(get(p, "Properties", "FunctionName")) == id+".Arn" {
			return fmt.Sprint(get(p, "Properties", "Principal"))
		}
	}
	return ""
}

// ActionsTable is rows as a Markdown table.
func ActionsTable(rows []FunctionActions) string {
	var b strings.Builder
	b.WriteString("| function | called by | DynamoDB actions it may perform |\n|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Function, r.Trigger, strings.Join(r.Grants, "; "))
	}
	return b.String()
}
