package templatecheck

import (
	"fmt"
	"slices"
	"strings"
)

const (
	ruleCDN          = "cloudfront"
	ruleHeaders      = "security headers"
	distributionType = "AWS::CloudFront::Distribution"
	oacType          = "AWS::CloudFront::OriginAccessControl"
	headersType      = "AWS::CloudFront::ResponseHeadersPolicy"
)

// hstsMinAge is a year: what the HSTS preload list asks for
// (https://hstspreload.org/#deployment-recommendations).
const hstsMinAge = 31536000

// checkDistributions: an origin on a bucket of the template reads it
// through an origin access control of the template that signs every
// request (SigningBehavior always, type s3), not through a legacy origin
// access identity; every cache behaviour sends the security headers
// (a ResponseHeadersPolicy of the template, see checkHeaders) and refuses
// plain HTTP (no allow-all).
func (t *Template) checkDistributions() []error {
	var errs []error
	dists := t.resources(distributionType)
	for _, id := range sortedIDs(dists) {
		cfg := get(dists[id], "Properties", "DistributionConfig")
		for _, o := range list(get(cfg, "Origins")) {
			bucket := t.originBucket(o)
			if bucket == "" {
				continue
			}
			name := fmt.Sprint(get(o, "Id"))
			if oai := get(o, "S3OriginConfig", "OriginAccessIdentity"); oai != nil && oai != "" {
				errs = append(errs, breach(ruleCDN, id, "origin %s uses a legacy origin access identity; use OriginAccessControlId", name))
			}
			if err := t.oacOf(o); err != "" {
				errs = append(errs, breach(ruleCDN, id, "origin %s reads bucket %s %s", name, bucket, err))
			}
		}
		behaviours := []any{get(cfg, "DefaultCacheBehavior")}
		behaviours = append(behaviours, list(get(cfg, "CacheBehaviors"))...)
		for i, b := range behaviours {
			where := "the default cache behaviour"
			if i > 0 {
				where = "cache behaviour " + fmt.Sprint(get(b, "PathPattern"))
			}
			if v := get(b, "ViewerProtocolPolicy"); v != "redirect-to-https" && v != "https-only" {
				errs = append(errs, breach(ruleCDN, id, "%s has ViewerProtocolPolicy %v, want redirect-to-https or https-only", where, v))
			}
			ref, _ := get(b, "ResponseHeadersPolicyId", "Ref").(string)
			if _, ok := t.resources(headersType)[ref]; !ok {
				errs = append(errs, breach(ruleHeaders, id, "%s has no ResponseHeadersPolicyId of the template", where))
			}
		}
	}
	return errs
}

// originBucket is the bucket of the template that origin o reads
// (DomainName !GetAtt Bucket.RegionalDomainName or .DomainName), or "".
func (t *Template) originBucket(o any) string {
	att := strs(get(o, "DomainName", "Fn::GetAtt"))
	if len(att) != 2 || !strings.HasSuffix(att[1], "DomainName") {
		return ""
	}
	if _, ok := t.resources(bucketType)[att[0]]; !ok {
		return ""
	}
	return att[0]
}

// oacOf checks origin o's OriginAccessControlId; "" when it is right,
// else what is wrong.
func (t *Template) oacOf(o any) string {
	att := strs(get(o, "OriginAccessControlId", "Fn::GetAtt"))
	if len(att) != 2 || att[1] != "Id" {
		return "without origin access control (OriginAccessControlId !GetAtt <OAC>.Id)"
	}
	oac, ok := t.resources(oacType)[att[0]]
	if !ok {
		return "through " + att[0] + ", no AWS::CloudFront::OriginAccessControl of the template"
	}
	c := get(oac, "Properties", "OriginAccessControlConfig")
	if get(c, "SigningBehavior") != "always" || get(c, "OriginAccessControlOriginType") != "s3" {
		return "through " + att[0] + ", which does not sign every request to S3 (SigningBehavior always, type s3)"
	}
	return ""
}

// readsThroughOAC reports whether distribution dist has an origin on
// bucket that uses origin access control.
func (t *Template) readsThroughOAC(dist, bucket string) bool {
	for _, o := range list(get(t.resources(distributionType)[dist], "Properties", "DistributionConfig", "Origins")) {
		if t.originBucket(o) == bucket && t.oacOf(o) == "" {
			return true
		}
	}
	return false
}

// referrerPolicies are the Referrer-Policy values that send no path to
// other sites.
var referrerPolicies = []string{"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}

// checkHeaders: every response headers policy sets, overriding the
// origin's, a Content-Security-Policy with a default-src and
// frame-ancestors 'none'; HSTS for a year or more with subdomains and
// preload; X-Frame-Options DENY; X-Content-Type-Options nosniff; a
// Referrer-Policy that keeps paths on the site; and, as a custom header,
// Cross-Origin-Opener-Policy: same-origin.
func (t *Template) checkHeaders() []error {
	var errs []error
	policies := t.resources(headersType)
	for _, id := range sortedIDs(policies) {
		config := get(policies[id], "Properties", "ResponseHeadersPolicyConfig")
		for _, what := range append(securityHeaderProblems(get(config, "SecurityHeadersConfig")), coopProblems(config)...) {
			errs = append(errs, breach(ruleHeaders, id, "%s", what))
		}
	}
	return errs
}

// securityHeaderProblems says what h, a SecurityHeadersConfig, lacks of
// checkHeaders' rules.
func securityHeaderProblems(h any) []string {
	var out []string
	csp := text(get(h, "ContentSecurityPolicy", "ContentSecurityPolicy"))
	switch {
	case get(h, "ContentSecurityPolicy", "Override") != true:
		out = append(out, "no Content-Security-Policy (with Override)")
	case !strings.Contains(csp, "default-src"):
		out = append(out, "the Content-Security-Policy has no default-src")
	case !strings.Contains(csp, "frame-ancestors 'none'"):
		out = append(out, "the Content-Security-Policy lacks frame-ancestors 'none'")
	}
	hsts := get(h, "StrictTransportSecurity")
	if age := number(get(hsts, "AccessControlMaxAgeSec")); get(hsts, "Override") != true || age < hstsMinAge ||
		get(hsts, "IncludeSubdomains") != true || get(hsts, "Preload") != true {
		out = append(out, fmt.Sprintf("Strict-Transport-Security is not max-age >= %d with includeSubDomains and preload (with Override)", hstsMinAge))
	}
	if get(h, "FrameOptions", "FrameOption") != "DENY" || get(h, "FrameOptions", "Override") != true {
		out = append(out, "X-Frame-Options is not DENY (with Override)")
	}
	if get(h, "ContentTypeOptions", "Override") != true {
		out = append(out, "no X-Content-Type-Options: nosniff (ContentTypeOptions with Override)")
	}
	if rp, _ := get(h, "ReferrerPolicy", "ReferrerPolicy").(string); !slices.Contains(referrerPolicies, rp) ||
		get(h, "ReferrerPolicy", "Override") != true {
		out = append(out, fmt.Sprintf("Referrer-Policy is %q, want one of %s (with Override)", rp, strings.Join(referrerPolicies, ", ")))
	}
	return out
}

// coopProblems says whether config, a ResponseHeadersPolicyConfig, lacks
// Cross-Origin-Opener-Policy: same-origin as a custom header.
func coopProblems(config any) []string {
	if slices.ContainsFunc(list(get(config, "CustomHeadersConfig", "Items")), func(item any) bool {
		name, _ := get(item, "Header").(string)
		return strings.EqualFold(name, "Cross-Origin-Opener-Policy") && get(item, "Value") == "same-origin" && get(item, "Override") == true
	}) {
		return nil
	}
	return []string{"no Cross-Origin-Opener-Policy: same-origin (a custom header with Override)"}
}

// number is an integer as the YAML reader (int64), JSON (float64) or a
// test (int) gives it; 0 for anything else.
func number(v any) float64 {
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}
