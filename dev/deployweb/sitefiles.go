package deployweb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/carrental/backend/dev/webhost"
)

// writeSiteFiles writes into dist (web/dist) what the upload sends besides
// the build: config (config.json's bytes) into index.html, so that the
// app starts without fetching /config.json first (webhost.InjectConfig;
// again on every deployment, replacing the last one's), and robots.txt and
// sitemap.xml for the site at siteURL (webhost.Robots, webhost.Sitemap).
// In a dry run a missing index.html is only reported; in a real run the
// caller has checked that it exists.
func writeSiteFiles(dist, siteURL string, config []byte, dryRun bool, out io.Writer) error {
	site := strings.TrimRight(siteURL, "/")
	index := filepath.Join(dist, "index.html")
	page, err := os.ReadFile(index)
	switch {
	case errors.Is(err, fs.ErrNotExist) && dryRun:
		fmt.Fprintln(out, "dry run: no web/dist/index.html to write the config into: build the web app (make web)")
	case err != nil:
		return err
	default:
		injected, err := webhost.InjectConfig(page, config)
		if err != nil {
			return err
		}
		if err := os.WriteFile(index, injected, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(out, "wrote the config into web/dist/index.html")
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return err
	}
	for name, body := range map[string][]byte{"robots.txt": webhost.Robots(site), "sitemap.xml": webhost.Sitemap(site)} {
		if err := os.WriteFile(filepath.Join(dist, name), body, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "wrote web/dist/robots.txt and web/dist/sitemap.xml for %s\n", site)
	return nil
}
