package dynamo

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Usage is what DynamoDB reported for a set of calls: round trips and the
// consumed capacity units (ReturnConsumedCapacity TOTAL). On-demand tables
// bill read and write request units alike.
type Usage struct {
	Calls       int     // round trips
	ReadUnits   float64 // RCU (or RRU on demand)
	WriteUnits  float64 // WCU (or WRU on demand)
	TotalUnits  float64 // CapacityUnits as reported (read + write)
	Transaction int     // TransactWriteItems calls among Calls
}

func (u *Usage) add(op string, cc []types.ConsumedCapacity) {
	u.Calls++
	if op == "TransactWriteItems" {
		u.Transaction++
	}
	for _, c := range cc {
		total := deref(c.CapacityUnits)
		u.TotalUnits += total
		if c.ReadCapacityUnits != nil || c.WriteCapacityUnits != nil {
			u.ReadUnits += deref(c.ReadCapacityUnits)
			u.WriteUnits += deref(c.WriteCapacityUnits)
			continue
		}
		// DynamoDB Local, and DynamoDB for most single-table calls,
		// report the total only: the operation says which kind it is.
		switch op {
		case "GetItem", "Query", "BatchGetItem", "TransactGetItems":
			u.ReadUnits += total
		default:
			u.WriteUnits += total
		}
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// meter sums the Store's usage since it was built.
type meter struct {
	mu    sync.Mutex
	total Usage
}

type usageKey struct{}

type usageSink struct {
	mu sync.Mutex
	u  *Usage
}

// WithUsage returns a context under which every call of the store adds
// what it consumed to u. Benchmarks and the cost figures use it.
func WithUsage(ctx context.Context, u *Usage) context.Context {
	return context.WithValue(ctx, usageKey{}, &usageSink{u: u})
}

// record notes one call's consumed capacity in the store's total and in
// the context's Usage, if any.
func (s *Store) record(ctx context.Context, op string, cc ...types.ConsumedCapacity) {
	s.usage.mu.Lock()
	s.usage.total.add(op, cc)
	s.usage.mu.Unlock()
	if sink, ok := ctx.Value(usageKey{}).(*usageSink); ok {
		sink.mu.Lock()
		sink.u.add(op, cc)
		sink.mu.Unlock()
	}
}

func one(c *types.ConsumedCapacity) []types.ConsumedCapacity {
	if c == nil {
		return nil
	}
	return []types.ConsumedCapacity{*c}
}

// Usage is everything the store consumed since it was built.
func (s *Store) Usage() Usage {
	s.usage.mu.Lock()
	defer s.usage.mu.Unlock()
	return s.usage.total
}
