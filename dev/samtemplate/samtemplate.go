// Package samtemplate reads the project's AWS SAM template (template.yaml) so
// that local tools and tests build what the template declares, e.g. the
// DynamoDB table that tests and the local stack create on DynamoDB Local.
//
// Why not goformation.Open on the whole template: goformation decodes every
// resource into its generated structs with unknown fields disallowed, and one
// resource it cannot decode fails the whole parse. Its SAM and CloudFormation
// types date from 2024 and lack newer properties (AWS::Serverless::Function
// LoggingConfig, RecursiveLoop, SnapStart; AWS::DynamoDB::Table
// OnDemandThroughput, WarmThroughput, ...), so a valid template would stop
// loading as soon as someone uses one. Instead this package
//
//  1. resolves short-form tags and intrinsic functions with goformation's
//     intrinsics processor (Ref to a parameter gives its default; Ref to a
//     resource and Fn::GetAtt give null),
//  2. keeps each resource's Type and raw Properties, and
//  3. decodes only the resource a caller asks for, leniently (unknown
//     properties are ignored), into goformation's typed struct.
//
// A template that another resource's new property would break thus still
// loads, and the typed structs still give us names and shapes of the Table.
package samtemplate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	cfndynamodb "github.com/awslabs/goformation/v7/cloudformation/dynamodb"
	"github.com/awslabs/goformation/v7/intrinsics"
)

// FileName is the template's name at the repository root.
const FileName = "template.yaml"

// Template is a parsed SAM template with intrinsic functions resolved.
// It is read-only after Load and safe for concurrent use.
type Template struct {
	resources  map[string]resource
	parameters map[string]parameter
}

// parameter is one entry of the template's Parameters section.
type parameter struct {
	Default any
}

// resource is one entry of the template's Resources section.
type resource struct {
	Type       string
	Properties json.RawMessage
}

// Load reads and parses the template at path; see Parse.
func Load(path string) (*Template, error) { return LoadWith(path, ParseOptions{}) }

// LoadWith reads and parses the template at path; see ParseWith.
func LoadWith(path string, opts ParseOptions) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	t, err := ParseWith(data, opts)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %s: %w", path, err)
	}
	return t, nil
}

// processMu serialises goformation's intrinsics processing.
var processMu sync.Mutex

// ProcessYAML is goformation's intrinsics.ProcessYAML, serialised:
// goformation keeps its intrinsic handlers in a package-level map that
// ProcessYAML writes to, so parallel calls race (seen under -race). Every
// caller in this module goes through here.
func ProcessYAML(data []byte, opts *intrinsics.ProcessorOptions) ([]byte, error) {
	processMu.Lock()
	defer processMu.Unlock()
	return intrinsics.ProcessYAML(data, opts)
}

// Parse parses a template in YAML (or JSON, a subset of YAML). It fails on
// invalid YAML or a Resources entry without a Type; it does not validate the
// resources' properties (see the package comment).
func Parse(data []byte) (*Template, error) { return ParseWith(data, ParseOptions{}) }

// ParseWith is Parse with options.
func ParseWith(data []byte, opts ParseOptions) (*Template, error) {
	var po *intrinsics.ProcessorOptions
	if opts.ResourceRefs {
		po = &intrinsics.ProcessorOptions{IntrinsicHandlerOverrides: map[string]intrinsics.IntrinsicHandler{"Ref": refOrResource}}
	}
	resolved, err := ProcessYAML(data, po)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Parameters map[string]parameter
		Resources  map[string]resource
	}
	if err := json.Unmarshal(resolved, &doc); err != nil {
		return nil, fmt.Errorf("template structure: %w", err)
	}
	for id, r := range doc.Resources {
		if r.Type == "" {
			return nil, fmt.Errorf("resource %q has no Type", id)
		}
	}
	return &Template{resources: doc.Resources, parameters: doc.Parameters}, nil
}

// Properties decodes the Properties of resource logicalID into v, after
// checking that the resource exists and has type wantType (e.g.
// "AWS::DynamoDB::Table"). Unknown properties are ignored. v is typically a
// pointer to a goformation struct, or to a map.
func (t *Template) Properties(logicalID, wantType string, v any) error {
	r, ok := t.resources[logicalID]
	if !ok {
		return fmt.Errorf("samtemplate: no resource %q in the template", logicalID)
	}
	if r.Type != wantType {
		return fmt.Errorf("samtemplate: resource %q is %s, want %s", logicalID, r.Type, wantType)
	}
	if len(r.Properties) == 0 || string(r.Properties) == "null" {
		return nil
	}
	if err := json.Unmarshal(r.Properties, v); err != nil {
		return fmt.Errorf("samtemplate: resource %q: %w", logicalID, err)
	}
	return nil
}

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
// mode and, for PROVISIONED, the throughput.
//
// Deliberately left out, as they are deployment concerns that DynamoDB Local
// ignores or that would get in the way of tests: TableName (the caller
// names the table), DeletionProtectionEnabled (tests delete their tables),
// SSE, point-in-time recovery, streams, tags and table class. TTL is not part
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
	provisioned := in.BillingMode == types.BillingModeProvisioned

	defined := map[string]bool{}
	for _, a := range tbl.AttributeDefinitions {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
			AttributeName: aws.String(a.AttributeName),
			AttributeType: types.ScalarAttributeType(a.AttributeType),
		})
		defined[a.AttributeName] = true
	}
	keys := func(where string, ks []cfndynamodb.Table_KeySchema) ([]types.KeySchemaElement, error) {
		if len(ks) == 0 {
			return nil, fmt.Errorf("samtemplate: %s: %s has no KeySchema", logicalID, where)
		}
		out := make([]types.KeySchemaElement, 0, len(ks))
		for _, k := range ks {
			if !defined[k.AttributeName] {
				return nil, fmt.Errorf("samtemplate: %s: %s key %q is not in AttributeDefinitions", logicalID, where, k.AttributeName)
			}
			out = append(out, types.KeySchemaElement{
				AttributeName: aws.String(k.AttributeName),
				KeyType:       types.KeyType(k.KeyType),
			})
		}
		return out, nil
	}
	throughput := func(where string, p *cfndynamodb.Table_ProvisionedThroughput) (*types.ProvisionedThroughput, error) {
		if !provisioned {
			return nil, nil
		}
		if p == nil {
			return nil, fmt.Errorf("samtemplate: %s: %s needs ProvisionedThroughput (BillingMode is PROVISIONED)", logicalID, where)
		}
		return &types.ProvisionedThroughput{
			ReadCapacityUnits:  aws.Int64(int64(p.ReadCapacityUnits)),
			WriteCapacityUnits: aws.Int64(int64(p.WriteCapacityUnits)),
		}, nil
	}

	if in.KeySchema, err = keys("table", tbl.KeySchema); err != nil {
		return nil, err
	}
	if in.ProvisionedThroughput, err = throughput("table", tbl.ProvisionedThroughput); err != nil {
		return nil, err
	}
	for _, g := range tbl.GlobalSecondaryIndexes {
		where := "index " + g.IndexName
		gsi := types.GlobalSecondaryIndex{IndexName: aws.String(g.IndexName), Projection: projection(g.Projection)}
		if gsi.KeySchema, err = keys(where, g.KeySchema); err != nil {
			return nil, err
		}
		if gsi.ProvisionedThroughput, err = throughput(where, g.ProvisionedThroughput); err != nil {
			return nil, err
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, gsi)
	}
	for _, l := range tbl.LocalSecondaryIndexes {
		lsi := types.LocalSecondaryIndex{IndexName: aws.String(l.IndexName), Projection: projection(l.Projection)}
		if lsi.KeySchema, err = keys("index "+l.IndexName, l.KeySchema); err != nil {
			return nil, err
		}
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, lsi)
	}
	return in, nil
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

// FindRoot returns the repository root: the nearest folder at or above the
// working directory that holds go.mod. Tests run in their package's folder,
// so this lets any package find template.yaml (filepath.Join(root, FileName))
// and the tool cache. It fails when no go.mod is found up to the file-system
// root.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("samtemplate: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("samtemplate: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("samtemplate: no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// LoadRoot loads FileName from the repository root found by FindRoot.
func LoadRoot() (*Template, error) {
	root, err := FindRoot()
	if err != nil {
		return nil, err
	}
	return Load(filepath.Join(root, FileName))
}
