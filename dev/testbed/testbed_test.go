package testbed

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// TestTable creates a table, round-trips an item through the table and GSI1,
// checks the GSI and TTL that template.yaml declares, and that the cleanup
// deletes the table.
func TestTable(t *testing.T) {
	var (
		client *dynamodb.Client
		name   string
	)
	t.Run("table", func(t *testing.T) {
		client, name = Table(t)
		ctx := t.Context()

		car := map[string]types.AttributeValue{
			"PK": s("CAR#c1"), "SK": s("CAR"),
			"GSI1PK": s("LOC#berlin"), "GSI1SK": s("TYPE#suv#c1"),
			"model": s("XC60"),
		}
		if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: &name, Item: car}); err != nil {
			t.Fatal(err)
		}
		got, err := client.GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      &name,
			Key:            map[string]types.AttributeValue{"PK": s("CAR#c1"), "SK": s("CAR")},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := got.Item["model"].(*types.AttributeValueMemberS); !ok || m.Value != "XC60" {
			t.Errorf("GetItem = %v, want the car back", got.Item)
		}

		q, err := client.Query(ctx, &dynamodb.QueryInput{
			TableName:              &name,
			IndexName:              aws.String("GSI1"),
			KeyConditionExpression: aws.String("GSI1PK = :loc AND begins_with(GSI1SK, :type)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":loc": s("LOC#berlin"), ":type": s("TYPE#suv#"),
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Items) != 1 || q.Items[0]["model"] == nil {
			t.Errorf("GSI1 query = %v, want the car with all attributes (projection ALL)", q.Items)
		}

		d, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &name})
		if err != nil {
			t.Fatal(err)
		}
		projections := map[string]types.ProjectionType{}
		for _, g := range d.Table.GlobalSecondaryIndexes {
			if g.IndexStatus == types.IndexStatusActive {
				projections[aws.ToString(g.IndexName)] = g.Projection.ProjectionType
			}
		}
		if len(projections) != 2 || projections["GSI1"] != types.ProjectionTypeAll || projections["GSI2"] != types.ProjectionTypeKeysOnly {
			t.Errorf("active GSIs = %v, want GSI1 (projection ALL) and GSI2 (KEYS_ONLY)", projections)
		}
		ttl, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: &name})
		if err != nil {
			t.Fatal(err)
		}
		if d := ttl.TimeToLiveDescription; aws.ToString(d.AttributeName) != "expiresAt" || d.TimeToLiveStatus != types.TimeToLiveStatusEnabled {
			t.Errorf("TTL = %s %s, want expiresAt ENABLED", aws.ToString(d.AttributeName), d.TimeToLiveStatus)
		}
	})
	if name == "" {
		return // the subtest failed before it had a table
	}

	_, err := client.DescribeTable(t.Context(), &dynamodb.DescribeTableInput{TableName: &name})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) {
		t.Errorf("table %s after its test: DescribeTable error = %v, want ResourceNotFoundException", name, err)
	}
}

// TestTablesAreIsolated: parallel tests write the same key into their own
// tables and each reads back only its own item.
func TestTablesAreIsolated(t *testing.T) {
	for _, who := range []string{"a", "b", "c"} {
		t.Run(who, func(t *testing.T) {
			t.Parallel()
			client, name := Table(t)
			key := map[string]types.AttributeValue{"PK": s("LOCATIONS"), "SK": s("LOC#1")}
			item := map[string]types.AttributeValue{"PK": s("LOCATIONS"), "SK": s("LOC#1"), "who": s(who)}
			if _, err := client.PutItem(t.Context(), &dynamodb.PutItemInput{TableName: &name, Item: item}); err != nil {
				t.Fatal(err)
			}
			got, err := client.GetItem(t.Context(), &dynamodb.GetItemInput{TableName: &name, Key: key, ConsistentRead: aws.Bool(true)})
			if err != nil {
				t.Fatal(err)
			}
			if w, ok := got.Item["who"].(*types.AttributeValueMemberS); !ok || w.Value != who {
				t.Errorf("item = %v, want who=%s", got.Item, who)
			}
		})
	}
}

// TestTableWithoutEndpointFails runs Table in a child process without
// DYNAMODB_ENDPOINT: it must fail (not skip) and say how to run the tests.
func TestTableWithoutEndpointFails(t *testing.T) {
	if os.Getenv("TESTBED_CHILD") == "1" {
		Table(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTableWithoutEndpointFails$", "-test.v")
	cmd.Env = append(os.Environ(), "TESTBED_CHILD=1", EnvEndpoint+"=")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child: error = %v, want a failing exit; output:\n%s", err, out)
	}
	for _, want := range []string{"--- FAIL", "DYNAMODB_ENDPOINT is not set", "make test"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}
