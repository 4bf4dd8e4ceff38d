// Package coldstart measures the cold start of the project's Lambda
// functions on this machine, without AWS: `make bench-coldstart` builds each
// function's bootstrap as it is deployed (CGO off, -trimpath, -ldflags
// "-s -w", -tags lambda.norpc; for this machine's architecture), a bare
// aws-lambda-go handler built the same way (the floor, ./floor), and one
// function without X-Ray (-tags notrace), then runs cmd/coldstart, which
// calls Measure and prints Table.
//
// Each run is a fresh process of a bootstrap, started the way Lambda
// starts it (the environment of template.yaml and of the Lambda runtime,
// AWS_LAMBDA_RUNTIME_API pointing at a runtime API served by the benchmark
// itself, see runtimeapi.go) and given its function's events/ file as its
// first invocation, against a fresh DynamoDB Local table with the sample
// fleet: so the first invocation does the real work of its route (the
// first connection to DynamoDB, its reads and writes). Figures are medians
// over the runs. Lambda's own figures differ (a Firecracker micro-VM, the
// code fetched from S3, a share of a CPU sized by memory), but what our
// code adds above the floor is what this measures.
package coldstart

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"
)

// Binary is a bootstrap to measure.
type Binary struct {
	Name     string // as printed
	Function string // its folder under functions/ ("" for the floor)
	Path     string
}

// Result is a binary's figures.
type Result struct {
	Binary
	Size     int64         // bytes
	Init     time.Duration // median
	First    time.Duration // median
	Outcomes map[string]int
}

// Measure runs each binary runs times (a fresh process and table each) on
// stack and returns the medians. The runs are interleaved (round r of
// every binary, then round r+1), so that a busy moment of the machine
// weighs on all binaries alike. The floor gets get-car's event.
func Measure(ctx context.Context, stack *Stack, bins []Binary, runs int, progress func(string)) ([]Result, error) {
	out := make([]Result, len(bins))
	events := make([][]byte, len(bins))
	inits := make([][]time.Duration, len(bins))
	firsts := make([][]time.Duration, len(bins))
	for i, b := range bins {
		st, err := os.Stat(b.Path)
		if err != nil {
			return nil, err
		}
		if events[i], err = stack.Event(function(b)); err != nil {
			return nil, err
		}
		out[i] = Result{Binary: b, Size: st.Size(), Outcomes: map[string]int{}}
	}
	for round := range runs {
		for i, b := range bins {
			fn := function(b)
			table, drop, err := stack.Table(ctx, fn != "create-booking")
			if err != nil {
				return nil, err
			}
			r, err := RunOnce(ctx, b.Path, stack.Env(fn, table), events[i])
			drop()
			if err != nil {
				return nil, err
			}
			inits[i], firsts[i] = append(inits[i], r.Init), append(firsts[i], r.First)
			out[i].Outcomes[r.Outcome]++
		}
		progress(fmt.Sprintf("round %d of %d done", round+1, runs))
	}
	for i := range out {
		out[i].Init, out[i].First = median(inits[i]), median(firsts[i])
	}
	return out, nil
}

// function is the function whose event and environment b gets: its own,
// or get-car's for the floor.
func function(b Binary) string {
	if b.Function == "" {
		return "get-car"
	}
	return b.Function
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}
