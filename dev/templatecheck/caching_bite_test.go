package templatecheck

import (
	"testing"
)

// cachePolicyConfig is a cache policy's CachePolicyConfig.
func cachePolicyConfig(doc map[string]any, id string) map[string]any {
	return props(doc, id)["CachePolicyConfig"].(map[string]any)
}

// cacheKey is a cache policy's ParametersInCacheKeyAndForwardedToOrigin.
func cacheKey(doc map[string]any, id string) map[string]any {
	return cachePolicyConfig(doc, id)["ParametersInCacheKeyAndForwardedToOrigin"].(map[string]any)
}

// behaviour is a distribution's cache behaviour: -1 the default, else
// CacheBehaviors[i].
func behaviour(doc map[string]any, dist string, i int) map[string]any {
	cfg := distConfig(doc, dist)
	if i < 0 {
		return cfg["DefaultCacheBehavior"].(map[string]any)
	}
	return cfg["CacheBehaviors"].([]any)[i].(map[string]any)
}

// TestCachingRulesBite: the compression, caching and
// Cross-Origin-Opener-Policy rules each fail when the template breaks
// them, naming the resource.
func TestCachingRulesBite(t *testing.T) {
	tpl := load(t)
	const cachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	tests := []biteCase{
		{"a behaviour that does not compress", func(doc map[string]any) {
			behaviour(doc, "Distribution", 0)["Compress"] = false
		}, []string{"compression: Distribution: cache behaviour /assets/* has no Compress: true"}},
		{"the pages under CachingDisabled, as before issue 18", func(doc map[string]any) {
			behaviour(doc, "Distribution", -1)["CachePolicyId"] = cachingDisabled
		}, []string{"compression: Distribution: the default cache behaviour has cache policy CachingDisabled, which does not enable gzip and Brotli"}},
		{"the API under CachingDisabled, as before issue 18", func(doc map[string]any) {
			behaviour(doc, "Distribution", 1)["CachePolicyId"] = cachingDisabled
		}, []string{"compression: Distribution: cache behaviour /api/* has cache policy CachingDisabled, which does not enable gzip and Brotli"}},
		{"a policy without Brotli", func(doc map[string]any) {
			cacheKey(doc, "SitePagesCachePolicy")["EnableAcceptEncodingBrotli"] = false
		}, []string{"compression: Distribution: the default cache behaviour has cache policy SitePagesCachePolicy, which does not enable gzip and Brotli"}},
		{"an unknown managed policy", func(doc map[string]any) {
			behaviour(doc, "ImageDistribution", -1)["CachePolicyId"] = "b2884449-e4de-46a7-ac36-70bc7f1ddd6d"
		}, []string{"compression: ImageDistribution: the default cache behaviour has cache policy b2884449-e4de-46a7-ac36-70bc7f1ddd6d, neither the template's nor a managed one the checks know"}},
		{"an API that does not compress", func(doc map[string]any) {
			delete(props(doc, "Api"), "MinimumCompressionSize")
		}, []string{"compression: Api: MinimumCompressionSize is <nil>"}},
		{"a compression size over API Gateway's limit", func(doc map[string]any) {
			props(doc, "Api")["MinimumCompressionSize"] = 10485761
		}, []string{"compression: Api: MinimumCompressionSize is 10485761"}},
		{"the API's answers kept", func(doc map[string]any) {
			cachePolicyConfig(doc, "ApiCachePolicy")["DefaultTTL"] = 60
		}, []string{"caching: Distribution: cache behaviour /api/* (the API) has cache policy ApiCachePolicy with MinTTL 0 and DefaultTTL 60, want 0"}},
		{"the API's key without Authorization", func(doc map[string]any) {
			cacheKey(doc, "ApiCachePolicy")["HeadersConfig"] = map[string]any{"HeaderBehavior": "none"}
		}, []string{"caching: Distribution: cache behaviour /api/* (the API) has cache policy ApiCachePolicy, which may keep an answer (MaxTTL 1) under a key without the Authorization header"}},
		{"the API's key without the query string", func(doc map[string]any) {
			cacheKey(doc, "ApiCachePolicy")["QueryStringsConfig"] = map[string]any{"QueryStringBehavior": "none"}
		}, []string{"caching: Distribution: cache behaviour /api/* (the API) has cache policy ApiCachePolicy, which may keep an answer"}},
		{"hashed assets kept a second", func(doc map[string]any) {
			behaviour(doc, "Distribution", 0)["CachePolicyId"] = map[string]any{"Ref": "ApiCachePolicy"}
		}, []string{"caching: Distribution: cache behaviour /assets/* serves content-addressed files but its cache policy ApiCachePolicy keeps them 1 s"}},
		{"photos kept a day", func(doc map[string]any) {
			res := get(doc, "Resources").(map[string]any)
			day := map[string]any{"Type": cachePolicyType, "Properties": map[string]any{"CachePolicyConfig": map[string]any{
				"Name": "day", "MinTTL": 0, "DefaultTTL": 86400, "MaxTTL": 86400,
				"ParametersInCacheKeyAndForwardedToOrigin": map[string]any{"EnableAcceptEncodingGzip": true, "EnableAcceptEncodingBrotli": true}}}}
			res["DayCachePolicy"] = day
			behaviour(doc, "ImageDistribution", -1)["CachePolicyId"] = map[string]any{"Ref": "DayCachePolicy"}
		}, []string{"caching: ImageDistribution: the default cache behaviour serves content-addressed files but its cache policy DayCachePolicy keeps them 86400 s"}},
		{"photos somewhere else", func(doc map[string]any) {
			get(doc, "Globals", "Function", "Environment", "Variables").(map[string]any)["IMAGE_BASE_URL"] = "https://img.example.com"
		}, []string{"caching: Globals: IMAGE_BASE_URL names no AWS::CloudFront::Distribution of the template"}},
		{"no Cross-Origin-Opener-Policy", func(doc map[string]any) {
			delete(get(props(doc, "SecurityHeadersPolicy"), "ResponseHeadersPolicyConfig").(map[string]any), "CustomHeadersConfig")
		}, []string{"security headers: SecurityHeadersPolicy: no Cross-Origin-Opener-Policy: same-origin"}},
		{"a lax Cross-Origin-Opener-Policy", func(doc map[string]any) {
			items := get(props(doc, "ImageHeadersPolicy"), "ResponseHeadersPolicyConfig", "CustomHeadersConfig", "Items").([]any)
			items[0].(map[string]any)["Value"] = "unsafe-none"
		}, []string{"security headers: ImageHeadersPolicy: no Cross-Origin-Opener-Policy: same-origin"}},
	}
	bite(t, tpl, tests)
}
