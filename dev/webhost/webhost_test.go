package webhost

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCacheControl(t *testing.T) {
	for p, want := range map[string]string{
		"/assets/index-CVgFzO8r.js":  Immutable,
		"/assets/index-BCmPf9uH.css": Immutable,
		"/index.html":                NoCache,
		"/":                          NoCache,
		"/my-bookings/01J":           NoCache,
		"/config.json":               NoCache,
		"/favicon.svg":               Unhashed,
		"/robots.txt":                Unhashed,
		"/sitemap.xml":               Unhashed,
	} {
		if got := CacheControl(p); got != want {
			t.Errorf("CacheControl(%q) = %q, want %q", p, got, want)
		}
	}
}

// sourcePage is the repository's web/index.html, which Vite copies into
// web/dist with its script tags added.
func sourcePage(t *testing.T) []byte {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "web", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// configIn is the content of page's config element.
func configIn(t *testing.T, page []byte) string {
	t.Helper()
	m := configElement.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no config element in %s", page)
	}
	return string(m[2])
}

func TestInjectConfig(t *testing.T) {
	page := sourcePage(t)
	if got := configIn(t, page); got != "" {
		t.Fatalf("web/index.html's config element holds %q; the build must leave it empty", got)
	}
	config := []byte(`{"apiBaseUrl":"/api","region":"eu-central-1","note":"</script><script>alert(1)</script> & <!--"}`)
	once, err := InjectConfig(page, config)
	if err != nil {
		t.Fatal(err)
	}
	inner := configIn(t, once)
	if strings.Contains(inner, "<") || strings.Contains(inner, ">") {
		t.Errorf("the injected JSON can end the element: %s", inner)
	}
	var got, want map[string]any
	if err := json.Unmarshal([]byte(inner), &got); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(config, &want)
	if got["note"] != want["note"] || got["region"] != "eu-central-1" {
		t.Errorf("read back %v, want %v", got, want)
	}
	// Around the element the page is unchanged.
	if rest := configElement.ReplaceAll(once, nil); !bytes.Equal(rest, configElement.ReplaceAll(page, nil)) {
		t.Errorf("the page changed outside its config element:\n%s", once)
	}
	// An indented config.json goes in compacted.
	indented, err := InjectConfig(page, []byte("{\n  \"region\": \"eu-central-1\",\n  \"a\": [1, 2]\n}\n"))
	if err != nil || configIn(t, indented) != `{"region":"eu-central-1","a":[1,2]}` {
		t.Errorf("indented config: %q (%v)", configIn(t, indented), err)
	}
	// Injecting again replaces: the same page as from the build.
	other := []byte(`{"region":"us-east-1"}`)
	twice, err := InjectConfig(once, other)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := InjectConfig(page, other)
	if !bytes.Equal(twice, fresh) {
		t.Errorf("injecting into an injected page:\n%s\nwant\n%s", twice, fresh)
	}
}

func TestInjectConfigRefuses(t *testing.T) {
	page := sourcePage(t)
	for _, config := range []string{``, `null`, `[1]`, `"x"`, `{"a":`, `{} {}`} {
		if _, err := InjectConfig(page, []byte(config)); err == nil {
			t.Errorf("config %q: no error", config)
		}
	}
	element := `<script id="app-config" type="application/json"></script>`
	for name, p := range map[string]string{
		"none":         `<html><head></head></html>`,
		"two":          `<html><head>` + element + element + `</head></html>`,
		"another type": `<script id="app-config" type="module"></script>`,
		"unclosed":     `<script id="app-config" type="application/json">`,
		"another id":   `<script id="config" type="application/json"></script>`,
	} {
		if _, err := InjectConfig([]byte(p), []byte(`{}`)); !errors.Is(err, ErrNoConfigElement) {
			t.Errorf("%s: %v, want ErrNoConfigElement", name, err)
		}
	}
}

// appRoutes are the paths of web/src/App.tsx's routes: "/" for the index
// route, "/sign-in" for path="sign-in", "/car/:carId" for path="car/:carId".
func appRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "web", "src", "App.tsx"))
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	if regexp.MustCompile(`<Route\s+index\b`).Match(src) {
		routes = append(routes, "/")
	}
	for _, m := range regexp.MustCompile(`<Route\s+path="([^"*]+)"`).FindAllSubmatch(src, -1) {
		routes = append(routes, "/"+string(m[1]))
	}
	if len(routes) < 5 {
		t.Fatalf("read only %q from App.tsx", routes)
	}
	return routes
}

// TestPagesAreRoutes: every page the sitemap lists and every page
// robots.txt keeps crawlers from is one of the app's routes (or below one).
func TestPagesAreRoutes(t *testing.T) {
	routes := appRoutes(t)
	for _, p := range PublicPages {
		if !slices.Contains(routes, p) {
			t.Errorf("sitemap page %s is no route of App.tsx (%q)", p, routes)
		}
	}
	for _, p := range PrivatePaths {
		if p == "/api/" {
			continue
		}
		if !slices.ContainsFunc(routes, func(r string) bool { return strings.HasPrefix(r, p) }) {
			t.Errorf("robots.txt disallows %s, which starts no route of App.tsx (%q)", p, routes)
		}
		if slices.ContainsFunc(PublicPages, func(pub string) bool { return strings.HasPrefix(pub, p) }) {
			t.Errorf("robots.txt disallows %s, but the sitemap lists a page under it", p)
		}
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots("https://d1.cloudfront.net/"))
	want := "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /book/\nDisallow: /my-bookings\n" +
		"Disallow: /confirm-sign-up\nDisallow: /reset-password\n\nSitemap: https://d1.cloudfront.net/sitemap.xml\n"
	if got != want {
		t.Errorf("robots.txt:\n%s\nwant:\n%s", got, want)
	}
}

func TestSitemap(t *testing.T) {
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	data := Sitemap("http://localhost:3000")
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration: %s", data)
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || doc.XMLName.Local != "urlset" {
		t.Errorf("root element %v", doc.XMLName)
	}
	var locs []string
	for _, u := range doc.URLs {
		locs = append(locs, u.Loc)
	}
	if want := []string{"http://localhost:3000/", "http://localhost:3000/sign-in", "http://localhost:3000/sign-up"}; !slices.Equal(locs, want) {
		t.Errorf("locs %q, want %q", locs, want)
	}
}
