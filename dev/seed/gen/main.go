// Command gen draws the picture of every car of the sample fleet into
// seed/images/cars/<id>.<hash>.svg (seed.ImageKey) and removes pictures of
// cars that are no longer in it, or that changed. Run it from anywhere in
// the repository after editing seed/fleet.json:
//
//	go generate ./dev/seed
//
// The pictures are committed; a test of package seed fails when one is
// stale or missing.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := samtemplate.FindRoot()
	if err != nil {
		return err
	}
	fleet, err := seed.Load(filepath.Join(root, seed.FleetFile))
	if err != nil {
		return err
	}
	dir := filepath.Join(root, seed.ImagesDir)
	keep := map[string]bool{}
	for _, c := range fleet.Cars {
		path := filepath.Join(dir, filepath.FromSlash(c.ImageKey))
		keep[path] = true
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, seed.Picture(c), 0o644); err != nil {
			return err
		}
	}
	stale, err := filepath.Glob(filepath.Join(dir, "cars", "*.svg"))
	if err != nil {
		return err
	}
	for _, path := range stale {
		if !keep[path] {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	fmt.Printf("gen: %d pictures in %s\n", len(fleet.Cars), strings.TrimPrefix(dir, root+string(filepath.Separator)))
	return nil
}
