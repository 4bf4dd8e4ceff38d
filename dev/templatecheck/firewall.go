package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

const (
	ruleFirewall       = "firewall"
	webACLType         = "AWS::WAFv2::WebACL"
	webACLAssocType    = "AWS::WAFv2::WebACLAssociation"
	serverlessAPIType  = "AWS::Serverless::Api"
	cloudFrontACLScope = "CLOUDFRONT"
	regionalACLScope   = "REGIONAL"
)

// managedRuleGroups are the AWS managed rule groups every web ACL runs:
// "AWS Managed Rules rule groups list",
// https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
var managedRuleGroups = []string{"AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"}

// writeMethods are the methods that change something: the rate limit per
// session covers these.
var writeMethods = []string{"DELETE", "PATCH", "POST", "PUT"}

// checkFirewall: every API stage is associated with a REGIONAL web ACL of
// the template; every distribution that reaches the API (an origin that is
// no bucket) has a CLOUDFRONT one (checkDistributionACL); every web ACL
// blocks by AWS's managed rule groups and by two rate-based rules, per
// client address and, for writes, per Authorization header
// (checkWebACL).
func (t *Template) checkFirewall() []error {
	var errs []error
	acls := t.resources(webACLType)
	for _, id := range sortedIDs(acls) {
		errs = append(errs, checkWebACL(id, acls[id])...)
	}
	for _, api := range sortedIDs(t.resources(serverlessAPIType)) {
		if !t.stageAssociated(api) {
			errs = append(errs, breach(ruleFirewall, api, "no %s associates a %s web ACL of the template with its stage "+
				"(ResourceArn !Sub ...:apigateway:${AWS::Region}::/restapis/${%s}/stages/${%s.Stage})", webACLAssocType, regionalACLScope, api, api))
		}
	}
	dists := t.resources(distributionType)
	for _, id := range sortedIDs(dists) {
		if t.reachesAPI(dists[id]) {
			errs = append(errs, t.checkDistributionACL(id, get(dists[id], "Properties", "DistributionConfig", "WebACLId"))...)
		}
	}
	return errs
}

// stageAssociated reports whether a web ACL association of the template
// ties a REGIONAL web ACL of the template to api's stage.
func (t *Template) stageAssociated(api string) bool {
	stage := "/restapis/${" + api + "}/stages/${" + api + ".Stage}"
	for _, a := range t.resources(webACLAssocType) {
		p := get(a, "Properties")
		att := strs(get(p, "WebACLArn", "Fn::GetAtt"))
		acl, ok := t.resources(webACLType)[first(att)]
		if ok && len(att) == 2 && att[1] == "Arn" && get(acl, "Properties", "Scope") == regionalACLScope &&
			strings.HasSuffix(text(get(p, "ResourceArn")), stage) {
			return true
		}
	}
	return false
}

// reachesAPI reports whether distribution d has an origin that is not a
// bucket of the template (the API under /api/*).
func (t *Template) reachesAPI(d map[string]any) bool {
	for _, o := range list(get(d, "Properties", "DistributionConfig", "Origins")) {
		if t.originBucket(o) == "" {
			return true
		}
	}
	return false
}

// checkDistributionACL checks distribution id's WebACLId v: a CLOUDFRONT
// web ACL of the template (!GetAtt ACL.Arn) created only in us-east-1,
// where CloudFront's web ACLs live, under the very condition that the ACL
// has; or a parameter (an ACL made elsewhere); or an Fn::If of these, one
// branch of which may be AWS::NoValue.
func (t *Template) checkDistributionACL(id string, v any) []error {
	if v == nil {
		return []error{breach(ruleFirewall, id, "reaches the API but has no WebACLId (a %s web ACL)", cloudFrontACLScope)}
	}
	return t.checkACLChoice(id, v, "")
}

// checkACLChoice checks WebACLId value v, chosen when cond holds ("" for
// always, "!C" when C does not): each branch of an Fn::If under its own.
func (t *Template) checkACLChoice(id string, v any, cond string) []error {
	branches, ok := get(v, "Fn::If").([]any)
	switch {
	case ok && len(branches) == 3:
		c := fmt.Sprint(branches[0])
		return append(t.checkACLChoice(id, branches[1], c), t.checkACLChoice(id, branches[2], "!"+c)...)
	case get(v, "Ref") == "AWS::NoValue" && cond != "":
		return nil
	}
	return t.checkACLRef(id, v, cond)
}

// checkACLRef checks one WebACLId value v, chosen under condition cond
// (see checkACLChoice).
func (t *Template) checkACLRef(id string, v any, cond string) []error {
	if ref, ok := get(v, "Ref").(string); ok {
		if get(t.doc, "Parameters", ref) == nil {
			return []error{breach(ruleFirewall, id, "WebACLId refers to %s, which is neither a parameter nor a web ACL's Arn", ref)}
		}
		return nil
	}
	att := strs(get(v, "Fn::GetAtt"))
	acl, ok := t.resources(webACLType)[first(att)]
	switch {
	case !ok || len(att) != 2 || att[1] != "Arn":
		return []error{breach(ruleFirewall, id, "WebACLId %s is no web ACL of the template (!GetAtt ACL.Arn) nor a parameter", describe(v))}
	case get(acl, "Properties", "Scope") != cloudFrontACLScope:
		return []error{breach(ruleFirewall, id, "WebACLId names %s, whose Scope is not %s", att[0], cloudFrontACLScope)}
	}
	aclCond, _ := get(acl, "Condition").(string)
	if aclCond == "" || !t.requiresUsEast1(aclCond) {
		return []error{breach(ruleFirewall, id, "WebACLId names %s, which has no Condition that keeps it to us-east-1 "+
			"(a CloudFront web ACL can only be created there)", att[0])}
	}
	if aclCond != cond {
		return []error{breach(ruleFirewall, id, "WebACLId names %s under condition %q, but %s exists under %q", att[0], cond, att[0], aclCond)}
	}
	return nil
}

// requiresUsEast1 reports whether condition name holds only in us-east-1:
// it is, or is an Fn::And of, (conditions that are) Fn::Equals of Ref
// AWS::Region and us-east-1.
func (t *Template) requiresUsEast1(name string) bool {
	var holds func(c any, depth int) bool
	holds = func(c any, depth int) bool {
		if depth > 10 {
			return false
		}
		if eq, ok := get(c, "Fn::Equals").([]any); ok && len(eq) == 2 {
			return slices.ContainsFunc(eq, func(e any) bool { return refersTo(e, "AWS::Region") }) &&
				slices.ContainsFunc(eq, func(e any) bool { return e == "us-east-1" })
		}
		if n, ok := get(c, "Condition").(string); ok {
			return holds(get(t.doc, "Conditions", n), depth+1)
		}
		return slices.ContainsFunc(list(get(c, "Fn::And")), func(e any) bool { return holds(e, depth+1) })
	}
	return holds(get(t.doc, "Conditions", name), 0)
}
