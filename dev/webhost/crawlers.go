package webhost

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// PublicPages are the app's pages that anyone may open and a search
// engine may list (the routes of web/src/App.tsx that need no sign-in and
// show the same for everyone): the search, and the sign-in and sign-up
// pages. A car page (/car/<id>) is public too, but which cars exist is the
// table's, not the build's, so the sitemap leaves them to the links of
// the search.
var PublicPages = []string{"/", "/sign-in", "/sign-up"}

// PrivatePaths are what robots.txt asks crawlers to leave alone: the API,
// and the pages that only a signed-in user sees (they would show a
// sign-in form) or that only a link in an email leads to.
var PrivatePaths = []string{"/api/", "/book/", "/my-bookings", "/confirm-sign-up", "/reset-password"}

// Robots is robots.txt for the site at origin ("https://d1.cloudfront.net",
// no trailing slash): every crawler may read the site but PrivatePaths,
// and the sitemap is at origin/sitemap.xml. The format: RFC 9309
// (https://www.rfc-editor.org/rfc/rfc9309); Sitemap lines take an
// absolute URL (https://www.sitemaps.org/protocol.html#submit_robots).
func Robots(origin string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	for _, p := range PrivatePaths {
		fmt.Fprintf(&b, "Disallow: %s\n", p)
	}
	fmt.Fprintf(&b, "\nSitemap: %s/sitemap.xml\n", strings.TrimRight(origin, "/"))
	return []byte(b.String())
}

// Sitemap is sitemap.xml for the site at origin: the PublicPages as
// absolute URLs, in the Sitemaps 0.9 format
// (https://www.sitemaps.org/protocol.html).
func Sitemap(origin string) []byte {
	type url struct {
		Loc string `xml:"loc"`
	}
	doc := struct {
		XMLName xml.Name `xml:"urlset"`
		XMLNS   string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range PublicPages {
		doc.URLs = append(doc.URLs, url{Loc: strings.TrimRight(origin, "/") + p})
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // strings only: always encodes
	}
	return append(append([]byte(xml.Header), out...), '\n')
}
