package deployweb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/config*.json from what the dry run writes")

// recorder is an Exec that records commands; Output answers describe.
type recorder struct {
	ran      []string
	describe []byte
}

func (r *recorder) Run(_ context.Context, c Command) error {
	r.ran = append(r.ran, c.String())
	return nil
}

func (r *recorder) Output(_ context.Context, c Command) ([]byte, error) {
	r.ran = append(r.ran, c.String())
	if r.describe == nil {
		return nil, errors.New("no AWS here")
	}
	return r.describe, nil
}

// noAWS fails the test on any command.
type noAWS struct{ t *testing.T }

func (n noAWS) Run(_ context.Context, c Command) error {
	n.t.Errorf("ran %s", c)
	return errors.New("no AWS")
}

func (n noAWS) Output(_ context.Context, c Command) ([]byte, error) {
	n.t.Errorf("ran %s", c)
	return nil, errors.New("no AWS")
}

// outputsWith is testdata/describe-stacks.json with SocialProviders set
// to providers, in a temporary file.
func outputsWith(t *testing.T, providers string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "describe-stacks.json"))
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"OutputValue": "Google,Facebook"`), []byte(`"OutputValue": "`+providers+`"`), 1)
	path := filepath.Join(t.TempDir(), "describe-stacks.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDryRun: with a describe-stacks file, a dry run calls nothing, writes
// config.json (testdata/config*.json, which web/src/config.deploy.test.ts
// holds to the web app's own validation) and prints every upload with its
// Cache-Control (the photos and the assets a year, immutable: their names
// are content-addressed), index.html and config.json last, then the
// invalidation.
func TestDryRun(t *testing.T) {
	for providers, golden := range map[string]string{"Google,Facebook": "config.json", "None": "config-no-social.json"} {
		t.Run(providers, func(t *testing.T) {
			var out bytes.Buffer
			configPath := filepath.Join(t.TempDir(), "config.json")
			err := Run(context.Background(), Options{Root: t.TempDir(), Stack: "car-rental-dev", Region: "eu-central-1",
				OutputsFile: outputsWith(t, providers), ConfigPath: configPath, DryRun: true, Out: &out, Exec: noAWS{t}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(configPath)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join("testdata", golden)
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if w, err := os.ReadFile(want); err != nil || !bytes.Equal(got, w) {
				t.Errorf("config.json:\n%s\nwant %s (go test ./dev/deployweb -update rewrites it):\n%s (%v)", got, want, w, err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			var cmds []string
			for _, l := range lines {
				if c, ok := strings.CutPrefix(l, "(dry run) "); ok {
					cmds = append(cmds, c)
				}
			}
			wantCmds := []string{
				"aws s3 sync seed/images/cars s3://car-rental-dev-imagebucket-6f5e4d3c2b1a/cars --cache-control 'public, max-age=31536000, immutable' --region eu-central-1",
				"aws s3 sync web/dist/assets s3://car-rental-dev-sitebucket-1a2b3c4d5e6f/assets --cache-control 'public, max-age=31536000, immutable' --region eu-central-1",
				"aws s3 sync web/dist s3://car-rental-dev-sitebucket-1a2b3c4d5e6f --exclude 'assets/*' --exclude index.html --exclude config.json --exclude config.example.json --cache-control 'public, max-age=3600' --region eu-central-1",
				"aws s3 cp web/dist/index.html s3://car-rental-dev-sitebucket-1a2b3c4d5e6f/index.html --cache-control no-cache --content-type 'text/html; charset=utf-8' --region eu-central-1",
				"aws s3 cp " + configPath + " s3://car-rental-dev-sitebucket-1a2b3c4d5e6f/config.json --cache-control no-cache --content-type application/json --region eu-central-1",
				"aws cloudfront create-invalidation --distribution-id E2QWRUHEXAMPLE --paths /index.html /config.json /robots.txt /sitemap.xml",
			}
			if strings.Join(cmds, "\n") != strings.Join(wantCmds, "\n") {
				t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(cmds, "\n"), strings.Join(wantCmds, "\n"))
			}
		})
	}
}

// TestRun: a real run asks describe-stacks for samconfig.toml's stack,
// writes web/dist/config.json and runs the plan in order.
func TestRun(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{
		"samconfig.toml":       "[default.global.parameters]\nstack_name = \"car-rental-dev\"\nregion = \"eu-central-1\"\n",
		"web/dist/index.html":  `<html><head><script id="app-config" type="application/json"></script></head></html>`,
		"web/dist/favicon.svg": "<svg/>",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	describe, err := os.ReadFile(filepath.Join("testdata", "describe-stacks.json"))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{describe: describe}
	var out bytes.Buffer
	if err := Run(context.Background(), Options{Root: root, Out: &out, Exec: rec}); err != nil {
		t.Fatal(err)
	}
	if len(rec.ran) != 7 || rec.ran[0] != "aws cloudformation describe-stacks --stack-name car-rental-dev --region eu-central-1 --output json" ||
		!strings.HasPrefix(rec.ran[4], "aws s3 cp web/dist/index.html") || !strings.HasPrefix(rec.ran[5], "aws s3 cp web/dist/config.json") ||
		!strings.HasPrefix(rec.ran[6], "aws cloudfront create-invalidation") {
		t.Errorf("ran:\n%s", strings.Join(rec.ran, "\n"))
	}
	got, err := os.ReadFile(filepath.Join(root, "web", "dist", "config.json"))
	if want, _ := os.ReadFile(filepath.Join("testdata", "config.json")); err != nil || !bytes.Equal(got, want) {
		t.Errorf("web/dist/config.json = %s (%v)", got, err)
	}
	// The page that is uploaded carries the same config, so the app starts
	// without fetching it.
	page, err := os.ReadFile(filepath.Join(root, "web", "dist", "index.html"))
	m := regexp.MustCompile(`(?s)<script id="app-config" type="application/json">(.*?)</script>`).FindSubmatch(page)
	var inPage, inFile map[string]any
	if err != nil || m == nil || json.Unmarshal(m[1], &inPage) != nil || json.Unmarshal(got, &inFile) != nil ||
		fmt.Sprint(inPage) != fmt.Sprint(inFile) {
		t.Errorf("web/dist/index.html = %s (%v), want config.json in its app-config element", page, err)
	}
	robots, err := os.ReadFile(filepath.Join(root, "web", "dist", "robots.txt"))
	if err != nil || !strings.Contains(string(robots), "\nSitemap: https://d111111abcdef8.cloudfront.net/sitemap.xml\n") {
		t.Errorf("web/dist/robots.txt = %s (%v)", robots, err)
	}
	sitemap, err := os.ReadFile(filepath.Join(root, "web", "dist", "sitemap.xml"))
	if err != nil || !strings.Contains(string(sitemap), "<loc>https://d111111abcdef8.cloudfront.net/sign-in</loc>") {
		t.Errorf("web/dist/sitemap.xml = %s (%v)", sitemap, err)
	}
}

// TestRunRefusesAnOldPage: a build whose index.html has no config element
// (an older web/index.html) is not uploaded: the app would fetch
// /config.json first, which is what the element is there to save.
func TestRunRefusesAnOldPage(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "web", "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "web", "dist", "index.html"), []byte("<html></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	describe, _ := os.ReadFile(filepath.Join("testdata", "describe-stacks.json"))
	rec := &recorder{describe: describe}
	err := Run(context.Background(), Options{Root: root, Stack: "s", Region: "eu-central-1", Out: &bytes.Buffer{}, Exec: rec})
	if err == nil || !strings.Contains(err.Error(), `<script id="app-config" type="application/json">`) {
		t.Errorf("error = %v, want one that names the config element", err)
	}
	if len(rec.ran) != 1 {
		t.Errorf("ran %q, want only describe-stacks", rec.ran)
	}
}

// TestRunRefuses: no build, no stack, a stack without the site's outputs.
func TestRunRefuses(t *testing.T) {
	describe, _ := os.ReadFile(filepath.Join("testdata", "describe-stacks.json"))
	old := bytes.Replace(describe, []byte(`"OutputKey": "SiteUrl"`), []byte(`"OutputKey": "Other"`), 1)
	busy := bytes.Replace(describe, []byte("UPDATE_COMPLETE"), []byte("UPDATE_IN_PROGRESS"), 1)
	for name, tt := range map[string]struct {
		o    Options
		want string
	}{
		"no build":        {Options{Stack: "s", Region: "eu-central-1", Exec: &recorder{describe: describe}}, "web/dist/index.html is missing"},
		"no stack":        {Options{Exec: &recorder{}}, "no stack name or region"},
		"an older stack":  {Options{Stack: "s", Region: "r", Exec: &recorder{describe: old}}, "has no output SiteUrl"},
		"a stack at work": {Options{Stack: "s", Region: "r", Exec: &recorder{describe: busy}}, "UPDATE_IN_PROGRESS"},
	} {
		tt.o.Root, tt.o.Out = t.TempDir(), &bytes.Buffer{}
		if err := Run(context.Background(), tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", name, err, tt.want)
		}
	}
}

func TestConfigRefuses(t *testing.T) {
	good := Outputs{"UserPoolId": "eu-central-1_AbC", "SiteUrl": "https://d1.cloudfront.net", "SocialProviders": "None",
		"LexBotId": "ABCDEFGHIJ", "LexBotAliasId": "KLMNOPQRST", "LexBotLocaleId": "en_US", "IdentityPoolId": "eu-central-1:1a2b"}
	for name, change := range map[string]func(Outputs){
		"pool id":       func(o Outputs) { o["UserPoolId"] = "AbC" },
		"site url":      func(o Outputs) { o["SiteUrl"] = "http://d1.cloudfront.net" },
		"provider":      func(o Outputs) { o["SocialProviders"] = "Google,Twitter" },
		"identity pool": func(o Outputs) { o["IdentityPoolId"] = "us-east-1:1a2b" },
	} {
		o := Outputs{}
		for k, v := range good {
			o[k] = v
		}
		change(o)
		if _, err := Config(o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if c, err := Config(good); err != nil || c.Region != "eu-central-1" || c.OAuth != nil ||
		*c.Chatbot != (Chatbot{BotID: "ABCDEFGHIJ", BotAliasID: "KLMNOPQRST", LocaleID: "en_US", IdentityPoolID: "eu-central-1:1a2b"}) {
		t.Errorf("Config = %+v, %v", c, err)
	}
}

// TestSamDefaults: the repository's samconfig.toml, and the deploy
// section winning over the global one.
func TestSamDefaults(t *testing.T) {
	stack, region, err := samDefaults(filepath.Join("..", "..", "samconfig.toml"))
	if err != nil || stack != "car-rental-dev" || region != "eu-central-1" {
		t.Errorf("samconfig.toml: %q %q %v", stack, region, err)
	}
	path := filepath.Join(t.TempDir(), "samconfig.toml")
	text := "version = 0.1\n[default.global.parameters]\nstack_name = \"a\"\nregion = \"us-east-1\"\n[default.deploy.parameters]\nstack_name = \"b\"\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if stack, region, _ := samDefaults(path); stack != "b" || region != "us-east-1" {
		t.Errorf("got %q %q, want b us-east-1", stack, region)
	}
}
