package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

const (
	rulePartitions = "partitions"
	// customerPartition begins every partition key that holds a
	// customer's items: bookings, the account and idempotency records
	// (pkg/dynamo: USER#<sub>). TestPublicReadsStayInTheirPartitions ties
	// it to what the store writes.
	customerPartition = "USER#"
	leadingKeysKey    = "dynamodb:LeadingKeys"
)

// The condition operators that bound a request's partition keys: every
// key of the request must match ("ForAllValues"; IAM requires it for
// dynamodb:LeadingKeys, a multivalued key), exactly or by pattern (*, ?).
const (
	allLike   = "ForAllValues:StringLike"
	allEquals = "ForAllValues:StringEquals"
)

// leadingKeys finds dynamodb:LeadingKeys in a statement's Condition: the
// operator it sits under and its values; "" and nil when there is none.
func leadingKeys(cond any) (op string, values []string) {
	m, _ := cond.(map[string]any)
	for _, o := range sortedIDs(m) {
		if v := get(m[o], leadingKeysKey); v != nil {
			return o, strs(v)
		}
	}
	return "", nil
}

// public reports whether function fn serves only routes without an
// authorizer: anyone on the internet can make it read.
func (t *Template) public(fn map[string]any) bool {
	events, _ := get(fn, "Properties", "Events").(map[string]any)
	if len(events) == 0 {
		return false
	}
	for _, e := range events {
		if get(e, "Type") != "Api" || get(e, "Properties", "Auth", "Authorizer") != nil {
			return false
		}
		if api := describe(get(e, "Properties", "RestApiId")); get(t.doc, "Resources", api, "Properties", "Auth", "DefaultAuthorizer") != nil {
			return false
		}
	}
	return true
}

// checkPartitions: a public function reads the table and its indexes only
// under a dynamodb:LeadingKeys condition (ForAllValues) that admits no
// customer's partition, so that no request anyone can send reads a
// booking ("Using IAM policy conditions for fine-grained access control",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
func (t *Template) checkPartitions() []error {
	var errs []error
	fns := t.resources(functionType)
	for _, id := range sortedIDs(fns) {
		if !t.public(fns[id]) {
			continue
		}
		sts, _ := t.statements(id, fns[id]) // their errors are checkPolicies'
		for _, st := range sts {
			if !slices.ContainsFunc(st.actions, func(a string) bool { return strings.HasPrefix(strings.ToLower(a), "dynamodb:") }) {
				continue
			}
			where := fmt.Sprintf("%s grants %s on %s", st.policy, strings.Join(st.actions, ", "), strings.Join(st.resources, ", "))
			if st.partitionsOp != allLike && st.partitionsOp != allEquals {
				errs = append(errs, breach(rulePartitions, id, "is public and %s without a %s condition on %s (%s or %s)",
					where, allLike, leadingKeysKey, allLike, allEquals))
				continue
			}
			for _, p := range st.partitions {
				if st.admitsPrefix(p, customerPartition) {
					errs = append(errs, breach(rulePartitions, id, "is public and %s in partition %q, which can be a customer's (%s<sub>)",
						where, p, customerPartition))
				}
			}
		}
	}
	return errs
}

// admitsPrefix reports whether partition value p of st (a pattern under
// StringLike, a literal under StringEquals) admits some key that begins
// with prefix.
func (st statement) admitsPrefix(p, prefix string) bool {
	if st.partitionsOp != allLike {
		return strings.HasPrefix(p, prefix)
	}
	for i := 0; i < len(prefix); i++ {
		switch {
		case i >= len(p):
			return false
		case p[i] == '*':
			return true
		case p[i] != '?' && p[i] != prefix[i]:
			return false
		}
	}
	return true
}

// allows reports whether st lets a request perform action (dynamodb:Query)
// on resource (described: Table.Arn, ${Table.Arn}/index/GSI1) reaching the
// partition keys keys, as IAM evaluates an Allow statement with these
// conditions. A statement kept to transactions allows no request of its
// own.
func (st statement) allows(action, resource string, keys []string) bool {
	if st.transactionsOnly || !slices.ContainsFunc(st.actions, func(a string) bool { return strings.EqualFold(a, action) }) ||
		!slices.Contains(st.resources, resource) {
		return false
	}
	switch st.partitionsOp {
	case "":
		return true
	case allLike, allEquals:
		for _, k := range keys {
			if !slices.ContainsFunc(st.partitions, func(p string) bool {
				return p == k || st.partitionsOp == allLike && glob(p, k)
			}) {
				return false
			}
		}
		return true
	}
	return false // another operator: not one this evaluator knows
}

// glob matches s against an IAM StringLike pattern: * is any run of
// characters, ? any one.
func glob(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if glob(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
		}
		pattern, s = pattern[1:], s[1:]
	}
	return s == ""
}
