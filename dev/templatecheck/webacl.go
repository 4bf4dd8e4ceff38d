package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

// checkWebACL: web ACL id runs each of managedRuleGroups with its own
// actions (OverrideAction None: Count would only count), a rate-based
// rule per client address, and one per Authorization header scoped to
// writeMethods, both blocking. AWS::WAFv2::WebACL,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-wafv2-webacl.html
func checkWebACL(id string, acl map[string]any) []error {
	var errs []error
	rules := list(get(acl, "Properties", "Rules"))
	for _, g := range managedRuleGroups {
		r := ruleWith(rules, func(st any) bool {
			return get(st, "ManagedRuleGroupStatement", "VendorName") == "AWS" && get(st, "ManagedRuleGroupStatement", "Name") == g
		})
		switch {
		case r == nil:
			errs = append(errs, breach(ruleFirewall, id, "does not run the AWS managed rule group %s", g))
		case get(r, "OverrideAction", "None") == nil:
			errs = append(errs, breach(ruleFirewall, id, "runs %s with OverrideAction %v: its rules only count; want None", g, get(r, "OverrideAction")))
		}
	}
	perIP := ruleWith(rules, func(st any) bool { return rateKeys(st) == "IP" })
	if msg := blocks(perIP); msg != "" {
		errs = append(errs, breach(ruleFirewall, id, "no rate-based rule per client address (AggregateKeyType IP) %s", msg))
	}
	perToken := ruleWith(rules, func(st any) bool { return rateKeys(st) == "header authorization" })
	if msg := blocks(perToken); msg != "" {
		errs = append(errs, breach(ruleFirewall, id, "no rate-based rule per Authorization header (CUSTOM_KEYS, Header authorization) %s", msg))
	} else if m := methodsOf(get(perToken, "Statement", "RateBasedStatement", "ScopeDownStatement")); !slices.Equal(m, writeMethods) {
		errs = append(errs, breach(ruleFirewall, id, "the rate-based rule per Authorization header is scoped to the methods %v, want the writes %v", m, writeMethods))
	}
	return errs
}

// ruleWith is the first rule whose Statement satisfies match, or nil.
func ruleWith(rules []any, match func(statement any) bool) any {
	for _, r := range rules {
		if match(get(r, "Statement")) {
			return r
		}
	}
	return nil
}

// rateKeys describes what a rate-based statement counts by: "IP",
// "header authorization" (a CUSTOM_KEYS of that one header, any case),
// or "" for anything else.
func rateKeys(st any) string {
	rb := get(st, "RateBasedStatement")
	switch get(rb, "AggregateKeyType") {
	case "IP":
		return "IP"
	case "CUSTOM_KEYS":
		keys := list(get(rb, "CustomKeys"))
		if len(keys) == 1 && strings.EqualFold(fmt.Sprint(get(keys[0], "Header", "Name")), "authorization") {
			return "header authorization"
		}
	}
	return ""
}

// blocks is "" when rule r exists and blocks (Action Block), else why not.
func blocks(r any) string {
	switch {
	case r == nil:
		return "(none)"
	case get(r, "Action", "Block") == nil:
		return fmt.Sprintf("that blocks (Action is %v)", get(r, "Action"))
	}
	return ""
}

// methodsOf lists, sorted, the methods that a scope-down statement
// matches exactly: a ByteMatchStatement on Method, or an OrStatement of
// them; nil for anything else.
func methodsOf(st any) []string {
	if bm := get(st, "ByteMatchStatement"); bm != nil {
		if get(bm, "FieldToMatch", "Method") == nil || get(bm, "PositionalConstraint") != "EXACTLY" {
			return nil
		}
		return []string{fmt.Sprint(get(bm, "SearchString"))}
	}
	var out []string
	for _, s := range list(get(st, "OrStatement", "Statements")) {
		m := methodsOf(s)
		if m == nil {
			return nil
		}
		out = append(out, m...)
	}
	slices.Sort(out)
	return out
}
