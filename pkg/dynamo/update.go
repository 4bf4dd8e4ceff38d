package dynamo

import (
	"iter"
	"maps"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// update builds an UpdateExpression with its condition, attribute names
// (#a0, #a1, ...) and values (:v0, :v1, ...).
type update struct {
	sets, removes, adds, conds []string
	names                      map[string]string
	values                     map[string]types.AttributeValue
}

func newUpdate() *update {
	return &update{names: map[string]string{}, values: map[string]types.AttributeValue{}}
}

// name is a placeholder for attribute name n.
func (u *update) name(n string) string {
	for p, v := range u.names {
		if v == n {
			return p
		}
	}
	p := "#a" + strconv.Itoa(len(u.names))
	u.names[p] = n
	return p
}

// value is a placeholder for v.
func (u *update) value(v types.AttributeValue) string {
	p := ":v" + strconv.Itoa(len(u.values))
	u.values[p] = v
	return p
}

func (u *update) set(name, value string) { u.sets = append(u.sets, name+" = "+value) }
func (u *update) remove(name string)     { u.removes = append(u.removes, name) }
func (u *update) add(name, value string) { u.adds = append(u.adds, name+" "+value) }
func (u *update) cond(c string)          { u.conds = append(u.conds, c) }

func (u *update) empty() bool { return len(u.sets)+len(u.removes)+len(u.adds) == 0 }

func (u *update) build(table string, k map[string]types.AttributeValue) *types.Update {
	var expr []string
	if len(u.sets) > 0 {
		expr = append(expr, "SET "+strings.Join(u.sets, ", "))
	}
	if len(u.removes) > 0 {
		expr = append(expr, "REMOVE "+strings.Join(u.removes, ", "))
	}
	if len(u.adds) > 0 {
		expr = append(expr, "ADD "+strings.Join(u.adds, ", "))
	}
	out := &types.Update{TableName: aws.String(table), Key: k, UpdateExpression: aws.String(strings.Join(expr, " ")),
		ExpressionAttributeNames: u.names}
	if len(u.values) > 0 {
		out.ExpressionAttributeValues = u.values
	}
	if len(u.conds) > 0 {
		out.ConditionExpression = aws.String(strings.Join(u.conds, " AND "))
	}
	return out
}

func mapsKeys[K comparable, V any](m map[K]V) iter.Seq[K] { return maps.Keys(m) }
