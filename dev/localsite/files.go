package localsite

import (
	"net/http"
	"os"
	"path"
	"strings"
)

// files serves the regular files below dir, with cacheControl as their
// Cache-Control (a 404 has none): no directory listings, no escape from
// dir (os.Root refuses .. and symbolic links that lead out).
func files(dir, cacheControl string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", cacheControl)
		if !serveFile(w, r, dir, r.URL.Path) {
			w.Header().Del("Cache-Control")
			http.NotFound(w, r)
		}
	})
}

// serveFile serves the file at urlPath below dir and reports whether there
// was one; when there was none, it has written nothing.
func serveFile(w http.ResponseWriter, r *http.Request, dir, urlPath string) bool {
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" {
		return false
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return false
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	return true
}

// isFile reports whether name is a regular file.
func isFile(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}
