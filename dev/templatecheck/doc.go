// Package templatecheck holds template.yaml to what a deployment needs,
// without AWS: `make test` runs its tests.
//
//  1. The template validates against the CloudFormation and SAM JSON schema
//     that goformation ships (github.com/awslabs/goformation/v7/schema,
//     draft 4), with github.com/santhosh-tekuri/jsonschema. The schema
//     describes literal values only, so intrinsic functions are replaced by
//     placeholders first (placeholders.go), in short and long form alike
//     (yaml.go reads !Ref X as {"Ref": "X"}). Where the 2024 schema is
//     narrower than CloudFormation, the violation is exempted by name and
//     with the reason (exemptions.go), never by skipping a resource.
//  2. Our own rules (rules.go): every function traced (Tracing Active), on
//     arm64, logging to a log group /aws/lambda/<its name> of the template
//     with a retention; least privilege (policies.go): no Scan, no
//     DeleteTable, no wildcard action or resource, and no write action for
//     the functions that only read; alarms on API 5xx, on every function's
//     errors and on table throttling (alarms.go); point-in-time recovery
//     and deletion protection on every table; the website (buckets.go,
//     cdn.go): buckets private (public access blocked, ACLs off) and
//     encrypted, TLS only, readable by a distribution of the template
//     through origin access control and by nothing else (no Principal "*"
//     without aws:SourceArn), every cache behaviour HTTPS with the
//     security headers (CSP with frame-ancestors 'none', HSTS with
//     preload, DENY, nosniff, a strict Referrer-Policy,
//     Cross-Origin-Opener-Policy same-origin); compression and caching
//     (caching.go): every behaviour compresses (Compress and a cache policy
//     with gzip and Brotli), the REST API has a MinimumCompressionSize, the
//     API's answers are never kept (or only under a key with the caller's
//     Authorization and the query), hashed assets and the photos (the
//     distribution IMAGE_BASE_URL names) may be kept a year; the identity pool
//     (identitypool.go): no signed-out identities, its role assumable by
//     its signed-in identities only, with no wildcard; the public
//     functions' reads kept to the catalogue's partitions by
//     dynamodb:LeadingKeys (partitions.go); AWS WAF web ACLs on the API
//     stage and the site's distribution, with AWS's managed rule groups
//     and rate-based rules per address and per Authorization header
//     (firewall.go, webacl.go); a throttle per route and a JSON access
//     log (throttling.go); the user pool kept, deletion-protected, with
//     optional TOTP, SES mail and threat protection as a parameter
//     (userpool.go).
//
// The tests also mutate an in-memory copy of the template (Tracing removed
// from one function, a Scan granted, ...) to show that each rule bites, and
// check the table of DynamoDB actions per function in docs/operations.md
// against the template (Actions).
//
// Why not dev/samtemplate: it resolves intrinsic functions to values
// (a Ref to a resource becomes null) for building tables; these checks need
// to see which resource a property points at.
package templatecheck
