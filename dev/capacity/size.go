// Package capacity prices DynamoDB calls by the billing rules, from the
// real sizes of the items they read and write, for `make bench`: DynamoDB
// Local's ConsumedCapacity is only a hint (it reports 2 write units for a
// transaction of one, two or three small items).
//
// The rules (Amazon DynamoDB Developer Guide): "DynamoDB item sizes and
// formats"
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// and "Read/write capacity mode"
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadWriteCapacityMode.html:
// a read request unit reads up to 4 KB strongly consistent (half a unit
// eventually consistent); a write request unit writes up to 1 KB; a
// transactional read or write costs twice as much; a Query costs the sum of
// the sizes of the items it reads, rounded up to 4 KB once; a write to a
// table also writes each global secondary index whose projection the change
// touches (a standard write: the doubling applies to the table's items), an
// index entry whose key changes being a delete and a put.
package capacity

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ItemSize is an item's size in bytes by the billing rules: the sum over its
// attributes of the name's UTF-8 bytes and the value's size.
func ItemSize(item map[string]types.AttributeValue) int {
	n := 0
	for name, v := range item {
		n += len(name) + valueSize(v)
	}
	return n
}

// valueSize is the size of one value: strings their UTF-8 bytes; numbers 1
// byte per two significant digits plus 1; binary its raw bytes; null and
// booleans 1; lists and maps 3 bytes plus 1 byte and the size of each
// element (a map's element with its name); sets the sum of their members.
func valueSize(v types.AttributeValue) int {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return numberSize(v.Value)
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberL:
		n := 3
		for _, e := range v.Value {
			n += 1 + valueSize(e)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for name, e := range v.Value {
			n += 1 + len(name) + valueSize(e)
		}
		return n
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range v.Value {
			n += numberSize(s)
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range v.Value {
			n += len(b)
		}
		return n
	}
	return 0
}

// numberSize is (significant digits + 1) / 2 + 1 bytes: leading and
// trailing zeroes do not count, nor do the sign and the decimal point.
func numberSize(s string) int {
	s = strings.TrimLeft(strings.ReplaceAll(strings.TrimPrefix(s, "-"), ".", ""), "0")
	s = strings.TrimRight(s, "0")
	return (len(s)+1)/2 + 1
}

// WriteUnits is the write request units of writing an item of size bytes
// (the larger of before and after, for an update): one unit a KB, rounded up.
func WriteUnits(size int) float64 {
	if size <= 0 {
		return 1
	}
	return float64((size + 1023) / 1024)
}

// ReadUnits is the read request units of reading size bytes: one unit per
// 4 KB, rounded up (at least one, an item that is not there included),
// halved when eventually consistent.
func ReadUnits(size int, consistent bool) float64 {
	u := float64(max((size+4095)/4096, 1))
	if !consistent {
		u /= 2
	}
	return u
}
