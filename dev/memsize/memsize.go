// Package memsize measures what a function's memory size buys: each
// bootstrap runs in a cgroup that caps its CPU at Lambda's share for the
// size (memory/1,769 of a vCPU, cgroup.go) and its memory at the size,
// against a runtime API that hands it one invocation after another
// (coldstart.RuntimeAPI) and the benchmark stack of dev/coldstart (DynamoDB
// Local with the sample fleet, outside the cap, as DynamoDB is outside
// Lambda). For each size it reports the init, the first invocation, the
// median and 99th percentile of the warm ones, and what a million warm
// requests cost at Lambda's arm64 price. `make bench-memory` runs it.
//
// The machine is not a Graviton and its CPU is not Lambda's: the figures
// compare sizes with each other, on the same code and the same machine.
package memsize

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/coldstart"
)

// Sizes are the memory sizes measured, in MB.
var Sizes = []int{128, 256, 512, 1024, 1769}

// Lambda's arm64 prices in us-east-1 (the first 7.5 billion GB-seconds a
// month): "AWS Lambda Pricing", https://aws.amazon.com/lambda/pricing/,
// as quoted on 2026-12-07. Duration is billed per 1 ms, rounded up.
const (
	PricePerGBSecond = 0.0000133334
	PricePerMillion  = 0.20
)

// Point is one function at one size.
type Point struct {
	Function    string
	MemoryMB    int
	Init        time.Duration // exec to the first GET /next
	First       time.Duration // the first invocation
	P50, P99    time.Duration // of the warm invocations
	Billed      time.Duration // mean billed duration of a warm one (each rounded up to 1 ms)
	Invocations int
	Outcomes    map[string]int
}

// CostPerMillion is what a million warm requests cost at p's size and
// billed duration: requests and GB-seconds.
func (p Point) CostPerMillion() float64 {
	gbSeconds := p.Billed.Seconds() * float64(p.MemoryMB) / 1024
	return PricePerMillion + 1e6*gbSeconds*PricePerGBSecond
}

// runTimeout bounds one process's run.
const runTimeout = 5 * time.Minute

// Measure runs bin (function's bootstrap, with env) at memoryMB for n
// invocations, invocation i's event being event(i).
func Measure(ctx context.Context, function, bin string, env []string, memoryMB, n int, event func(int) []byte) (Point, error) {
	g, err := newCgroup(fmt.Sprintf("carrental-memsize-%d", memoryMB), memoryMB)
	if err != nil {
		return Point{}, err
	}
	defer g.remove()
	api, err := coldstart.NewRuntimeAPI(n, event)
	if err != nil {
		return Point{}, err
	}
	defer api.Close()
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	cmd := g.command(bin)
	cmd.Env = append(env, fmt.Sprintf("AWS_LAMBDA_FUNCTION_MEMORY_SIZE=%d", memoryMB), "AWS_LAMBDA_RUNTIME_API="+api.Addr)
	var out childproc.Tail
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Point{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()
	p := Point{Function: function, MemoryMB: memoryMB, Invocations: n, Outcomes: map[string]int{}}
	select {
	case at := <-api.Ready:
		p.Init = at.Sub(start)
	case err := <-exited:
		exited <- err
		return Point{}, fmt.Errorf("%s exited before asking for work: %v\n%s", function, err, out.String())
	case <-ctx.Done():
		return Point{}, fmt.Errorf("%s: no GET /next: %w", function, ctx.Err())
	}
	var warm []time.Duration
	for range n {
		select {
		case r := <-api.Answers:
			if r.Kind == "init error" {
				return Point{}, fmt.Errorf("%s: init error: %s", function, r.Body)
			}
			p.Outcomes[coldstart.Outcome(r.Body)]++
			if r.I == 0 {
				p.First = r.Took
			} else {
				warm = append(warm, r.Took)
			}
		case err := <-exited:
			exited <- err
			return Point{}, fmt.Errorf("%s exited: %v\n%s", function, err, out.String())
		case <-ctx.Done():
			return Point{}, fmt.Errorf("%s: %d invocations not answered: %w", function, n, ctx.Err())
		}
	}
	p.P50, p.P99, p.Billed = percentile(warm, 0.50), percentile(warm, 0.99), billed(warm)
	return p, nil
}

// percentile is the q-th of ds by the nearest rank.
func percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[max(0, int(math.Ceil(q*float64(len(s))))-1)]
}

// billed is the mean of ds each rounded up to a whole millisecond, as
// Lambda bills duration.
func billed(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += (d + time.Millisecond - 1).Truncate(time.Millisecond)
	}
	return sum / time.Duration(len(ds))
}
