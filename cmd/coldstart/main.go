// Command coldstart measures the functions' cold start against a Lambda
// runtime API of its own and DynamoDB Local (see dev/coldstart), and
// prints the table that docs/figures.md quotes. `make bench-coldstart`
// builds the binaries it needs into build/coldstart and runs it:
//
//	go run ./cmd/coldstart -dir build/coldstart -runs 10
//
// dir holds <function>/bootstrap for each function, floor/bootstrap (the
// bare aws-lambda-go handler) and variants <function>-<variant>/bootstrap,
// such as update-booking-notrace (built with -tags notrace, without X-Ray):
// each is measured on its function's event, after the function.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/carrental/backend/dev/coldstart"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lambdafn"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "coldstart:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", "build/coldstart", "folder of the bootstraps (see make bench-coldstart)")
	runs := flag.Int("runs", 10, "runs per binary (at least 10 for the figures of docs/figures.md)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	root, err := samtemplate.FindRoot()
	if err != nil {
		return err
	}
	bins, err := binaries(root, *dir)
	if err != nil {
		return err
	}
	stack, err := coldstart.StartStack(ctx, root)
	if err != nil {
		return err
	}
	defer stack.Stop()
	results, err := coldstart.Measure(ctx, stack, bins, *runs, func(s string) { fmt.Fprintln(os.Stderr, s) })
	if err != nil {
		return err
	}
	fmt.Print(coldstart.Table(results, *runs))
	return nil
}

// binaries lists the floor first, then each function, each followed by its
// variants.
func binaries(root, dir string) ([]coldstart.Binary, error) {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	folders, err := lambdafn.Folders(root)
	if err != nil {
		return nil, err
	}
	floor := filepath.Join(dir, "floor", "bootstrap")
	if _, err := os.Stat(floor); err != nil {
		return nil, fmt.Errorf("no floor: %w (run make bench-coldstart)", err)
	}
	bins := []coldstart.Binary{{Name: "floor (bare aws-lambda-go)", Path: floor}}
	sort.Strings(folders)
	for _, f := range folders {
		p := filepath.Join(dir, f, "bootstrap")
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("functions/%s: %w (run make bench-coldstart)", f, err)
		}
		bins = append(bins, coldstart.Binary{Name: f, Function: f, Path: p})
		variants, err := filepath.Glob(filepath.Join(dir, f+"-*", "bootstrap"))
		if err != nil {
			return nil, err
		}
		for _, v := range variants {
			name := filepath.Base(filepath.Dir(v))
			if slices.Contains(folders, name) { // get-car is no variant of get
				continue
			}
			bins = append(bins, coldstart.Binary{Name: f + " (" + strings.TrimPrefix(name, f+"-") + ")", Function: f, Path: v})
		}
	}
	return bins, nil
}
