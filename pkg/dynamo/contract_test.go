package dynamo_test

import (
	"testing"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/dynamo"
)

var testSecret = []byte("test-cursor-secret-0123456789abcdef")

func newStore(t *testing.T) *dynamo.Store {
	client, table := testbed.Table(t)
	return dynamo.New(client, table, testSecret)
}

// TestContract runs the store contract suite on DynamoDB Local: round trips,
// every error path, 32 racing writers and the randomized model run.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend { return newStore(t) })
}
