// Package testbed gives tests a fresh DynamoDB table on the DynamoDB Local
// named by $DYNAMODB_ENDPOINT, built from template.yaml's Table resource.
//
// One table per test is the isolation unit: `go test ./...` runs packages in
// parallel as separate processes against one DynamoDB Local (started by
// cmd/testbed, which `make test` runs), and a test never sees another's
// items. Creating a table on DynamoDB Local takes milliseconds.
//
// A test that needs DynamoDB fails, never skips, without DYNAMODB_ENDPOINT:
// a silently skipped store test would pass CI while testing nothing.
package testbed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/samtemplate"
)

// EnvEndpoint names the environment variable with DynamoDB Local's URL,
// e.g. http://127.0.0.1:8000.
const EnvEndpoint = "DYNAMODB_ENDPOINT"

// TableResource is the logical id of the table in template.yaml.
const TableResource = "Table"

// template is read once per test binary.
var template = sync.OnceValues(samtemplate.LoadRoot)

// clients holds one client per endpoint, shared by all tests of a binary
// (a client is safe for concurrent use and pools its connections).
var clients sync.Map // endpoint -> *dynamodb.Client

// Table creates a table named test-<test name>-<random> on $DYNAMODB_ENDPOINT
// with the keys, attributes, GSIs and billing mode of template.yaml's Table
// resource and its TTL enabled, waits until it is ACTIVE and returns a
// client and the table's name. t.Cleanup deletes the table.
//
// It calls t.Fatal when DYNAMODB_ENDPOINT is unset (saying how to run the
// tests), when template.yaml cannot be read, or when a DynamoDB call fails.
// Safe to call from parallel tests.
func Table(t testing.TB) (client *dynamodb.Client, tableName string) {
	t.Helper()
	endpoint := os.Getenv(EnvEndpoint)
	if endpoint == "" {
		t.Fatalf("%s is not set: this test needs DynamoDB Local. Run `make test`, "+
			"or `go run ./cmd/testbed -- go test ./...`, or start DynamoDB Local and set %s=http://127.0.0.1:PORT",
			EnvEndpoint, EnvEndpoint)
	}
	tpl, err := template()
	if err != nil {
		t.Fatalf("testbed: %v", err)
	}
	client, err = clientFor(endpoint)
	if err != nil {
		t.Fatalf("testbed: %v", err)
	}

	tableName = uniqueName(t.Name())
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	if err := localdynamo.CreateTable(ctx, client, tpl, TableResource, tableName); err != nil {
		t.Fatalf("testbed: %v (on %s)", err, endpoint)
	}
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: &tableName}); err != nil {
			t.Errorf("testbed: delete table %s: %v", tableName, err)
		}
	})
	return client, tableName
}

func clientFor(endpoint string) (*dynamodb.Client, error) {
	if c, ok := clients.Load(endpoint); ok {
		return c.(*dynamodb.Client), nil
	}
	c, err := localdynamo.NewClient(context.Background(), endpoint)
	if err != nil {
		return nil, err
	}
	actual, _ := clients.LoadOrStore(endpoint, c)
	return actual.(*dynamodb.Client), nil
}

// notAllowed matches what a DynamoDB table name may not contain.
var notAllowed = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// uniqueName returns test-<test name, cleaned, at most 100 chars>-<16 hex
// digits>: readable when a test fails, unique across parallel tests and
// packages, and within DynamoDB's 255-character limit.
func uniqueName(testName string) string {
	name := notAllowed.ReplaceAllString(testName, "_")
	if len(name) > 100 {
		name = name[:100]
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return fmt.Sprintf("test-%s-%s", name, hex.EncodeToString(b))
}
