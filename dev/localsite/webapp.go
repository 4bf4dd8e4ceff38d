package localsite

import (
	"html/template"
	"net/http"
	"path"
	"path/filepath"
	"strings"
)

// webApp serves the built single-page app in dir as CloudFront serves it
// from S3: files as they are, hashed assets (assets/) cached for a year,
// and index.html, never cached, for every path without a file extension
// that is not a file (the app's own routes, such as /my-bookings); a
// missing file with an extension is a 404. dir is read on every request,
// so a rebuild shows without a restart. When dir has no index.html, those
// paths get a page that says how to build the app. Every answer carries
// headers, the site's security headers.
func webApp(dir string, headers http.Header) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name, values := range headers {
			w.Header()[name] = append([]string(nil), values...)
		}
		p := path.Clean("/" + r.URL.Path)
		if strings.HasPrefix(p, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
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
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// Not http.ServeFile: it redirects /index.html to /.
		serveFile(w, r, dir, "index.html")
	})
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
