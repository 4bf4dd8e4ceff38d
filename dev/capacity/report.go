package capacity

import (
	"fmt"
	"io"
	"strings"
)

// Report writes the rows as a Markdown table and ends with the summary
// line: the most write units and round trips of a booking's write, the most
// read units of a search page.
func Report(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "| scenario | operation | round trips | RRU | WRU (of which index) | DynamoDB Local reported | note |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	var maxW, maxR float64
	maxTrips := 0
	for _, r := range rows {
		u := r.Usage
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s (%s) | %s | %s |\n", r.Group, r.Name, u.Calls, num(u.ReadUnits),
			num(u.WriteUnits), num(u.IndexWrites), num(u.ReportedUnits), r.Note)
		if r.Booking {
			maxW = max(maxW, u.WriteUnits)
			if r.Note == "" { // the operations the web app and the bot make
				maxTrips = max(maxTrips, u.Calls)
			}
		}
		if r.Search {
			maxR = max(maxR, u.ReadUnits)
		}
	}
	fmt.Fprintf(w, "\nmax WRU per booking: %s; max RRU per search page: %s; max round trips per booking: %d\n",
		num(maxW), num(maxR), maxTrips)
}

func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}
