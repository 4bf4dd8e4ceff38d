package localsite

import (
	"bytes"
	"html/template"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/carrental/backend/dev/webhost"
)

// webApp serves the built single-page app in dir as the site's CloudFront
// distribution serves it from S3 after `make deploy-web`: files as they
// are, each with its Cache-Control (webhost.CacheControl: hashed assets
// for a year, immutable), and index.html, never cached and with config
// (the app's config.json) written into it, for every path without a file
// extension that is not a file (the app's own routes, such as
// /my-bookings); robots.txt and sitemap.xml for the origin the request
// names; a missing file with an extension is a 404. dir is read on every
// request, so a rebuild shows without a restart. When dir has no
// index.html, those paths get a page that says how to build the app.
// Every answer carries headers, the site's security headers.
func webApp(dir string, headers http.Header, config []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name, values := range headers {
			w.Header()[name] = append([]string(nil), values...)
		}
		p := path.Clean("/" + r.URL.Path)
		switch p {
		case "/robots.txt":
			serveGenerated(w, r, "text/plain; charset=utf-8", webhost.Robots(origin(r)))
			return
		case "/sitemap.xml":
			serveGenerated(w, r, "application/xml", webhost.Sitemap(origin(r)))
			return
		}
		w.Header().Set("Cache-Control", webhost.CacheControl(p))
		if p != "/" && p != "/index.html" && serveFile(w, r, dir, p) {
			return
		}
		w.Header().Del("Cache-Control")
		if path.Ext(p) != "" && p != "/index.html" {
			http.NotFound(w, r)
			return
		}
		index := filepath.Join(dir, "index.html")
		if !isFile(index) {
			notBuilt(w, dir)
			return
		}
		serveIndex(w, r, index, config)
	})
}

// serveIndex answers with the page at name, config written into it
// (webhost.InjectConfig), or with the page as it is when it has no place
// for it (a build of an older web/index.html: the app then fetches
// /config.json).
func serveIndex(w http.ResponseWriter, r *http.Request, name string, config []byte) {
	page, err := os.ReadFile(name)
	if err != nil {
		http.Error(w, "index.html: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if injected, err := webhost.InjectConfig(page, config); err == nil {
		page = injected
	}
	w.Header().Set("Cache-Control", webhost.NoCache)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// No Last-Modified: the page holds this run's config, which is newer
	// than the file.
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(page))
}

// serveGenerated answers with body, as a file of the site would be.
func serveGenerated(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", webhost.Unhashed)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// origin is the site's origin as the request names it: the local stack
// is plain HTTP on whatever host and port the browser used.
func origin(r *http.Request) string {
	return "http://" + strings.ToLower(r.Host)
}

var notBuiltPage = template.Must(template.New("").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Car Rental: web app not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code,pre{background:#f2f4f7;padding:.1rem .3rem}</style></head>
<body><h1>The web app is not built</h1>
<p>The local stack is running and serves the API, but there is no <code>{{.}}/index.html</code> to show here.</p>
<p>Build the web app (Node.js 20.19 or later), then reload this page:</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p><code>make run</code> builds it by itself when <code>web/package.json</code> exists. Meanwhile, try the API:
<a href="/locations">/locations</a>.</p>
</body></html>
`))

// notBuilt answers with the page that says how to build the web app. Its
// inline style is not the app's: the app's policy does not apply.
func notBuilt(w http.ResponseWriter, dir string) {
	w.Header().Del("Content-Security-Policy")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	_ = notBuiltPage.Execute(w, dir)
}
