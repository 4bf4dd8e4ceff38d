// Command bench prices the booking core's DynamoDB calls by the billing
// rules (dev/capacity), on a DynamoDB Local at $DYNAMODB_ENDPOINT (make
// bench starts one): write units of each booking operation on cars holding
// 0, 30, 100 and 365 bookings, and read units and round trips of full search
// pages at a location of 500 cars. It prints a Markdown table and a summary
// line.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/carrental/backend/dev/capacity"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	endpoint := os.Getenv("DYNAMODB_ENDPOINT")
	if endpoint == "" {
		return fmt.Errorf("DYNAMODB_ENDPOINT is not set (make bench runs a DynamoDB Local)")
	}
	ctx := context.Background()
	b, err := capacity.NewBench(ctx, endpoint, fmt.Sprintf("bench-%d", time.Now().UnixNano()))
	if err != nil {
		return err
	}
	defer b.Close(ctx)
	for _, n := range []int{0, 30, 100, 365} {
		if err := b.Bookings(ctx, n); err != nil {
			return err
		}
	}
	for _, taken := range []float64{0, 0.9} {
		if err := b.Search(ctx, 500, taken); err != nil {
			return err
		}
	}
	capacity.Report(os.Stdout, b.Rows())
	return nil
}
