package samtemplate

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	cfndynamodb "github.com/awslabs/goformation/v7/cloudformation/dynamodb"
)

// table decodes an AWS::DynamoDB::Table resource. The conversion to a local
// type drops goformation's strict UnmarshalJSON (see the package comment).
func (t *Template) table(logicalID string) (*cfndynamodb.Table, error) {
	type lenient cfndynamodb.Table
	var tbl cfndynamodb.Table
	if err := t.Properties(logicalID, "AWS::DynamoDB::Table", (*lenient)(&tbl)); err != nil {
		return nil, err
	}
	return &tbl, nil
}

// TableInput converts the AWS::DynamoDB::Table resource logicalID into a
// CreateTable request for a table named tableName: attribute definitions, key
// schema, global and local secondary indexes with their projections, billing
// mode and, for PROVISIONED, the throughput, and the stream (its view type):
// the local stack reads DynamoDB Local's stream as the notify function's
// event source mapping reads the table's.
//
// Deliberately left out, as they are deployment concerns that DynamoDB Local
// ignores or that would get in the way of tests: TableName (the caller
// names the table), DeletionProtectionEnabled (tests delete their tables),
// SSE, point-in-time recovery, tags and table class. TTL is not part
// of CreateTable: see TTLAttribute.
//
// Errors: missing resource or wrong type; no key schema; a key attribute
// without an attribute definition; PROVISIONED without throughput.
func (t *Template) TableInput(logicalID, tableName string) (*dynamodb.CreateTableInput, error) {
	tbl, err := t.table(logicalID)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(tableName),
		BillingMode: types.BillingModeProvisioned, // CloudFormation's default
	}
	if tbl.BillingMode != nil {
		in.BillingMode = types.BillingMode(*tbl.BillingMode)
	}
	conv := tableConverter{logicalID: logicalID, provisioned: in.BillingMode == types.BillingModeProvisioned, defined: map[string]bool{}}
	for _, a := range tbl.AttributeDefinitions {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(a.AttributeName),
			AttributeType: types.ScalarAttributeType(a.AttributeType),
		})
		conv.defined[a.AttributeName] = true
	}
	if in.KeySchema, err = conv.keys("table", tbl.KeySchema); err != nil {
		return nil, err
	}
	if in.ProvisionedThroughput, err = conv.throughput("table", tbl.ProvisionedThroughput); err != nil {
		return nil, err
	}
	if in.GlobalSecondaryIndexes, err = conv.globalIndexes(tbl.GlobalSecondaryIndexes); err != nil {
		return nil, err
	}
	if in.LocalSecondaryIndexes, err = conv.localIndexes(tbl.LocalSecondaryIndexes); err != nil {
		return nil, err
	}
	if spec := tbl.StreamSpecification; spec != nil {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewType(spec.StreamViewType)}
	}
	return in, nil
}

// tableConverter converts the parts of table logicalID that refer to its
// attribute definitions (defined) and its billing mode.
type tableConverter struct {
	logicalID   string
	provisioned bool // BillingMode PROVISIONED
	defined     map[string]bool
}

// keys converts the key schema of where ("table", "index NAME"): not
// empty, every attribute defined.
func (c tableConverter) keys(where string, ks []cfndynamodb.Table_KeySchema) ([]types.KeySchemaElement, error) {
	if len(ks) == 0 {
		return nil, fmt.Errorf("samtemplate: %s: %s has no KeySchema", c.logicalID, where)
	}
	out := make([]types.KeySchemaElement, 0, len(ks))
	for _, k := range ks {
		if !c.defined[k.AttributeName] {
			return nil, fmt.Errorf("samtemplate: %s: %s key %q is not in AttributeDefinitions", c.logicalID, where, k.AttributeName)
		}
		out = append(out, types.KeySchemaElement{
			AttributeName: aws.String(k.AttributeName),
			KeyType:       types.KeyType(k.KeyType),
		})
	}
	return out, nil
}

// throughput converts the throughput of where: required when the table is
// PROVISIONED, nil (whatever the template says) otherwise.
func (c tableConverter) throughput(where string, p *cfndynamodb.Table_ProvisionedThroughput) (*types.ProvisionedThroughput, error) {
	if !c.provisioned {
		return nil, nil
	}
	if p == nil {
		return nil, fmt.Errorf("samtemplate: %s: %s needs ProvisionedThroughput (BillingMode is PROVISIONED)", c.logicalID, where)
	}
	return &types.ProvisionedThroughput{
		ReadCapacityUnits:  aws.Int64(int64(p.ReadCapacityUnits)),
		WriteCapacityUnits: aws.Int64(int64(p.WriteCapacityUnits)),
	}, nil
}

// globalIndexes converts the global secondary indexes: keys, projection
// and throughput each.
func (c tableConverter) globalIndexes(gs []cfndynamodb.Table_GlobalSecondaryIndex) ([]types.GlobalSecondaryIndex, error) {
	var out []types.GlobalSecondaryIndex
	for _, g := range gs {
		where := "index " + g.IndexName
		gsi := types.GlobalSecondaryIndex{IndexName: aws.String(g.IndexName), Projection: projection(g.Projection)}
		var err error
		if gsi.KeySchema, err = c.keys(where, g.KeySchema); err != nil {
			return nil, err
		}
		if gsi.ProvisionedThroughput, err = c.throughput(where, g.ProvisionedThroughput); err != nil {
			return nil, err
		}
		out = append(out, gsi)
	}
	return out, nil
}

// localIndexes converts the local secondary indexes: keys and projection
// each (they share the table's throughput).
func (c tableConverter) localIndexes(ls []cfndynamodb.Table_LocalSecondaryIndex) ([]types.LocalSecondaryIndex, error) {
	var out []types.LocalSecondaryIndex
	for _, l := range ls {
		lsi := types.LocalSecondaryIndex{IndexName: aws.String(l.IndexName), Projection: projection(l.Projection)}
		var err error
		if lsi.KeySchema, err = c.keys("index "+l.IndexName, l.KeySchema); err != nil {
			return nil, err
		}
		out = append(out, lsi)
	}
	return out, nil
}

// projection converts an index projection; absent means KEYS_ONLY, as in
// CloudFormation.
func projection(p *cfndynamodb.Table_Projection) *types.Projection {
	out := &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}
	if p == nil {
		return out
	}
	if p.ProjectionType != nil {
		out.ProjectionType = types.ProjectionType(*p.ProjectionType)
	}
	out.NonKeyAttributes = p.NonKeyAttributes
	return out
}

// TTLAttribute returns the name of the TTL attribute of the
// AWS::DynamoDB::Table resource logicalID, for an UpdateTimeToLive call after
// CreateTable. It returns "" and no error when the table has no
// TimeToLiveSpecification or it is disabled; an error when the resource is
// missing, has another type, or enables TTL without an attribute name.
func (t *Template) TTLAttribute(logicalID string) (string, error) {
	tbl, err := t.table(logicalID)
	if err != nil {
		return "", err
	}
	spec := tbl.TimeToLiveSpecification
	if spec == nil || !spec.Enabled {
		return "", nil
	}
	if spec.AttributeName == nil || *spec.AttributeName == "" {
		return "", fmt.Errorf("samtemplate: %s: TTL enabled without AttributeName", logicalID)
	}
	return *spec.AttributeName, nil
}
