package templatecheck

import (
	"regexp"
	"slices"
	"strings"
)

const (
	ruleBucket       = "bucket"
	ruleBucketPolicy = "bucket policy"
	bucketType       = "AWS::S3::Bucket"
	bucketPolicyType = "AWS::S3::BucketPolicy"
)

// encryptions are the default encryptions S3 takes: SSE-S3, SSE-KMS and
// dual-layer SSE-KMS ("ServerSideEncryptionByDefault", CloudFormation
// reference).
var encryptions = []string{"AES256", "aws:kms", "aws:kms:dsse"}

// checkBuckets: every bucket private (the four public access blocks on,
// ACLs off: BucketOwnerEnforced), encrypted by default, and with a policy
// of the template that refuses plain HTTP (aws:SecureTransport false).
// The site and the photos are public only through CloudFront.
func (t *Template) checkBuckets() []error {
	var errs []error
	buckets := t.resources(bucketType)
	for _, id := range sortedIDs(buckets) {
		p := get(buckets[id], "Properties")
		for _, flag := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
			if get(p, "PublicAccessBlockConfiguration", flag) != true {
				errs = append(errs, breach(ruleBucket, id, "PublicAccessBlockConfiguration.%s is not true", flag))
			}
		}
		rules, _ := get(p, "BucketEncryption", "ServerSideEncryptionConfiguration").([]any)
		encrypted := len(rules) > 0
		for _, r := range rules {
			alg, _ := get(r, "ServerSideEncryptionByDefault", "SSEAlgorithm").(string)
			encrypted = encrypted && slices.Contains(encryptions, alg)
		}
		if !encrypted {
			errs = append(errs, breach(ruleBucket, id, "no default encryption (BucketEncryption with SSEAlgorithm %s)",
				strings.Join(encryptions, ", ")))
		}
		owner, _ := get(p, "OwnershipControls", "Rules").([]any)
		if len(owner) != 1 || get(owner[0], "ObjectOwnership") != "BucketOwnerEnforced" {
			errs = append(errs, breach(ruleBucket, id, "OwnershipControls is not BucketOwnerEnforced (ACLs would count)"))
		}
		if !t.tlsOnly(id) {
			errs = append(errs, breach(ruleBucket, id, "no bucket policy of the template denies requests without TLS (aws:SecureTransport false)"))
		}
	}
	return errs
}

// tlsOnly reports whether a policy of bucket id denies everyone every
// request that does not use TLS.
func (t *Template) tlsOnly(id string) bool {
	for _, pol := range t.resources(bucketPolicyType) {
		if !refersTo(get(pol, "Properties", "Bucket"), id) {
			continue
		}
		for _, st := range list(get(pol, "Properties", "PolicyDocument", "Statement")) {
			if get(st, "Effect") == "Deny" && isEveryone(get(st, "Principal")) &&
				condition(st, "Bool", "aws:SecureTransport") == "false" {
				return true
			}
		}
	}
	return false
}

// distributionArn is how a bucket policy names a distribution of the
// template: !Sub arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}.
var distributionArn = regexp.MustCompile(`:distribution/\$\{([A-Za-z0-9]+)\}$`)

// checkBucketPolicies: a bucket policy allows reading to CloudFront only,
// and only to a distribution of this template that reads the bucket
// through origin access control: Principal service
// cloudfront.amazonaws.com with an aws:SourceArn condition naming it.
// Principal "*" without that condition would make the bucket public (the
// public access block then refuses the policy at deploy time); any other
// principal is not a reader this site has.
func (t *Template) checkBucketPolicies() []error {
	var errs []error
	policies := t.resources(bucketPolicyType)
	buckets := t.resources(bucketType)
	dists := t.resources(distributionType)
	for _, id := range sortedIDs(policies) {
		p := get(policies[id], "Properties")
		bucket, _ := get(p, "Bucket", "Ref").(string)
		if _, ok := buckets[bucket]; !ok {
			errs = append(errs, breach(ruleBucketPolicy, id, "Bucket is %s, no AWS::S3::Bucket of the template", describe(get(p, "Bucket"))))
			continue
		}
		for i, st := range list(get(p, "PolicyDocument", "Statement")) {
			if get(st, "Effect") != "Allow" {
				continue
			}
			principal := get(st, "Principal")
			source := condition(st, "StringEquals", "aws:SourceArn")
			if source == "" {
				source = condition(st, "ArnEquals", "aws:SourceArn")
			}
			switch {
			case isEveryone(principal) && source == "":
				errs = append(errs, breach(ruleBucketPolicy, id, "statement %d allows Principal * without an aws:SourceArn condition", i))
				continue
			case !slices.Equal(strs(get(principal, "Service")), []string{"cloudfront.amazonaws.com"}):
				errs = append(errs, breach(ruleBucketPolicy, id, "statement %d allows %v: only cloudfront.amazonaws.com may read", i, principal))
				continue
			}
			m := distributionArn.FindStringSubmatch(source)
			if m == nil || dists[m[1]] == nil {
				errs = append(errs, breach(ruleBucketPolicy, id, "statement %d: aws:SourceArn %q names no distribution of the template", i, source))
				continue
			}
			if !t.readsThroughOAC(m[1], bucket) {
				errs = append(errs, breach(ruleBucketPolicy, id, "statement %d lets %s read %s, which it does not read through origin access control", i, m[1], bucket))
			}
		}
	}
	return errs
}

// condition is the text of a statement's Condition op/key (keys ignore
// case, as IAM's do); "" when absent.
func condition(st any, op, key string) string {
	conds, _ := get(st, "Condition", op).(map[string]any)
	for k, v := range conds {
		if strings.EqualFold(k, key) {
			if s := text(v); s != "" {
				return s
			}
			if l := strs(v); len(l) == 1 {
				return l[0]
			}
		}
	}
	return ""
}

// isEveryone reports whether a principal is "*" or {"AWS": "*"}.
func isEveryone(p any) bool {
	return p == "*" || slices.Contains(strs(get(p, "AWS")), "*")
}

// list is v as a list: a single value becomes a list of one.
func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}
