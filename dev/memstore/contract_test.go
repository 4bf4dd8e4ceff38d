package memstore_test

import (
	"testing"

	"github.com/carrental/backend/dev/memstore"
	"github.com/carrental/backend/dev/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) storetest.Backend { return memstore.New() })
}
