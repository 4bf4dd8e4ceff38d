package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

// statement is one Allow statement that a function's role gets.
type statement struct {
	policy    string   // the managed policy's logical ID, or "inline"
	actions   []string // as written, e.g. dynamodb:GetItem
	resources []string // described: Table.Arn, ${Table.Arn}/index/GSI1
	// transactionsOnly: the statement's condition keeps it to
	// TransactWriteItems (dynamodb:EnclosingOperation).
	transactionsOnly bool
	// partitions are the dynamodb:LeadingKeys values that the statement's
	// ForAllValues condition admits (patterns with StringLike), nil when
	// it has none; partitionsOp names that condition's operator.
	partitions   []string
	partitionsOp string
}

// readActions are the DynamoDB actions that change nothing. Any other
// dynamodb: action is a write for the read-only rule.
var readActions = []string{"dynamodb:getitem", "dynamodb:batchgetitem", "dynamodb:query", "dynamodb:scan",
	"dynamodb:conditioncheckitem", "dynamodb:describetable", "dynamodb:transactgetitems", "dynamodb:partiqlselect"}

// forbiddenActions no function may have: a Scan reads the whole table (and
// bills it), DeleteTable loses it. IAM action names ignore case.
var forbiddenActions = []string{"dynamodb:scan", "dynamodb:deletetable"}

// statements are the Allow statements of function id: its Policies, each
// a reference to an AWS::IAM::ManagedPolicy of the template or an inline
// policy document. Anything else (an AWS managed policy by name, a SAM
// policy template, a Role of its own) cannot be checked here and is a
// breach. SAM adds AWSLambdaBasicExecutionRole and, for Tracing Active,
// AWSXrayWriteOnlyAccess by itself; their "*" resources are AWS's (neither
// CloudWatch Logs' CreateLogGroup nor X-Ray's PutTraceSegments takes a
// resource) and are not ours to narrow.
func (t *Template) statements(id string, fn map[string]any) ([]statement, []error) {
	var errs []error
	if get(fn, "Properties", "Role") != nil {
		errs = append(errs, breach(rulePolicy, id, "has a Role of its own, whose policies these checks cannot see"))
	}
	var out []statement
	policies := get(fn, "Properties", "Policies")
	items, ok := policies.([]any)
	if !ok && policies != nil {
		items = []any{policies}
	}
	managed := t.resources(managedPolicy)
	for _, p := range items {
		switch {
		case get(p, "Ref") != nil:
			ref := describe(p)
			mp, ok := managed[ref]
			if !ok {
				errs = append(errs, breach(rulePolicy, id, "policy %s is no AWS::IAM::ManagedPolicy of the template", ref))
				continue
			}
			sts, err := parseStatements(ref, get(mp, "Properties", "PolicyDocument", "Statement"))
			if err != nil {
				errs = append(errs, breach(rulePolicy, id, "%v", err))
			}
			out = append(out, sts...)
		case get(p, "Statement") != nil:
			sts, err := parseStatements("inline", get(p, "Statement"))
			if err != nil {
				errs = append(errs, breach(rulePolicy, id, "%v", err))
			}
			out = append(out, sts...)
		default:
			errs = append(errs, breach(rulePolicy, id, "policy %s cannot be checked: use a managed policy of the template "+
				"or an inline document", describe(p)))
		}
	}
	return out, errs
}

func parseStatements(policy string, v any) ([]statement, error) {
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	var out []statement
	for _, s := range list {
		if get(s, "NotAction") != nil || get(s, "NotResource") != nil {
			return out, fmt.Errorf("%s: NotAction or NotResource grants everything else", policy)
		}
		if get(s, "Effect") != "Allow" {
			continue
		}
		st := statement{policy: policy, actions: strs(get(s, "Action"))}
		res := get(s, "Resource")
		if l, ok := res.([]any); ok {
			for _, r := range l {
				st.resources = append(st.resources, describe(r))
			}
		} else if res != nil {
			st.resources = []string{describe(res)}
		}
		ops := strs(get(s, "Condition", "ForAnyValue:StringEquals", "dynamodb:EnclosingOperation"))
		st.transactionsOnly = slices.Equal(ops, []string{"TransactWriteItems"})
		st.partitionsOp, st.partitions = leadingKeys(get(s, "Condition"))
		out = append(out, st)
	}
	return out, nil
}

// readOnly reports whether function fn only reads: all its events are
// API GET routes (GET /locations, /cars, /cars/{carId}, /bookings,
// /bookings/{bookingId}).
func readOnly(fn map[string]any) bool {
	events, _ := get(fn, "Properties", "Events").(map[string]any)
	if len(events) == 0 {
		return false
	}
	for _, e := range events {
		if get(e, "Type") != "Api" || !strings.EqualFold(fmt.Sprint(get(e, "Properties", "Method")), "GET") {
			return false
		}
	}
	return true
}

// checkPolicies: no function may Scan, delete a table, or use a wildcard
// action or resource; a read-only function has no write action.
func (t *Template) checkPolicies() []error {
	var errs []error
	fns := t.resources(functionType)
	for _, id := range sortedIDs(fns) {
		sts, e := t.statements(id, fns[id])
		errs = append(errs, e...)
		for _, st := range sts {
			for _, a := range st.actions {
				la := strings.ToLower(a)
				switch {
				case strings.Contains(la, "*"):
					errs = append(errs, breach(rulePolicy, id, "%s grants the wildcard action %s", st.policy, a))
				case slices.Contains(forbiddenActions, la):
					errs = append(errs, breach(rulePolicy, id, "%s grants %s", st.policy, a))
				case readOnly(fns[id]) && strings.HasPrefix(la, "dynamodb:") && !slices.Contains(readActions, la):
					errs = append(errs, breach(rulePolicy, id, "only reads (GET routes) but %s grants the write action %s", st.policy, a))
				}
			}
			if len(st.resources) == 0 {
				errs = append(errs, breach(rulePolicy, id, "%s has a statement without a Resource", st.policy))
			}
			for _, r := range st.resources {
				if strings.Contains(r, "*") && !t.inScheduleGroup(r) {
					errs = append(errs, breach(rulePolicy, id, "%s grants on the wildcard resource %s", st.policy, r))
				}
			}
		}
	}
	return errs
}
