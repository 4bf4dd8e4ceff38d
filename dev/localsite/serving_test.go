package localsite

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// bigText is a file big enough to be compressed (CloudFront: 1,000 bytes).
var bigText = strings.Repeat("const answer = 42; // the same line again\n", 60)

// decoded is the body of w, decoded as its Content-Encoding says.
func decoded(t *testing.T, coding string, body []byte) string {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch coding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "":
	default:
		t.Fatalf("Content-Encoding %q", coding)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestCompression: the web app and the photos go out compressed as
// CloudFront sends them (Brotli when accepted, else gzip; from 1,000
// bytes); the API's answers are left to the gateway.
func TestCompression(t *testing.T) {
	s := newSite(t)
	for _, tt := range []struct {
		target, accept, want string
		body                 string // the decoded body; "" when not checked
	}{
		{"/assets/big-5678.js", "gzip, deflate, br, zstd", "br", bigText},
		{"/assets/big-5678.js", "gzip, deflate", "gzip", bigText},
		{"/assets/big-5678.js", "", "", bigText},
		{"/assets/big-5678.js", "br;q=0, gzip;q=0", "", bigText},
		{"/assets/app-1234.js", "br", "", "js"}, // under 1,000 bytes
		{"/static/cars/ber-002.0123456789.svg", "br", "br", "<svg>" + bigText + "</svg>"},
		{"/api/things", "br", "", ""},
		{"/cars/ber-001", "br", "", ""},
	} {
		w := s.get("GET", tt.target, "Accept-Encoding", tt.accept)
		got := w.Header().Get("Content-Encoding")
		if got != tt.want {
			t.Errorf("GET %s (Accept-Encoding %q): Content-Encoding %q, want %q", tt.target, tt.accept, got, tt.want)
			continue
		}
		if tt.body != "" {
			if b := decoded(t, got, w.Body.Bytes()); b != tt.body {
				t.Errorf("GET %s (%s): decoded %d bytes, want the file's %d", tt.target, got, len(b), len(tt.body))
			}
		}
		if tt.want != "" && w.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: Vary %q", tt.target, w.Header().Get("Vary"))
		}
	}
}

// TestCacheControlByPath: each path's Cache-Control is the one the
// distribution's behaviour and the uploaded object give it.
func TestCacheControlByPath(t *testing.T) {
	s := newSite(t)
	for target, want := range map[string]string{
		"/":                                   "no-cache",
		"/index.html":                         "no-cache",
		"/car/ber-001":                        "no-cache",
		"/assets/big-5678.js":                 "public, max-age=31536000, immutable",
		"/favicon.svg":                        "public, max-age=3600",
		"/robots.txt":                         "public, max-age=3600",
		"/sitemap.xml":                        "public, max-age=3600",
		"/static/cars/ber-002.0123456789.svg": "public, max-age=31536000, immutable",
		"/assets/missing.js":                  "",
		"/static/cars/missing.svg":            "",
		"/config.json":                        "no-store",
	} {
		w := s.get("GET", target, "Accept-Encoding", "br")
		if got := w.Header().Get("Cache-Control"); got != want {
			t.Errorf("GET %s (%d): Cache-Control %q, want %q", target, w.Code, got, want)
		}
	}
}

// TestConfigInIndex: index.html, for every route of the app, carries this
// run's config.json in its config element, so the app needs no second
// round trip before it can render.
func TestConfigInIndex(t *testing.T) {
	s := newSite(t)
	want := map[string]any{} // values of every JSON type: the chatbot is an object
	if err := json.Unmarshal(s.get("GET", "/config.json").Body.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	element := regexp.MustCompile(`<script id="app-config" type="application/json">(.*?)</script>`)
	for _, target := range []string{"/", "/index.html", "/my-bookings/b1", "/sign-in?next=%2F"} {
		w := s.get("GET", target)
		m := element.FindSubmatch(w.Body.Bytes())
		if m == nil {
			t.Errorf("GET %s: no config element in %s", target, w.Body)
			continue
		}
		got := map[string]any{}
		if err := json.Unmarshal(m[1], &got); err != nil || len(got) != len(want) || got["userPoolId"] != want["userPoolId"] ||
			got["userPoolEndpoint"] != "/_cognito" {
			t.Errorf("GET %s: config %s (%v), want /config.json's %v", target, m[1], err, want)
		}
		if w.Header().Get("Last-Modified") != "" {
			t.Errorf("GET %s: Last-Modified %q on a page with this run's config", target, w.Header().Get("Last-Modified"))
		}
	}
}

// TestCrawlerFiles: robots.txt and sitemap.xml name the origin the
// request came to.
func TestCrawlerFiles(t *testing.T) {
	s := newSite(t, "devbox")
	w := s.get("GET", "/robots.txt", "Host", "devbox:3001")
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" ||
		!strings.Contains(w.Body.String(), "\nSitemap: http://devbox:3001/sitemap.xml\n") || !strings.Contains(w.Body.String(), "Disallow: /api/\n") {
		t.Errorf("robots.txt: %d %v\n%s", w.Code, w.Header(), w.Body)
	}
	w = s.get("GET", "/sitemap.xml")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/xml" ||
		!strings.Contains(w.Body.String(), "<loc>http://localhost:3000/</loc>") {
		t.Errorf("sitemap.xml: %d %v\n%s", w.Code, w.Header(), w.Body)
	}
	if w.Header().Get("Content-Security-Policy") == "" {
		t.Errorf("sitemap.xml without the site's headers: %v", w.Header())
	}
}
