package localdynamo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/samtemplate"
)

// ErrTableChanged is EnsureTable's error for a table kept from an earlier
// run that the template now defines otherwise.
var ErrTableChanged = errors.New("the table was created from an older template.yaml")

// EnsureTable is CreateTable for a DynamoDB Local that keeps its tables
// (Options.DBPath): when table name exists it is kept, with its items, if
// it has the keys, indexes and stream that the template's resource
// logicalID declares now; created reports whether it was made here.
// Otherwise the error wraps ErrTableChanged and names each difference:
// keys and indexes cannot change in place (the cloud replaces the table,
// CloudFormation's "Replacement"), so the way on is an empty table (the
// caller says how: make reset). Other errors: as CreateTable's, or the
// DescribeTable call's.
func EnsureTable(ctx context.Context, client *dynamodb.Client, tpl *samtemplate.Template, logicalID, name string) (created bool, err error) {
	out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var missing *types.ResourceNotFoundException
	switch {
	case errors.As(err, &missing):
		return true, CreateTable(ctx, client, tpl, logicalID, name)
	case err != nil:
		return false, fmt.Errorf("localdynamo: describe table %s: %w", name, err)
	}
	want, err := tpl.TableInput(logicalID, name)
	if err != nil {
		return false, err
	}
	if diff := tableDiff(want, out.Table); len(diff) > 0 {
		return false, fmt.Errorf("localdynamo: table %s: %w: %s", name, ErrTableChanged, strings.Join(diff, "; "))
	}
	return false, nil
}

// tableDiff lists what of want (a CreateTable call) the described table
// has otherwise: its keys, each index's keys and projection, its stream.
func tableDiff(want *dynamodb.CreateTableInput, have *types.TableDescription) []string {
	var diff []string
	differ := func(what, w, h string) {
		if w != h {
			diff = append(diff, fmt.Sprintf("%s: template %s, table %s", what, w, h))
		}
	}
	differ("keys", keys(want.KeySchema, want.AttributeDefinitions), keys(have.KeySchema, have.AttributeDefinitions))
	wantIdx, haveIdx := map[string]string{}, map[string]string{}
	for _, g := range want.GlobalSecondaryIndexes {
		wantIdx[aws.ToString(g.IndexName)] = index(g.KeySchema, want.AttributeDefinitions, g.Projection)
	}
	for _, g := range have.GlobalSecondaryIndexes {
		haveIdx[aws.ToString(g.IndexName)] = index(g.KeySchema, have.AttributeDefinitions, g.Projection)
	}
	for _, l := range want.LocalSecondaryIndexes {
		wantIdx[aws.ToString(l.IndexName)] = index(l.KeySchema, want.AttributeDefinitions, l.Projection)
	}
	for _, l := range have.LocalSecondaryIndexes {
		haveIdx[aws.ToString(l.IndexName)] = index(l.KeySchema, have.AttributeDefinitions, l.Projection)
	}
	for _, name := range union(wantIdx, haveIdx) {
		differ("index "+name, orNone(wantIdx[name]), orNone(haveIdx[name]))
	}
	differ("stream", stream(want.StreamSpecification), stream(have.StreamSpecification))
	return diff
}

// keys is "pk:S HASH, sk:S RANGE".
func keys(ks []types.KeySchemaElement, attrs []types.AttributeDefinition) string {
	typeOf := map[string]string{}
	for _, a := range attrs {
		typeOf[aws.ToString(a.AttributeName)] = string(a.AttributeType)
	}
	var parts []string
	for _, k := range ks {
		name := aws.ToString(k.AttributeName)
		parts = append(parts, name+":"+typeOf[name]+" "+string(k.KeyType))
	}
	return strings.Join(parts, ", ")
}

// index is an index's keys and projection.
func index(ks []types.KeySchemaElement, attrs []types.AttributeDefinition, p *types.Projection) string {
	s := keys(ks, attrs)
	if p != nil {
		s += ", projection " + string(p.ProjectionType)
		if len(p.NonKeyAttributes) > 0 {
			s += " " + strings.Join(slices.Sorted(slices.Values(p.NonKeyAttributes)), ",")
		}
	}
	return s
}

// stream is a stream specification as text ("none" when off).
func stream(s *types.StreamSpecification) string {
	if s == nil || !aws.ToBool(s.StreamEnabled) {
		return "none"
	}
	return string(s.StreamViewType)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// union is the sorted keys of a and b.
func union(a, b map[string]string) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
