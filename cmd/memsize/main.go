// Command memsize measures each function's latency and cost at Lambda's
// memory sizes, its CPU capped at Lambda's share for each (dev/memsize).
// `make bench-memory` builds the bootstraps (as make bench-coldstart does)
// and runs it, as root on a machine with cgroup v1:
//
//	go run ./cmd/memsize -dir build/coldstart -n 80 -functions list-cars,create-booking
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/carrental/backend/dev/coldstart"
	"github.com/carrental/backend/dev/memsize"
	"github.com/carrental/backend/dev/samtemplate"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "memsize:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", "build/coldstart", "folder of the bootstraps, <function>/bootstrap (make bench-memory builds them)")
	n := flag.Int("n", 80, "invocations per function and size, the first one cold (at most 80: the creates book distinct days)")
	list := flag.String("functions", "list-cars,get-car,create-booking,lex-fulfillment", "the functions, comma-separated")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root, err := samtemplate.FindRoot()
	if err != nil {
		return err
	}
	if !filepath.IsAbs(*dir) {
		*dir = filepath.Join(root, *dir)
	}
	stack, err := coldstart.StartStack(ctx, root)
	if err != nil {
		return err
	}
	defer stack.Stop()
	var points []memsize.Point
	for _, fn := range strings.Split(*list, ",") {
		for _, size := range memsize.Sizes {
			p, err := measure(ctx, stack, *dir, fn, size, *n)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "%s at %d MB: p50 %v, p99 %v\n", fn, size, p.P50, p.P99)
			points = append(points, p)
		}
	}
	fmt.Print(memsize.Table(points))
	fmt.Printf("\n%d invocations per function and size (the first cold, the rest warm), on a table of the sample fleet; arm64 prices of us-east-1: $%.10f per GB-s, $%.2f per million requests\n",
		*n, memsize.PricePerGBSecond, memsize.PricePerMillion)
	return nil
}

// measure runs fn at size on a fresh table.
func measure(ctx context.Context, stack *coldstart.Stack, dir, fn string, size, n int) (memsize.Point, error) {
	table, drop, err := stack.Table(ctx, true)
	if err != nil {
		return memsize.Point{}, err
	}
	defer drop()
	base, err := stack.Event(fn)
	if err != nil {
		return memsize.Point{}, err
	}
	events, err := memsize.Varied(fn, base, stack.Today())
	if err != nil {
		return memsize.Point{}, err
	}
	return memsize.Measure(ctx, fn, filepath.Join(dir, fn, "bootstrap"), stack.Env(fn, table), size, n, events)
}
