package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

const (
	ruleUserPool = "user pool"
	userPoolType = "AWS::Cognito::UserPool"
)

// checkUserPools: every user pool outlives its stack and a replacing
// update (DeletionPolicy and UpdateReplacePolicy Retain) and Cognito
// refuses to delete it (DeletionProtection ACTIVE): the bookings are
// keyed by its users' subs; it offers a second factor by authenticator
// app (MfaConfiguration OPTIONAL or ON, SOFTWARE_TOKEN_MFA enabled); it
// can send its mail through Amazon SES (checkPoolEmail); and its threat
// protection is a parameter, off by default (checkThreatProtection).
// AWS::Cognito::UserPool,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html
func (t *Template) checkUserPools() []error {
	var errs []error
	pools := t.resources(userPoolType)
	for _, id := range sortedIDs(pools) {
		pool := pools[id]
		for _, policy := range []string{"DeletionPolicy", "UpdateReplacePolicy"} {
			if get(pool, policy) != "Retain" {
				errs = append(errs, breach(ruleUserPool, id, "%s is %v, want Retain (every booking is keyed by a sub of this pool)", policy, get(pool, policy)))
			}
		}
		p := get(pool, "Properties")
		if get(p, "DeletionProtection") != "ACTIVE" {
			errs = append(errs, breach(ruleUserPool, id, "DeletionProtection is %v, want ACTIVE", get(p, "DeletionProtection")))
		}
		if m := get(p, "MfaConfiguration"); m != "OPTIONAL" && m != "ON" {
			errs = append(errs, breach(ruleUserPool, id, "MfaConfiguration is %v, want OPTIONAL (or ON)", m))
		}
		if !slices.Contains(strs(get(p, "EnabledMfas")), "SOFTWARE_TOKEN_MFA") {
			errs = append(errs, breach(ruleUserPool, id, "EnabledMfas %v lacks SOFTWARE_TOKEN_MFA (an authenticator app)", strs(get(p, "EnabledMfas"))))
		}
		errs = append(errs, t.checkPoolEmail(id, get(p, "EmailConfiguration"))...)
		errs = append(errs, t.checkThreatProtection(id, p)...)
	}
	return errs
}

// checkPoolEmail: EmailConfiguration is, or can be by an Fn::If, Amazon
// SES's (EmailSendingAccount DEVELOPER with the SourceArn of an SES
// identity): Cognito's own sender has a small daily quota.
func (t *Template) checkPoolEmail(id string, v any) []error {
	cases := []any{v}
	if b, ok := get(v, "Fn::If").([]any); ok && len(b) == 3 {
		cases = b[1:]
	}
	for _, c := range cases {
		if get(c, "EmailSendingAccount") == "DEVELOPER" && strings.Contains(describe(get(c, "SourceArn")), ":ses:") {
			return nil
		}
	}
	return []error{breach(ruleUserPool, id, "EmailConfiguration can never send through Amazon SES (DEVELOPER with an SES identity's SourceArn)")}
}

// checkThreatProtection: UserPoolAddOns' AdvancedSecurityMode, when set,
// is a parameter whose default is OFF (threat protection is billed), and
// the pool is on the Plus plan (UserPoolTier PLUS) whenever it is set, as
// Cognito refuses it on another plan: both literal, or both Fn::If of one
// condition.
func (t *Template) checkThreatProtection(id string, p any) []error {
	addOns, tier := get(p, "UserPoolAddOns"), get(p, "UserPoolTier")
	if addOns == nil {
		return nil
	}
	cond, mode := "", addOns
	if b, ok := get(addOns, "Fn::If").([]any); ok && len(b) == 3 {
		cond, mode = fmt.Sprint(b[0]), b[1]
	}
	var errs []error
	param, _ := get(mode, "AdvancedSecurityMode", "Ref").(string)
	if d := get(t.doc, "Parameters", param, "Default"); param == "" || d != "OFF" {
		errs = append(errs, breach(ruleUserPool, id, "AdvancedSecurityMode is %s, want a parameter whose Default is OFF (threat protection is billed)",
			describe(get(mode, "AdvancedSecurityMode"))))
	}
	plus := tier == "PLUS"
	if b, ok := get(tier, "Fn::If").([]any); ok && len(b) == 3 {
		plus = fmt.Sprint(b[0]) == cond && b[1] == "PLUS"
	}
	if !plus {
		errs = append(errs, breach(ruleUserPool, id, "UserPoolAddOns is set but UserPoolTier is not PLUS whenever it is (%v)", describe(tier)))
	}
	return errs
}
