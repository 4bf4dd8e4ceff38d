package deployweb

import (
	"strings"
)

// Cache-Control of what is uploaded. Hashed assets never change under
// their name; index.html and config.json must be fetched again every time
// (CloudFront does not cache them either: the default behaviour is
// CachingDisabled); the photos and the few unhashed files (favicon) may
// be a day or an hour old.
const (
	cacheAssets  = "public,max-age=31536000,immutable"
	cacheNone    = "no-cache"
	cachePhotos  = "public,max-age=86400"
	cacheUnnamed = "public,max-age=3600"
)

// Command is one AWS CLI command of a deployment.
type Command []string

// String is the command as a shell would take it.
func (c Command) String() string {
	q := make([]string, len(c))
	for i, a := range c {
		if a == "" || strings.ContainsAny(a, " \t\n\"'*$;&|<>()\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

// Plan is the upload, in order, from the repository root: the photos, the
// assets, the other files of web/dist, index.html, config.json (from
// configPath), and the invalidation.
func Plan(o Outputs, region, configPath string) []Command {
	site, images := "s3://"+o["SiteBucket"], "s3://"+o["ImageBucket"]
	r := []string{"--region", region}
	return []Command{
		append(Command{"aws", "s3", "sync", "seed/images/cars", images + "/cars", "--cache-control", cachePhotos}, r...),
		append(Command{"aws", "s3", "sync", "web/dist/assets", site + "/assets", "--cache-control", cacheAssets}, r...),
		append(Command{"aws", "s3", "sync", "web/dist", site, "--exclude", "assets/*", "--exclude", "index.html",
			"--exclude", "config.json", "--exclude", "config.example.json", "--cache-control", cacheUnnamed}, r...),
		append(Command{"aws", "s3", "cp", "web/dist/index.html", site + "/index.html", "--cache-control", cacheNone,
			"--content-type", "text/html; charset=utf-8"}, r...),
		append(Command{"aws", "s3", "cp", configPath, site + "/config.json", "--cache-control", cacheNone,
			"--content-type", "application/json"}, r...),
		{"aws", "cloudfront", "create-invalidation", "--distribution-id", o["DistributionId"], "--paths", "/index.html", "/config.json"},
	}
}

// describeStacks reads the stack's outputs.
func describeStacks(stack, region string) Command {
	return Command{"aws", "cloudformation", "describe-stacks", "--stack-name", stack, "--region", region, "--output", "json"}
}
