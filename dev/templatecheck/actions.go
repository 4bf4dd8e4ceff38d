package templatecheck

import (
	"fmt"
	"slices"
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
				r = strings.NewReplacer("${", "", "}", "", ".Arn", "", ".StreamArn", "'s stream").Replace(r)
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
// a Lambda permission on it, or the streams of its event source mappings
// and the service of a role that may invoke it.
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
	return strings.Join(t.invokers(id, fn), ", ")
}

// invokers are the streams whose event source mappings invoke function
// id ("Table's stream") and the services of the template's roles that may
// invoke it ("scheduler.amazonaws.com").
func (t *Template) invokers(id string, fn map[string]any) []string {
	var out []string
	maps := t.resources(mappingType)
	for _, m := range sortedIDs(maps) {
		if table, ok := getAtt(get(maps[m], "Properties", "EventSourceArn"), "StreamArn"); ok && refersTo(get(maps[m], "Properties", "FunctionName"), id) {
			out = append(out, table+"'s stream")
		}
	}
	name := "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + text(get(fn, "Properties", "FunctionName"))
	roles := t.resources(roleType)
	for _, r := range sortedIDs(roles) {
		for _, p := range list(get(roles[r], "Properties", "Policies")) {
			sts, _ := parseStatements(r, get(p, "PolicyDocument", "Statement"))
			for _, st := range sts {
				if slices.Contains(st.actions, "lambda:InvokeFunction") && (slices.Contains(st.resources, name) || slices.Contains(st.resources, id+".Arn")) {
					out = append(out, services(roles[r])...)
				}
			}
		}
	}
	return out
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

// services are the services that role's trust policy names.
func services(role any) []string {
	var out []string
	for _, s := range list(get(role, "Properties", "AssumeRolePolicyDocument", "Statement")) {
		out = append(out, strs(get(s, "Principal", "Service"))...)
	}
	return out
}
