package templatecheck

import (
	"strings"
	"testing"
)

// statementOf is the i-th statement of policy resource id's document.
func statementOf(doc map[string]any, id string, i int) map[string]any {
	return get(props(doc, id), "PolicyDocument", "Statement").([]any)[i].(map[string]any)
}

// distConfig is a distribution's DistributionConfig.
func distConfig(doc map[string]any, id string) map[string]any {
	return props(doc, id)["DistributionConfig"].(map[string]any)
}

func securityHeaders(doc map[string]any, id string) map[string]any {
	return get(props(doc, id), "ResponseHeadersPolicyConfig", "SecurityHeadersConfig").(map[string]any)
}

// TestSiteRulesBite: the bucket, CloudFront, header and identity pool
// rules each fail when the template breaks them, naming the resource.
func TestSiteRulesBite(t *testing.T) {
	tpl := load(t)
	tests := []biteCase{
		{"a public access block off", func(doc map[string]any) {
			get(props(doc, "ImageBucket"), "PublicAccessBlockConfiguration").(map[string]any)["BlockPublicPolicy"] = false
		}, []string{"bucket: ImageBucket: PublicAccessBlockConfiguration.BlockPublicPolicy is not true"}},
		{"no public access block", func(doc map[string]any) {
			delete(props(doc, "SiteBucket"), "PublicAccessBlockConfiguration")
		}, []string{"bucket: SiteBucket: PublicAccessBlockConfiguration.RestrictPublicBuckets is not true"}},
		{"not encrypted", func(doc map[string]any) {
			delete(props(doc, "SiteBucket"), "BucketEncryption")
		}, []string{"bucket: SiteBucket: no default encryption"}},
		{"ACLs on", func(doc map[string]any) {
			props(doc, "ImageBucket")["OwnershipControls"] = map[string]any{"Rules": []any{map[string]any{"ObjectOwnership": "ObjectWriter"}}}
		}, []string{"bucket: ImageBucket: OwnershipControls is not BucketOwnerEnforced"}},
		{"plain HTTP allowed", func(doc map[string]any) {
			st := get(props(doc, "SiteBucketPolicy"), "PolicyDocument").(map[string]any)
			st["Statement"] = st["Statement"].([]any)[:1]
		}, []string{"bucket: SiteBucket: no bucket policy of the template denies requests without TLS"}},
		{"Principal * without SourceArn", func(doc map[string]any) {
			st := statementOf(doc, "ImageBucketPolicy", 0)
			st["Principal"] = "*"
			delete(st, "Condition")
		}, []string{"bucket policy: ImageBucketPolicy: statement 0 allows Principal * without an aws:SourceArn condition"}},
		{"another principal", func(doc map[string]any) {
			statementOf(doc, "SiteBucketPolicy", 0)["Principal"] = map[string]any{"AWS": "arn:aws:iam::111122223333:root"}
		}, []string{"bucket policy: SiteBucketPolicy: statement 0 allows", "only cloudfront.amazonaws.com may read"}},
		{"CloudFront without SourceArn", func(doc map[string]any) {
			delete(statementOf(doc, "SiteBucketPolicy", 0), "Condition")
		}, []string{`bucket policy: SiteBucketPolicy: statement 0: aws:SourceArn "" names no distribution of the template`}},
		{"another account's distribution", func(doc map[string]any) {
			get(statementOf(doc, "ImageBucketPolicy", 0), "Condition", "StringEquals").(map[string]any)["AWS:SourceArn"] =
				"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"
		}, []string{"bucket policy: ImageBucketPolicy: statement 0: aws:SourceArn", "names no distribution of the template"}},
		{"the wrong distribution", func(doc map[string]any) {
			get(statementOf(doc, "ImageBucketPolicy", 0), "Condition", "StringEquals").(map[string]any)["AWS:SourceArn"] =
				map[string]any{"Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}"}
		}, []string{"bucket policy: ImageBucketPolicy: statement 0 lets Distribution read ImageBucket, which it does not read through origin access control"}},
		{"origin without OAC", func(doc map[string]any) {
			delete(distConfig(doc, "ImageDistribution")["Origins"].([]any)[0].(map[string]any), "OriginAccessControlId")
		}, []string{"cloudfront: ImageDistribution: origin images reads bucket ImageBucket without origin access control",
			"bucket policy: ImageBucketPolicy: statement 0 lets ImageDistribution read ImageBucket, which it does not read through origin access control"}},
		{"legacy origin access identity", func(doc map[string]any) {
			o := distConfig(doc, "Distribution")["Origins"].([]any)[0].(map[string]any)
			o["S3OriginConfig"] = map[string]any{"OriginAccessIdentity": "origin-access-identity/cloudfront/E127EXAMPLE51Z"}
		}, []string{"cloudfront: Distribution: origin site uses a legacy origin access identity"}},
		{"OAC that does not sign", func(doc map[string]any) {
			get(props(doc, "OriginAccessControl"), "OriginAccessControlConfig").(map[string]any)["SigningBehavior"] = "no-override"
		}, []string{"cloudfront: Distribution: origin site reads bucket SiteBucket through OriginAccessControl, which does not sign every request"}},
		{"plain HTTP to viewers", func(doc map[string]any) {
			distConfig(doc, "Distribution")["CacheBehaviors"].([]any)[0].(map[string]any)["ViewerProtocolPolicy"] = "allow-all"
		}, []string{"cloudfront: Distribution: cache behaviour /assets/* has ViewerProtocolPolicy allow-all"}},
		{"a behaviour without the headers", func(doc map[string]any) {
			delete(distConfig(doc, "Distribution")["CacheBehaviors"].([]any)[1].(map[string]any), "ResponseHeadersPolicyId")
		}, []string{"security headers: Distribution: cache behaviour /api/* has no ResponseHeadersPolicyId of the template"}},
		{"the default behaviour without the headers", func(doc map[string]any) {
			delete(distConfig(doc, "ImageDistribution")["DefaultCacheBehavior"].(map[string]any), "ResponseHeadersPolicyId")
		}, []string{"security headers: ImageDistribution: the default cache behaviour has no ResponseHeadersPolicyId"}},
		{"CSP without frame-ancestors", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["ContentSecurityPolicy"] = map[string]any{"Override": true, "ContentSecurityPolicy": "default-src 'self'"}
		}, []string{"security headers: SecurityHeadersPolicy: the Content-Security-Policy lacks frame-ancestors 'none'"}},
		{"no CSP", func(doc map[string]any) {
			delete(securityHeaders(doc, "ImageHeadersPolicy"), "ContentSecurityPolicy")
		}, []string{"security headers: ImageHeadersPolicy: no Content-Security-Policy"}},
		{"HSTS without preload", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["StrictTransportSecurity"].(map[string]any)["Preload"] = false
		}, []string{"security headers: SecurityHeadersPolicy: Strict-Transport-Security is not"}},
		{"short HSTS", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["StrictTransportSecurity"].(map[string]any)["AccessControlMaxAgeSec"] = 3600
		}, []string{"security headers: SecurityHeadersPolicy: Strict-Transport-Security is not"}},
		{"framing allowed", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["FrameOptions"] = map[string]any{"Override": true, "FrameOption": "SAMEORIGIN"}
		}, []string{"security headers: SecurityHeadersPolicy: X-Frame-Options is not DENY"}},
		{"no nosniff", func(doc map[string]any) {
			delete(securityHeaders(doc, "ImageHeadersPolicy"), "ContentTypeOptions")
		}, []string{"security headers: ImageHeadersPolicy: no X-Content-Type-Options"}},
		{"leaky referrer", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["ReferrerPolicy"] = map[string]any{"Override": true, "ReferrerPolicy": "unsafe-url"}
		}, []string{`security headers: SecurityHeadersPolicy: Referrer-Policy is "unsafe-url"`}},
		{"signed-out identities", func(doc map[string]any) {
			props(doc, "IdentityPool")["AllowUnauthenticatedIdentities"] = true
		}, []string{"identity pool: IdentityPool: AllowUnauthenticatedIdentities is not false"}},
		{"an unauthenticated role", func(doc map[string]any) {
			get(props(doc, "IdentityPoolRoles"), "Roles").(map[string]any)["unauthenticated"] = map[string]any{"Fn::GetAtt": []any{"ChatbotUserRole", "Arn"}}
		}, []string{"identity pool: IdentityPool: IdentityPoolRoles gives signed-out visitors a role"}},
		{"role without the amr condition", func(doc map[string]any) {
			st := get(props(doc, "ChatbotUserRole"), "AssumeRolePolicyDocument", "Statement").([]any)[0].(map[string]any)
			delete(st["Condition"].(map[string]any), "ForAnyValue:StringLike")
		}, []string{"identity pool: IdentityPool: role ChatbotUserRole may be assumed without the conditions"}},
		{"lex:* for browsers", func(doc map[string]any) {
			pol := get(props(doc, "ChatbotUserRole"), "Policies").([]any)[0]
			get(pol, "PolicyDocument", "Statement").([]any)[0].(map[string]any)["Action"] = "lex:*"
		}, []string{"identity pool: IdentityPool: role ChatbotUserRole grants the wildcard action lex:*"}},
		{"every bot", func(doc map[string]any) {
			p := get(props(doc, "ChatbotUserRole"), "Policies").([]any)[0]
			get(p, "PolicyDocument", "Statement").([]any)[0].(map[string]any)["Resource"] = "*"
		}, []string{"identity pool: IdentityPool: role ChatbotUserRole grants on the wildcard resource *"}},
	}
	bite(t, tpl, tests)
}

// TestSiteSchemaBites: the schema knows the CloudFront and Cognito
// identity resources, so a misspelt property there fails too.
func TestSiteSchemaBites(t *testing.T) {
	tpl := load(t)
	for _, tt := range []struct {
		name   string
		change func(doc map[string]any)
		want   string
	}{
		{"misspelt distribution property", func(doc map[string]any) { distConfig(doc, "Distribution")["DefaultRootObjekt"] = "index.html" },
			"/Resources/Distribution/Properties/DistributionConfig: additional properties 'DefaultRootObjekt' not allowed"},
		{"bad header policy value", func(doc map[string]any) {
			securityHeaders(doc, "SecurityHeadersPolicy")["ContentTypeOptions"] = "nosniff"
		}, "/Resources/SecurityHeadersPolicy/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig/ContentTypeOptions"},
		{"misspelt identity pool property", func(doc map[string]any) { props(doc, "IdentityPool")["AllowUnauthenticated"] = false },
			"/Resources/IdentityPool/Properties: additional properties 'AllowUnauthenticated' not allowed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := mutated(t, tpl, tt.change).ValidateSchema()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one with %q", err, tt.want)
			}
		})
	}
}
