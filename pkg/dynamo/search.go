package dynamo

import (
	"context"
	"errors"
	"math"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// Chunk sizes of a search's Queries: the first asks for one page and one
// car more; each later one for what the page still lacks, scaled by the
// share of cars that Keep kept so far (so a location where 90% of the cars
// are taken is read in two Queries, not ten), within these bounds.
const (
	minChunk = 10
	maxChunk = 500
)

// searchCursor is where the next page of a search starts: after the car
// whose key is After, in reader Type's range (the default order and a
// type have one; the later ranges from their start), or in every range
// (ByPrice, After without the type's prefix).
type searchCursor struct {
	Type  int    `json:"t,omitempty"`
	After string `json:"a"`
}

// ListCars implements rental.Store.ListCars on GSI1, whose partitions hold
// one location's cars by type, then daily rate (carGSI1PK, carGSI1SK). A
// search in the default order reads the partition; one of a type reads
// the type's range of it; ByPrice merges the types' ranges, each read
// from the same rate on. Either way it reads on, in chunks, until the page is full,
// the cars are out, or rental.MaxScan cars were read, and the page's cost
// is the size of the cars read (their availability included, fixed in
// size), whatever the bookings.
func (s *Store) ListCars(ctx context.Context, f rental.CarFilter) (rental.Page[rental.Car], error) {
	var cur searchCursor
	resumed, err := s.cursors.decode(f.Scope, f.Cursor, &cur)
	if err != nil {
		return rental.Page[rental.Car]{}, err
	}
	readers, err := s.partitions(f, cur, resumed)
	if err != nil {
		return rental.Page[rental.Car]{}, err
	}
	sr := &search{want: f.Limit, keep: f.Keep}
	if sr.want <= 0 { // no limit, within MaxScan
		sr.want = rental.MaxScan
	}
	var last *partitionHead
	if f.Order == rental.ByPrice {
		last, err = sr.merge(ctx, readers)
	} else {
		last, err = sr.inTurn(ctx, readers)
	}
	if err != nil {
		return rental.Page[rental.Car]{}, err
	}
	page := rental.Page[rental.Car]{Items: sr.kept}
	if last != nil {
		if page.NextCursor, err = s.cursors.encode(f.Scope, searchCursor{Type: last.partition, After: last.sk}); err != nil {
			return rental.Page[rental.Car]{}, internal(err)
		}
	}
	return page, nil
}

// partitions are the readers of f's search: one over the location's
// partition in the default order, one over a type's range with a type,
// one over each type's range for sort=price (merged by rate); each set to
// resume where cur says.
func (s *Store) partitions(f rental.CarFilter, cur searchCursor, resumed bool) ([]*partition, error) {
	var prefixes []string
	switch {
	case f.Type != "":
		prefixes = []string{typePrefix(f.Type)}
	case f.Order == rental.ByPrice:
		for _, t := range rental.CarTypes {
			prefixes = append(prefixes, typePrefix(t))
		}
	default:
		prefixes = []string{""}
	}
	if resumed && (cur.Type < 0 || cur.Type >= len(prefixes) || (cur.After != "" && !isRateKey(cur.After, prefixes[0] == ""))) {
		return nil, rental.ErrForeignCursor()
	}
	readers := make([]*partition, len(prefixes))
	for i, prefix := range prefixes {
		readers[i] = &partition{s: s, pk: carGSI1PK(f.LocationID), prefix: prefix}
		switch {
		case !resumed:
		case f.Order == rental.ByPrice || i == cur.Type:
			readers[i].from, readers[i].after = cur.After, cur.After
		case i < cur.Type: // the ranges before the cursor's are done
			readers[i].done = true
		}
	}
	return readers, nil
}

// search is one page being filled.
type search struct {
	want int
	keep func(rental.Car) bool
	kept []rental.Car
	seen int // cars read and looked at
}

// partitionHead is the last car a search looked at, in partition index
// partition: where the next page starts, when there is more.
type partitionHead struct {
	partition int
	sk        string
}

// full reports whether the page needs nothing more, or may read no more.
func (sr *search) full() bool { return len(sr.kept) >= sr.want || sr.seen >= rental.MaxScan }

// look adds car c to the page when Keep keeps it.
func (sr *search) look(c rental.Car) {
	sr.seen++
	if sr.keep == nil || sr.keep(c) {
		sr.kept = append(sr.kept, c)
	}
}

// chunk is how many cars to ask for next: what the page lacks, scaled by
// the share kept so far, plus one to see whether more follow; one, once
// the page is full (only to know whether a next page exists).
func (sr *search) chunk() int {
	if sr.full() {
		return 1
	}
	lack := sr.want - len(sr.kept)
	share := 1.0
	if sr.seen > 0 {
		share = math.Max(float64(len(sr.kept))/float64(sr.seen), 0.05)
	}
	n := int(math.Ceil(float64(lack)/share*1.25)) + 1
	return min(max(n, minChunk), maxChunk, rental.MaxScan-sr.seen+1)
}

// inTurn fills the page from the partitions one after the other (ByType).
// It returns where the next page starts; nil when nothing follows.
func (sr *search) inTurn(ctx context.Context, parts []*partition) (*partitionHead, error) {
	for i, p := range parts {
		for {
			c, ok, err := p.peek(ctx, sr.chunk())
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			if sr.full() { // and a car follows: the next page starts here
				return &partitionHead{partition: i, sk: p.resumeAt()}, nil
			}
			p.pop()
			sr.look(c)
		}
	}
	return nil, nil
}

// merge fills the page from all partitions in GSI1SK order (ByPrice): the
// lowest daily rate first, whatever the type.
func (sr *search) merge(ctx context.Context, parts []*partition) (*partitionHead, error) {
	var lastSK string
	for {
		best := -1
		var bestCar rental.Car
		for i, p := range parts {
			n := sr.chunk()
			if !sr.full() {
				n = max(n/len(parts), minChunk)
			}
			c, ok, err := p.peek(ctx, n)
			if err != nil {
				return nil, err
			}
			if ok && (best < 0 || p.head() < parts[best].head()) {
				best, bestCar = i, c
			}
		}
		if best < 0 {
			return nil, nil
		}
		if sr.full() { // and a car follows
			return &partitionHead{sk: lastSK}, nil
		}
		lastSK = parts[best].head()
		parts[best].pop()
		sr.look(bestCar)
	}
}

// partition reads one GSI1 partition, or the range of its sort keys that
// start with prefix, in order, a chunk at a time, from after the key
// after. Keys within it are kept without the prefix (for a type's range,
// "<rate>#<id>": what sort=price compares across types).
type partition struct {
	s      *Store
	pk     string
	prefix string
	from   string // where this page started in the partition ("": its start)
	after  string // read on after this key (without the prefix)
	last   string // the GSI1SK of the car popped last
	buf    []bufCar
	done   bool // nothing more to read from the table
}

type bufCar struct {
	car rental.Car
	sk  string
}

// peek returns the next car, reading a chunk of n when the buffer is
// empty; ok is false at the end of the partition.
func (p *partition) peek(ctx context.Context, n int) (rental.Car, bool, error) {
	if len(p.buf) == 0 && !p.done {
		if err := p.fill(ctx, n); err != nil {
			return rental.Car{}, false, err
		}
	}
	if len(p.buf) == 0 {
		return rental.Car{}, false, nil
	}
	return p.buf[0].car, true, nil
}

func (p *partition) head() string { return p.buf[0].sk }

// resumeAt is where a next page resumes the partition: after the last car
// popped, or where this page started when none was.
func (p *partition) resumeAt() string {
	if p.last != "" {
		return p.last
	}
	return p.from
}

func (p *partition) pop() {
	p.last = p.buf[0].sk
	p.buf = p.buf[1:]
}

func (p *partition) fill(ctx context.Context, n int) error {
	items, more, err := p.s.query(ctx, p.queryInput(), n, nil)
	if err != nil {
		return err
	}
	p.done = !more
	for _, it := range items {
		c, err := carFrom(it)
		if err != nil {
			return internal(err)
		}
		sk, _ := it[attrGSI1SK].(*types.AttributeValueMemberS)
		if sk == nil {
			return internal(errNoSortKey)
		}
		k := strings.TrimPrefix(sk.Value, p.prefix)
		p.buf = append(p.buf, bufCar{car: c, sk: k})
		p.after = k
	}
	return nil
}

// queryInput is the Query of p's next chunk: the partition after p.after,
// within p's range. A range's keys run from prefix to prefix + "~" (the
// rest is digits, "#" and an id); "\x01" after a key is below any key
// that extends it, so BETWEEN from there is "after it".
func (p *partition) queryInput() *dynamodb.QueryInput {
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(indexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(p.pk)},
	}
	switch {
	case p.prefix != "":
		lo := p.prefix
		if p.after != "" {
			lo = p.prefix + p.after + "\x01"
		}
		in.KeyConditionExpression = aws.String("GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi")
		in.ExpressionAttributeValues[":lo"], in.ExpressionAttributeValues[":hi"] = str(lo), str(p.prefix+"~")
	case p.after != "":
		in.KeyConditionExpression = aws.String("GSI1PK = :pk AND GSI1SK > :after")
		in.ExpressionAttributeValues[":after"] = str(p.after)
	}
	return in
}

var errNoSortKey = errors.New("dynamo: a GSI1 entry without GSI1SK")
