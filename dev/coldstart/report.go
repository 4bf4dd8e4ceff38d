package coldstart

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Table renders results as a Markdown table, each figure beside the
// floor's (the result whose Function is "") and their ratio.
func Table(results []Result, runs int) string {
	var floor Result
	for _, r := range results {
		if r.Function == "" {
			floor = r
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| function | binary | × floor | init (exec → first GET /next) | × floor | first invocation | × floor | answered |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %s | %.1f | %s | %.1f | %s | %.1f | %s |\n", r.Name,
			mb(r.Size), float64(r.Size)/float64(floor.Size),
			ms(r.Init), ratio(r.Init, floor.Init),
			ms(r.First), ratio(r.First, floor.First), outcomes(r.Outcomes))
	}
	fmt.Fprintf(&b, "\nmedians of %d runs, a fresh process and table each; floor: %s, %s init, %s first invocation\n",
		runs, mb(floor.Size), ms(floor.Init), ms(floor.First))
	return b.String()
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func outcomes(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
