package templatecheck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

const (
	ruleCompress    = "compression"
	ruleCache       = "caching"
	cachePolicyType = "AWS::CloudFront::CachePolicy"
	apiType         = "AWS::Serverless::Api"
)

// aYear is the least MaxTTL of a behaviour that serves content-addressed
// files, in seconds: as long as their Cache-Control (webhost.Immutable).
const aYear = 31536000

// maxCompressionSize is the largest MinimumCompressionSize API Gateway
// takes, in bytes ("Enabling payload compression for an API",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html).
const maxCompressionSize = 10485760

// cachePolicy is what the rules read of a cache policy.
type cachePolicy struct {
	name               string
	minTTL, maxTTL     float64
	defaultTTL         float64
	gzip, brotli       bool
	headers            []string // the headers in the cache key
	allQueryStrings    bool
	compressionUnknown bool // a managed policy the checker does not know
}

// managedCachePolicies are the managed cache policies the checker knows,
// by id, with their settings ("Use managed cache policies",
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
var managedCachePolicies = map[string]cachePolicy{
	"658327ea-f89d-4fab-a63d-7e88639e58f6": {name: "CachingOptimized", minTTL: 1, defaultTTL: 86400, maxTTL: 31536000, gzip: true, brotli: true},
	"4135ea2d-6df8-44a3-9df3-4b5a84be39ad": {name: "CachingDisabled"},
}

// cachePolicyOf is behaviour b's cache policy: one of the template's
// (CachePolicyId !Ref) or a managed one by id. ok is false when it is
// neither.
func (t *Template) cachePolicyOf(b any) (cachePolicy, bool) {
	id := get(b, "CachePolicyId")
	if ref, isRef := get(id, "Ref").(string); isRef {
		res, found := t.resources(cachePolicyType)[ref]
		if !found {
			return cachePolicy{}, false
		}
		c := get(res, "Properties", "CachePolicyConfig")
		p := get(c, "ParametersInCacheKeyAndForwardedToOrigin")
		return cachePolicy{
			name: ref, minTTL: number(get(c, "MinTTL")), defaultTTL: number(get(c, "DefaultTTL")), maxTTL: number(get(c, "MaxTTL")),
			gzip: get(p, "EnableAcceptEncodingGzip") == true, brotli: get(p, "EnableAcceptEncodingBrotli") == true,
			headers:         strs(get(p, "HeadersConfig", "Headers")),
			allQueryStrings: get(p, "QueryStringsConfig", "QueryStringBehavior") == "all",
		}, true
	}
	s, _ := id.(string)
	p, found := managedCachePolicies[s]
	return p, found
}

// behaviours are distribution dist's cache behaviours, the default first,
// each with the words that name it in messages.
func (t *Template) behaviours(dist string) (bs []any, names []string) {
	cfg := get(t.resources(distributionType)[dist], "Properties", "DistributionConfig")
	bs = append([]any{get(cfg, "DefaultCacheBehavior")}, list(get(cfg, "CacheBehaviors"))...)
	for i, b := range bs {
		if i == 0 {
			names = append(names, "the default cache behaviour")
		} else {
			names = append(names, "cache behaviour "+fmt.Sprint(get(b, "PathPattern")))
		}
	}
	return bs, names
}

// checkCompression: every cache behaviour compresses what it serves
// (Compress: true), with a cache policy that enables gzip and Brotli,
// which CloudFront needs before it compresses anything ("Serve compressed
// files",
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/ServingCompressedFiles.html);
// and every REST API compresses its own answers (a MinimumCompressionSize
// from 0 to 10 MB), for callers of its own URL and behind /api/*.
func (t *Template) checkCompression() []error {
	var errs []error
	dists := t.resources(distributionType)
	for _, id := range sortedIDs(dists) {
		bs, names := t.behaviours(id)
		for i, b := range bs {
			if get(b, "Compress") != true {
				errs = append(errs, breach(ruleCompress, id, "%s has no Compress: true", names[i]))
			}
			p, ok := t.cachePolicyOf(b)
			switch {
			case !ok:
				errs = append(errs, breach(ruleCompress, id, "%s has cache policy %v, neither the template's nor a managed one the checks know",
					names[i], describe(get(b, "CachePolicyId"))))
			case !p.gzip || !p.brotli:
				errs = append(errs, breach(ruleCompress, id, "%s has cache policy %s, which does not enable gzip and Brotli: CloudFront compresses nothing",
					names[i], p.name))
			}
		}
	}
	apis := t.resources(apiType)
	for _, id := range sortedIDs(apis) {
		v := get(apis[id], "Properties", "MinimumCompressionSize")
		if n := number(v); v == nil || n < 0 || n > maxCompressionSize || n != float64(int64(n)) {
			errs = append(errs, breach(ruleCompress, id, "MinimumCompressionSize is %v, want a whole number of bytes from 0 to %d", v, maxCompressionSize))
		}
	}
	return errs
}

// imageURLDistribution finds the distribution in IMAGE_BASE_URL's !Sub.
var imageURLDistribution = regexp.MustCompile(`\$\{(\w+)\.DomainName\}`)

// imageDistribution is the distribution whose domain the functions'
// IMAGE_BASE_URL (Globals) names: the car photos'; "" when there is none.
func (t *Template) imageDistribution() string {
	vars := get(t.doc, "Globals", "Function", "Environment", "Variables")
	m := imageURLDistribution.FindStringSubmatch(text(get(vars, "IMAGE_BASE_URL")))
	if m == nil {
		return ""
	}
	if _, ok := t.resources(distributionType)[m[1]]; !ok {
		return ""
	}
	return m[1]
}

// checkCaching: the API's answers are never cached for someone else, and
// content-addressed files are kept as long as their Cache-Control says.
//
//   - A behaviour whose origin is not a bucket of the template (the API)
//     has a cache policy with MinTTL and DefaultTTL 0 (the API sends no
//     Cache-Control: nothing is kept), and if its MaxTTL lets an answer
//     that asks for it be kept, a cache key with the Authorization header
//     and every query string.
//   - The behaviours of hashed files (PathPattern /assets/*) and of the
//     photos (every behaviour of the distribution IMAGE_BASE_URL names)
//     have a cache policy whose MaxTTL is a year or more.
func (t *Template) checkCaching() []error {
	var errs []error
	images := t.imageDistribution()
	if images == "" {
		errs = append(errs, breach(ruleCache, "Globals", "IMAGE_BASE_URL names no AWS::CloudFront::Distribution of the template (!Sub https://${Dist.DomainName})"))
	}
	dists := t.resources(distributionType)
	for _, id := range sortedIDs(dists) {
		buckets := map[string]bool{}
		for _, o := range list(get(dists[id], "Properties", "DistributionConfig", "Origins")) {
			buckets[fmt.Sprint(get(o, "Id"))] = t.originBucket(o) != ""
		}
		bs, names := t.behaviours(id)
		for i, b := range bs {
			p, ok := t.cachePolicyOf(b)
			if !ok {
				continue // checkCompression says so
			}
			if !buckets[fmt.Sprint(get(b, "TargetOriginId"))] {
				if p.minTTL != 0 || p.defaultTTL != 0 {
					errs = append(errs, breach(ruleCache, id, "%s (the API) has cache policy %s with MinTTL %v and DefaultTTL %v, want 0: the API's answers are not to be kept",
						names[i], p.name, p.minTTL, p.defaultTTL))
				}
				if p.maxTTL > 0 && (!slices.ContainsFunc(p.headers, func(h string) bool { return strings.EqualFold(h, "Authorization") }) || !p.allQueryStrings) {
					errs = append(errs, breach(ruleCache, id, "%s (the API) has cache policy %s, which may keep an answer (MaxTTL %v) under a key without the Authorization header and every query string",
						names[i], p.name, p.maxTTL))
				}
				continue
			}
			if (get(b, "PathPattern") == "/assets/*" || id == images) && p.maxTTL < aYear {
				errs = append(errs, breach(ruleCache, id, "%s serves content-addressed files but its cache policy %s keeps them %v s, want a year (%d) or more",
					names[i], p.name, p.maxTTL, aYear))
			}
		}
	}
	return errs
}
