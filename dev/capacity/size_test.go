package capacity

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestItemSize: the billing rules' sizes, attribute by attribute.
func TestItemSize(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	for _, tc := range []struct {
		name string
		item map[string]types.AttributeValue
		want int
	}{
		{"string: name and UTF-8 bytes", map[string]types.AttributeValue{"PK": s("CAR#é")}, 2 + 6},
		{"number: a byte per two significant digits, plus one", map[string]types.AttributeValue{"m": n("1234567")}, 1 + 5},
		{"number: zeroes at the ends do not count", map[string]types.AttributeValue{"v": n("-0012300")}, 1 + 3},
		{"boolean and null", map[string]types.AttributeValue{"b": &types.AttributeValueMemberBOOL{Value: true},
			"z": &types.AttributeValueMemberNULL{Value: true}}, 2 + 2},
		{"map: 3 bytes, a byte and the name of each element", map[string]types.AttributeValue{"dailyRate": &types.AttributeValueMemberM{
			Value: map[string]types.AttributeValue{"amount": n("4900"), "currency": s("EUR")}}}, 9 + 3 + (1 + 6 + 2) + (1 + 8 + 3)},
		{"list: 3 bytes and a byte each", map[string]types.AttributeValue{"keys": &types.AttributeValueMemberL{
			Value: []types.AttributeValue{s("ab"), s("cde")}}}, 4 + 3 + 3 + 4},
		{"binary: raw bytes", map[string]types.AttributeValue{"b": &types.AttributeValueMemberB{Value: []byte{1, 2, 3}}}, 1 + 3},
	} {
		if got := ItemSize(tc.item); got != tc.want {
			t.Errorf("%s: %d bytes, want %d", tc.name, got, tc.want)
		}
	}
}

// TestUnits: a write unit a KB, a read unit per 4 KB (half when eventually
// consistent), rounded up, at least one.
func TestUnits(t *testing.T) {
	for _, tc := range []struct {
		size int
		w    float64
		rc   float64
		re   float64
	}{
		{0, 1, 1, 0.5}, {1, 1, 1, 0.5}, {1024, 1, 1, 0.5}, {1025, 2, 1, 0.5}, {4096, 4, 1, 0.5}, {4097, 5, 2, 1}, {40000, 40, 10, 5},
	} {
		if got := WriteUnits(tc.size); got != tc.w {
			t.Errorf("WriteUnits(%d) = %v, want %v", tc.size, got, tc.w)
		}
		if got := ReadUnits(tc.size, true); got != tc.rc {
			t.Errorf("ReadUnits(%d, consistent) = %v, want %v", tc.size, got, tc.rc)
		}
		if got := ReadUnits(tc.size, false); got != tc.re {
			t.Errorf("ReadUnits(%d, eventually) = %v, want %v", tc.size, got, tc.re)
		}
	}
}
