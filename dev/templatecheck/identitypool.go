package templatecheck

import (
	"strings"
)

const (
	ruleIdentityPool   = "identity pool"
	identityPoolType   = "AWS::Cognito::IdentityPool"
	roleAttachmentType = "AWS::Cognito::IdentityPoolRoleAttachment"
	roleType           = "AWS::IAM::Role"
)

// checkIdentityPools: no identities for signed-out visitors (no
// AllowUnauthenticatedIdentities, no unauthenticated role); the
// authenticated role is a role of the template that only this pool's
// authenticated identities may assume (aud and amr conditions), and its
// own policies name actions and resources without wildcards. Browser
// credentials reach AWS directly, so what they may do is the whole
// exposure.
func (t *Template) checkIdentityPools() []error {
	var errs []error
	pools := t.resources(identityPoolType)
	attachments := t.resources(roleAttachmentType)
	for _, id := range sortedIDs(pools) {
		if get(pools[id], "Properties", "AllowUnauthenticatedIdentities") != false {
			errs = append(errs, breach(ruleIdentityPool, id, "AllowUnauthenticatedIdentities is not false"))
		}
		for _, aid := range sortedIDs(attachments) {
			p := get(attachments[aid], "Properties")
			if !refersTo(get(p, "IdentityPoolId"), id) {
				continue
			}
			if get(p, "Roles", "unauthenticated") != nil {
				errs = append(errs, breach(ruleIdentityPool, id, "%s gives signed-out visitors a role", aid))
			}
			if get(p, "RoleMappings") != nil {
				errs = append(errs, breach(ruleIdentityPool, id, "%s has RoleMappings, which these checks cannot follow", aid))
			}
			if r := get(p, "Roles", "authenticated"); r != nil {
				errs = append(errs, t.checkPoolRole(id, r)...)
			}
		}
	}
	return errs
}

// checkPoolRole checks the authenticated role r (!GetAtt Role.Arn) of pool.
func (t *Template) checkPoolRole(pool string, r any) []error {
	att := strs(get(r, "Fn::GetAtt"))
	role, ok := t.resources(roleType)[first(att)]
	if len(att) != 2 || att[1] != "Arn" || !ok {
		return []error{breach(ruleIdentityPool, pool, "the authenticated role %s is no AWS::IAM::Role of the template", describe(r))}
	}
	var errs []error
	if !trustsOnlyAuthenticated(role, pool) {
		errs = append(errs, breach(ruleIdentityPool, pool, "role %s may be assumed without the conditions aud = %s and amr = authenticated", att[0], pool))
	}
	if get(role, "Properties", "ManagedPolicyArns") != nil {
		errs = append(errs, breach(ruleIdentityPool, pool, "role %s has ManagedPolicyArns, which these checks cannot see", att[0]))
	}
	for _, pol := range list(get(role, "Properties", "Policies")) {
		for _, st := range list(get(pol, "PolicyDocument", "Statement")) {
			errs = append(errs, checkPoolRoleGrant(pool, att[0], st)...)
		}
	}
	return errs
}

// trustsOnlyAuthenticated reports whether role's trust policy lets web
// identities assume it (AssumeRoleWithWebIdentity) and every statement
// that does is bound to pool's authenticated identities.
func trustsOnlyAuthenticated(role any, pool string) bool {
	trusted := false
	for _, st := range list(get(role, "Properties", "AssumeRolePolicyDocument", "Statement")) {
		if get(st, "Effect") != "Allow" || !strings.Contains(strings.Join(strs(get(st, "Action")), ","), "AssumeRoleWithWebIdentity") {
			continue
		}
		aud := get(st, "Condition", "StringEquals", "cognito-identity.amazonaws.com:aud")
		amr := get(st, "Condition", "ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr")
		if !refersTo(aud, pool) || amr != "authenticated" {
			return false
		}
		trusted = true
	}
	return trusted
}

// checkPoolRoleGrant checks one statement st of role's own policies: an
// Allow names its actions and resources without wildcards, and not by
// exclusion (NotAction, NotResource).
func checkPoolRoleGrant(pool, role string, st any) []error {
	if get(st, "Effect") != "Allow" {
		return nil
	}
	var errs []error
	for _, a := range strs(get(st, "Action")) {
		if strings.Contains(a, "*") {
			errs = append(errs, breach(ruleIdentityPool, pool, "role %s grants the wildcard action %s", role, a))
		}
	}
	for _, res := range list(get(st, "Resource")) {
		if strings.Contains(describe(res), "*") {
			errs = append(errs, breach(ruleIdentityPool, pool, "role %s grants on the wildcard resource %s", role, describe(res)))
		}
	}
	if get(st, "NotAction") != nil || get(st, "NotResource") != nil {
		errs = append(errs, breach(ruleIdentityPool, pool, "role %s uses NotAction or NotResource", role))
	}
	return errs
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}
