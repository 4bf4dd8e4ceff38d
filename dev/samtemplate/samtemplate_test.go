package samtemplate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/awslabs/goformation/v7"
)

// TestProjectTable holds the real template.yaml to the data model of
// DESIGN.md: the keys and the GSI that pkg/dynamo relies on.
func TestProjectTable(t *testing.T) {
	tpl, err := LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	in, err := tpl.TableInput("Table", "cars")
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(in.TableName); got != "cars" {
		t.Errorf("TableName = %q, want cars", got)
	}
	if in.BillingMode != types.BillingModePayPerRequest {
		t.Errorf("BillingMode = %q, want PAY_PER_REQUEST", in.BillingMode)
	}
	if in.ProvisionedThroughput != nil {
		t.Errorf("ProvisionedThroughput = %+v, want none on demand", in.ProvisionedThroughput)
	}
	attrs := map[string]types.ScalarAttributeType{}
	for _, a := range in.AttributeDefinitions {
		attrs[aws.ToString(a.AttributeName)] = a.AttributeType
	}
	for _, name := range []string{"PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"} {
		if attrs[name] != types.ScalarAttributeTypeS {
			t.Errorf("attribute %s: type %q, want S", name, attrs[name])
		}
	}
	if len(attrs) != 6 {
		t.Errorf("attribute definitions = %v, want exactly the 6 key attributes", attrs)
	}
	if got := keyString(in.KeySchema); got != "PK HASH, SK RANGE" {
		t.Errorf("table keys = %s", got)
	}
	if len(in.GlobalSecondaryIndexes) != 2 {
		t.Fatalf("GSIs = %d, want 2", len(in.GlobalSecondaryIndexes))
	}
	for i, want := range []struct {
		name, keys string
		projection types.ProjectionType
	}{
		{"GSI1", "GSI1PK HASH, GSI1SK RANGE", types.ProjectionTypeAll},      // search: the cars with their masks
		{"GSI2", "GSI2PK HASH, GSI2SK RANGE", types.ProjectionTypeKeysOnly}, // the desk: keys only
	} {
		gsi := in.GlobalSecondaryIndexes[i]
		if aws.ToString(gsi.IndexName) != want.name || keyString(gsi.KeySchema) != want.keys {
			t.Errorf("GSI %d = %s (%s), want %s (%s)", i, aws.ToString(gsi.IndexName), keyString(gsi.KeySchema), want.name, want.keys)
		}
		if gsi.Projection == nil || gsi.Projection.ProjectionType != want.projection {
			t.Errorf("%s projection = %+v, want %s", want.name, gsi.Projection, want.projection)
		}
	}
	if s := in.StreamSpecification; s == nil || !aws.ToBool(s.StreamEnabled) || s.StreamViewType != types.StreamViewTypeNewAndOldImages {
		t.Errorf("StreamSpecification = %+v, want the template's stream of new and old images", s)
	}
	if in.DeletionProtectionEnabled != nil {
		t.Error("DeletionProtectionEnabled is copied: tests could not delete their tables")
	}

	ttl, err := tpl.TTLAttribute("Table")
	if err != nil || ttl != "expiresAt" {
		t.Errorf("TTLAttribute = %q, %v; want expiresAt", ttl, err)
	}
}

func keyString(ks []types.KeySchemaElement) string {
	var parts []string
	for _, k := range ks {
		parts = append(parts, aws.ToString(k.AttributeName)+" "+string(k.KeyType))
	}
	return strings.Join(parts, ", ")
}

// newerTemplate has properties that goformation v7's generated types lack
// (Function LoggingConfig and RecursiveLoop, Table OnDemandThroughput), short
// form intrinsics, and a provisioned table with an LSI.
const newerTemplate = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: bootstrap
      Runtime: provided.al2023
      LoggingConfig: {LogFormat: JSON}
      RecursiveLoop: Terminate
      Environment:
        Variables:
          TABLE: !Ref Table
          STAGE: !Sub '${Stage}-x'
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub 'cars-${Stage}'
      OnDemandThroughput: {MaxReadRequestUnits: 100}
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - {AttributeName: n, AttributeType: N}
      KeySchema:
        - {AttributeName: id, KeyType: HASH}
      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 2}
      LocalSecondaryIndexes:
        - IndexName: byN
          KeySchema:
            - {AttributeName: id, KeyType: HASH}
            - {AttributeName: n, KeyType: RANGE}
          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [a, b]}
      GlobalSecondaryIndexes:
        - IndexName: keysOnly
          KeySchema: [{AttributeName: n, KeyType: HASH}]
          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
  Other:
    Type: AWS::SQS::Queue
`

// TestNewerPropertiesLoad shows why Parse does not decode the whole template
// with goformation: goformation rejects it, Parse does not.
func TestNewerPropertiesLoad(t *testing.T) {
	if _, err := goformation.ParseYAML([]byte(newerTemplate)); err == nil {
		t.Log("goformation now parses newer properties; the workaround in Parse may be dropped")
	}
	tpl, err := Parse([]byte(newerTemplate))
	if err != nil {
		t.Fatal(err)
	}
	in, err := tpl.TableInput("Table", "x")
	if err != nil {
		t.Fatal(err)
	}
	if in.BillingMode != types.BillingModeProvisioned {
		t.Errorf("BillingMode = %q, want PROVISIONED by default", in.BillingMode)
	}
	if p := in.ProvisionedThroughput; p == nil || aws.ToInt64(p.ReadCapacityUnits) != 5 || aws.ToInt64(p.WriteCapacityUnits) != 2 {
		t.Errorf("ProvisionedThroughput = %+v", p)
	}
	lsi := in.LocalSecondaryIndexes
	if len(lsi) != 1 || keyString(lsi[0].KeySchema) != "id HASH, n RANGE" ||
		lsi[0].Projection.ProjectionType != types.ProjectionTypeInclude ||
		strings.Join(lsi[0].Projection.NonKeyAttributes, ",") != "a,b" {
		t.Errorf("LSIs = %+v", lsi)
	}
	gsi := in.GlobalSecondaryIndexes
	if len(gsi) != 1 || gsi[0].Projection.ProjectionType != types.ProjectionTypeKeysOnly || gsi[0].ProvisionedThroughput == nil {
		t.Errorf("GSIs = %+v", gsi)
	}
	if ttl, err := tpl.TTLAttribute("Table"); ttl != "" || err != nil {
		t.Errorf("TTLAttribute = %q, %v; want none", ttl, err)
	}

	// Intrinsics are resolved: Ref to a parameter gives its default.
	var props struct{ TableName string }
	if err := tpl.Properties("Table", "AWS::DynamoDB::Table", &props); err != nil || props.TableName != "cars-dev" {
		t.Errorf("TableName = %q, %v; want cars-dev", props.TableName, err)
	}
}

func TestErrors(t *testing.T) {
	const head = "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
	tests := []struct{ name, yaml, call, want string }{
		{"missing resource", head + "      KeySchema: []\n", "Nope", `no resource "Nope"`},
		{"wrong type", "Resources:\n  T: {Type: AWS::SQS::Queue}\n", "T", "is AWS::SQS::Queue, want AWS::DynamoDB::Table"},
		{"no key schema", head + "      BillingMode: PAY_PER_REQUEST\n", "T", "table has no KeySchema"},
		{"undefined key", head + "      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n", "T", `key "id" is not in AttributeDefinitions`},
		{"provisioned without throughput", head + "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n", "T", "needs ProvisionedThroughput"},
		{"bad property type", head + "      KeySchema: oops\n", "T", "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := Parse([]byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			_, err = tpl.TableInput(tt.call, "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}

	if _, err := Parse([]byte("Resources:\n  T: {Properties: {}}\n")); err == nil || !strings.Contains(err.Error(), "no Type") {
		t.Errorf("Parse without Type: error = %v", err)
	}
	if _, err := Parse([]byte("Resources: [\n")); err == nil {
		t.Error("Parse of invalid YAML: no error")
	}
	tpl, err := Parse([]byte(head + "      TimeToLiveSpecification: {Enabled: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tpl.TTLAttribute("T"); err == nil {
		t.Error("TTL enabled without attribute: no error")
	}
}

func TestFindRoot(t *testing.T) {
	root, err := FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"go.mod", FileName} {
		if _, err := os.Stat(filepath.Join(root, name)); err != nil {
			t.Errorf("root %s: %v", root, err)
		}
	}

	t.Chdir(t.TempDir())
	if _, err := FindRoot(); err == nil {
		t.Error("FindRoot outside a module: no error")
	}
}

// TestTypedLeavesOutNewerProperties: a property newer than goformation's
// types (UserPoolTier) is left out of the typed structs and named in
// Newer, and the rest of the resource decodes.
func TestTypedLeavesOutNewerProperties(t *testing.T) {
	tpl, err := Parse([]byte(`
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: p, DeletionProtection: ACTIVE, UserPoolTier: PLUS, Frobnicate: 1}
`))
	if err != nil {
		t.Fatal(err)
	}
	typed, err := tpl.Typed()
	if err != nil {
		t.Fatal(err)
	}
	if got := typed.Newer["Pool"]; len(got) != 2 || got[0] != "Frobnicate" || got[1] != "UserPoolTier" {
		t.Errorf("Newer = %v, want Pool: [Frobnicate UserPoolTier]", typed.Newer)
	}
	pool, err := typed.GetCognitoUserPoolWithName("Pool")
	if err != nil || pool.DeletionProtection == nil || *pool.DeletionProtection != "ACTIVE" {
		t.Errorf("pool = %+v, %v", pool, err)
	}
}
