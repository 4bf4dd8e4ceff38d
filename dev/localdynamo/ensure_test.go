//go:build unix

package localdynamo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/samtemplate"
)

// TestTablesKeptInDBPath: on a DBPath, a table and its items outlive the
// server; EnsureTable creates the template's table once, keeps it on the
// next start, and refuses it, naming the difference, once the template
// defines its index otherwise.
func TestTablesKeptInDBPath(t *testing.T) {
	ctx := context.Background()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.Load(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	start := func() (*Server, *dynamodb.Client) {
		s, err := Start(ctx, Options{JarDir: jarDir(t), DBPath: dir})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
		client, err := NewClient(ctx, s.Endpoint())
		if err != nil {
			t.Fatal(err)
		}
		return s, client
	}
	s, client := start()
	if created, err := EnsureTable(ctx, client, tpl, "Table", "kept"); err != nil || !created {
		t.Fatalf("first EnsureTable: created %t, %v", created, err)
	}
	item := map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "USER#1"}, "SK": &types.AttributeValueMemberS{Value: "ACCOUNT"}}
	if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("kept"), Item: item}); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}

	s, client = start()
	if created, err := EnsureTable(ctx, client, tpl, "Table", "kept"); err != nil || created {
		t.Fatalf("EnsureTable after a restart: created %t, %v", created, err)
	}
	got, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("kept"), Key: item})
	if err != nil || got.Item == nil {
		t.Fatalf("the item after a restart: %v %v", got, err)
	}

	data, err := os.ReadFile(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := samtemplate.Parse([]byte(strings.Replace(string(data), "ProjectionType: ALL", "ProjectionType: KEYS_ONLY", 1)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = EnsureTable(ctx, client, changed, "Table", "kept")
	if !errors.Is(err, ErrTableChanged) || !strings.Contains(err.Error(), "index GSI1: template GSI1PK:S HASH, GSI1SK:S RANGE, projection KEYS_ONLY") {
		t.Errorf("EnsureTable with another index: %v", err)
	}
	_ = s.Stop()
}
