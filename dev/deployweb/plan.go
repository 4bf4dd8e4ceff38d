package deployweb

import (
	"strings"

	"github.com/carrental/backend/dev/webhost"
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

// Plan is the upload, in order, from the repository root, each with the
// Cache-Control that dev/webhost gives its kind of file (the local stack
// serves them with the same): the photos under their content-addressed
// keys (a year, immutable), the hashed assets (the same), the other files
// of web/dist, robots.txt and sitemap.xml among them (an hour), then
// index.html, with the config written into it, and config.json (from
// configPath; no-cache); last the invalidation of what CloudFront may
// hold of the files whose names stay.
func Plan(o Outputs, region, configPath string) []Command {
	site, images := "s3://"+o["SiteBucket"], "s3://"+o["ImageBucket"]
	r := []string{"--region", region}
	return []Command{
		append(Command{"aws", "s3", "sync", "seed/images/cars", images + "/cars", "--cache-control", webhost.Immutable}, r...),
		append(Command{"aws", "s3", "sync", "web/dist/assets", site + "/assets", "--cache-control", webhost.Immutable}, r...),
		append(Command{"aws", "s3", "sync", "web/dist", site, "--exclude", "assets/*", "--exclude", "index.html",
			"--exclude", "config.json", "--exclude", "config.example.json", "--cache-control", webhost.Unhashed}, r...),
		append(Command{"aws", "s3", "cp", "web/dist/index.html", site + "/index.html", "--cache-control", webhost.NoCache,
			"--content-type", "text/html; charset=utf-8"}, r...),
		append(Command{"aws", "s3", "cp", configPath, site + "/config.json", "--cache-control", webhost.NoCache,
			"--content-type", "application/json"}, r...),
		{"aws", "cloudfront", "create-invalidation", "--distribution-id", o["DistributionId"], "--paths",
			"/index.html", "/config.json", "/robots.txt", "/sitemap.xml"},
	}
}

// describeStacks reads the stack's outputs.
func describeStacks(stack, region string) Command {
	return Command{"aws", "cloudformation", "describe-stacks", "--stack-name", stack, "--region", region, "--output", "json"}
}
