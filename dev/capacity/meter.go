package capacity

import (
	"context"
	"maps"
	"reflect"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Index is a global secondary index as the billing rules see it: its key
// attributes and what it projects.
type Index struct {
	Name        string
	Keys        []string // partition key, then sort key
	Projection  types.ProjectionType
	NonKeyAttrs []string // INCLUDE's
	TableKeys   []string // the table's key attributes, in every entry
}

// entry is item's entry in the index: nil when the item has not all of
// the index's keys (a sparse index leaves it out).
func (x Index) entry(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	if item == nil {
		return nil
	}
	for _, k := range x.Keys {
		if _, ok := item[k]; !ok {
			return nil
		}
	}
	if x.Projection == types.ProjectionTypeAll {
		return item
	}
	out := map[string]types.AttributeValue{}
	for _, k := range append(append(append([]string{}, x.Keys...), x.TableKeys...), x.NonKeyAttrs...) {
		if v, ok := item[k]; ok {
			out[k] = v
		}
	}
	return out
}

// Usage is what a set of calls cost by the billing rules, beside what
// DynamoDB (Local) reported.
type Usage struct {
	Calls         int     // round trips
	ReadUnits     float64 // read request units
	WriteUnits    float64 // write request units, table and indexes
	IndexWrites   float64 // of WriteUnits, those of the indexes
	ReportedUnits float64 // ConsumedCapacity as the server reported it
	Failed        int     // calls that failed (a lost race, a fault): priced as nothing
}

// Meter is a dynamo.Client that passes every call to the real client and
// prices it by the billing rules: reads by the sizes of the items they
// return, transactions by the sizes of the items they write, read before
// and after through raw (which is not metered). It is for benchmarks: the
// extra reads make every write slower.
type Meter struct {
	raw     *dynamodb.Client
	table   string
	indexes []Index

	mu    sync.Mutex
	usage Usage
}

// NewMeter meters calls on raw to table, whose indexes are indexes.
func NewMeter(raw *dynamodb.Client, table string, indexes []Index) *Meter {
	return &Meter{raw: raw, table: table, indexes: indexes}
}

// Take returns the usage since the last Take and starts again from zero.
func (m *Meter) Take() Usage {
	m.mu.Lock()
	defer m.mu.Unlock()
	u := m.usage
	m.usage = Usage{}
	return u
}

func (m *Meter) add(f func(u *Usage)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f(&m.usage)
}

func reported(cc ...*types.ConsumedCapacity) float64 {
	t := 0.0
	for _, c := range cc {
		if c != nil && c.CapacityUnits != nil {
			t += *c.CapacityUnits
		}
	}
	return t
}

// GetItem is priced by the item's size, consistent or not.
func (m *Meter) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	out, err := m.raw.GetItem(ctx, in, opts...)
	m.add(func(u *Usage) {
		u.Calls++
		if err != nil {
			u.Failed++
			return
		}
		u.ReadUnits += ReadUnits(ItemSize(out.Item), aws.ToBool(in.ConsistentRead))
		u.ReportedUnits += reported(out.ConsumedCapacity)
	})
	return out, err
}

// BatchGetItem is priced item by item, a key without an item as one read.
func (m *Meter) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	out, err := m.raw.BatchGetItem(ctx, in, opts...)
	m.add(func(u *Usage) {
		u.Calls++
		if err != nil {
			u.Failed++
			return
		}
		for table, ka := range in.RequestItems {
			found := out.Responses[table]
			for _, item := range found {
				u.ReadUnits += ReadUnits(ItemSize(item), aws.ToBool(ka.ConsistentRead))
			}
			for range len(ka.Keys) - len(found) - len(out.UnprocessedKeys[table].Keys) {
				u.ReadUnits += ReadUnits(0, aws.ToBool(ka.ConsistentRead))
			}
		}
		for _, c := range out.ConsumedCapacity {
			u.ReportedUnits += reported(&c)
		}
	})
	return out, err
}

// TransactGetItems is priced item by item at twice a strongly consistent
// read, a key without an item as one such read ("Read and write
// operations" of the billing rules: a transactional read is two RRU per
// 4 KB).
func (m *Meter) TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	out, err := m.raw.TransactGetItems(ctx, in, opts...)
	m.add(func(u *Usage) {
		u.Calls++
		if err != nil {
			u.Failed++
			return
		}
		for _, r := range out.Responses {
			u.ReadUnits += 2 * ReadUnits(ItemSize(r.Item), true)
		}
		for _, c := range out.ConsumedCapacity {
			u.ReportedUnits += reported(&c)
		}
	})
	return out, err
}

// Query is priced by the sum of the sizes of the items it read, rounded up
// once. (With a FilterExpression the items it read are more than it
// returns; the store uses none.)
func (m *Meter) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := m.raw.Query(ctx, in, opts...)
	m.add(func(u *Usage) {
		u.Calls++
		if err != nil {
			u.Failed++
			return
		}
		size := 0
		for _, item := range out.Items {
			size += ItemSize(item)
		}
		consistent := aws.ToBool(in.ConsistentRead) && in.IndexName == nil
		u.ReadUnits += ReadUnits(size, consistent)
		u.ReportedUnits += reported(out.ConsumedCapacity)
	})
	return out, err
}

// PutItem is priced as a standard write of the larger of the old and the
// new item, and its index entries.
func (m *Meter) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	before := m.image(ctx, in.Item)
	out, err := m.raw.PutItem(ctx, in, opts...)
	if err != nil {
		m.add(func(u *Usage) { u.Calls++; u.Failed++ })
		return out, err
	}
	table, index := m.writeUnits(before, in.Item, 1)
	m.add(func(u *Usage) {
		u.Calls++
		u.WriteUnits += table + index
		u.IndexWrites += index
		u.ReportedUnits += reported(out.ConsumedCapacity)
	})
	return out, err
}

// TransactWriteItems is priced item by item: twice a standard write of the
// larger of each item before and after, plus its index writes.
func (m *Meter) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	keys := make([]map[string]types.AttributeValue, len(in.TransactItems))
	befores := make([]map[string]types.AttributeValue, len(in.TransactItems))
	for i, ti := range in.TransactItems {
		keys[i] = transactKey(ti)
		befores[i] = m.image(ctx, keys[i])
	}
	out, err := m.raw.TransactWriteItems(ctx, in, opts...)
	if err != nil {
		m.add(func(u *Usage) { u.Calls++; u.Failed++ })
		return out, err
	}
	var table, index float64
	for i := range in.TransactItems {
		t, x := m.writeUnits(befores[i], m.image(ctx, keys[i]), 2)
		table, index = table+t, index+x
	}
	m.add(func(u *Usage) {
		u.Calls++
		u.WriteUnits += table + index
		u.IndexWrites += index
		for _, c := range out.ConsumedCapacity {
			u.ReportedUnits += reported(&c)
		}
	})
	return out, err
}

// writeUnits prices writing before into after (either nil for none): the
// table's item at factor (2 in a transaction) and each index entry it
// touches at 1.
func (m *Meter) writeUnits(before, after map[string]types.AttributeValue, factor float64) (table, index float64) {
	table = factor * WriteUnits(max(ItemSize(before), ItemSize(after)))
	for _, x := range m.indexes {
		eb, ea := x.entry(before), x.entry(after)
		switch {
		case eb == nil && ea == nil:
		case eb == nil:
			index += WriteUnits(ItemSize(ea))
		case ea == nil:
			index += WriteUnits(ItemSize(eb))
		case !sameKeys(x, eb, ea):
			index += WriteUnits(ItemSize(eb)) + WriteUnits(ItemSize(ea))
		case !maps.EqualFunc(eb, ea, sameValue):
			index += WriteUnits(ItemSize(ea))
		}
	}
	return table, index
}

func sameKeys(x Index, a, b map[string]types.AttributeValue) bool {
	for _, k := range x.Keys {
		if !sameValue(a[k], b[k]) {
			return false
		}
	}
	return true
}

func sameValue(a, b types.AttributeValue) bool { return reflect.DeepEqual(a, b) }

// image reads the item with item's key (consistent, unmetered); nil when
// there is none.
func (m *Meter) image(ctx context.Context, item map[string]types.AttributeValue) map[string]types.AttributeValue {
	out, err := m.raw.GetItem(ctx, &dynamodb.GetItemInput{TableName: &m.table,
		Key: map[string]types.AttributeValue{"PK": item["PK"], "SK": item["SK"]}, ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil
	}
	return out.Item
}

// transactKey is the key (or the item, for a Put) that ti writes.
func transactKey(ti types.TransactWriteItem) map[string]types.AttributeValue {
	switch {
	case ti.Put != nil:
		return ti.Put.Item
	case ti.Update != nil:
		return ti.Update.Key
	case ti.Delete != nil:
		return ti.Delete.Key
	case ti.ConditionCheck != nil:
		return ti.ConditionCheck.Key
	}
	return nil
}
