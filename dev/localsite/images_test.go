package localsite

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestImagesAndUploads: with Images set, /static is served by it (the
// local S3's bucket), the path without /static, compressed as the other
// files; and the web app's policy lets a page fetch from ConnectOrigins
// (the local S3, where the staff page posts photos), no other.
func TestImagesAndUploads(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "dist", "index.html"), "<html>app</html>")
	var paths []string
	h := New(Options{WebDir: filepath.Join(dir, "dist"), ImagesDir: filepath.Join(dir, "none"), API: fakeAPI{},
		ImageBaseURL: "http://localhost:3000/static", ConnectOrigins: []string{"http://127.0.0.1:4567/car-rental-local-images"},
		Images: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			paths = append(paths, r.URL.Path)
			w.Header().Set("Content-Type", "image/svg+xml")
			_, _ = w.Write([]byte("<svg>" + bigText + "</svg>"))
		})})
	get := func(target string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", target, nil)
		r.Host = "localhost:3000"
		r.Header.Set("Accept-Encoding", "br")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := get("/static/cars/ber-001/front.svg")
	if w.Code != 200 || len(paths) != 1 || paths[0] != "/cars/ber-001/front.svg" || w.Header().Get("Content-Encoding") != "br" {
		t.Errorf("/static: %d %v, paths %v", w.Code, w.Header(), paths)
	}
	// An uploaded SVG shares the web app's origin here: it runs nothing.
	if got := w.Header().Get("Content-Security-Policy"); got != PhotoContentSecurityPolicy || w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("/static: Content-Security-Policy %q, X-Content-Type-Options %q", got, w.Header().Get("X-Content-Type-Options"))
	}
	csp := get("/").Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "connect-src 'self' http://127.0.0.1:4567;") || !strings.Contains(csp, "img-src 'self' data: http://localhost:3000;") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}
