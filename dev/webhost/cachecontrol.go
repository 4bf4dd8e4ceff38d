package webhost

import (
	"path"
	"strings"
)

// Cache-Control values of the site's files ("Cache-Control", RFC 9111,
// section 5.2.2). CloudFront's cache policies honour them (CachingOptimized
// and the template's SitePagesCachePolicy), and browsers keep a file as
// long as they say.
const (
	// Immutable is for content-addressed files, whose name changes with
	// their bytes: Vite's hashed assets (/assets/*) and the car photos
	// (cars/<id>.<hash>.svg). A year, and not even revalidated on reload.
	Immutable = "public, max-age=31536000, immutable"
	// NoCache is for index.html (and so every route of the app) and
	// config.json: fetched again, or revalidated, every time, so that a
	// deployment shows at once.
	NoCache = "no-cache"
	// Unhashed is for the few other files (favicon.svg, robots.txt,
	// sitemap.xml), whose names stay: an hour.
	Unhashed = "public, max-age=3600"
)

// CacheControl is the Cache-Control of the site's file at urlPath (a
// cleaned path from the site's root): Immutable under /assets/, NoCache
// for index.html, config.json and the app's routes (paths without a file
// extension, which are index.html), Unhashed for the rest.
func CacheControl(urlPath string) string {
	switch {
	case strings.HasPrefix(urlPath, "/assets/"):
		return Immutable
	case urlPath == "/index.html" || urlPath == "/config.json" || path.Ext(urlPath) == "":
		return NoCache
	}
	return Unhashed
}
