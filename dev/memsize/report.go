package memsize

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Table renders points as Markdown, a row per function and size.
func Table(points []Point) string {
	var b strings.Builder
	b.WriteString("| function | memory | CPU (vCPU) | init | first invocation | warm p50 | warm p99 | billed (mean) | $ per 1M warm requests | answered |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, p := range points {
		fmt.Fprintf(&b, "| %s | %d MB | %.2f | %s | %s | %s | %s | %s | $%.2f | %s |\n", p.Function, p.MemoryMB,
			float64(p.MemoryMB)/FullVCPU, msf(p.Init), msf(p.First), msf(p.P50), msf(p.P99), msf(p.Billed),
			p.CostPerMillion(), answered(p.Outcomes))
	}
	return b.String()
}

func msf(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func answered(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
