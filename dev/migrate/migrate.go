// Package migrate upgrades a table of the car rental from its first format
// (each car's schedule as a list, idempotency records of their own) to the
// current one (availability masks, the account), item by item through
// pkg/dynamo's Store.Upgrade, which owns both formats. It scans the table,
// which no function may do: it runs from a developer's machine or CI with
// credentials of its own (docs/operations.md, "Migrating the table").
package migrate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/pkg/dynamo"
)

// firstBooking is what the first format called a booking's car, pick-up
// and return: the REST API's field names, which the store no longer uses.
var firstBooking = dynamo.FirstBooking{Car: "carId", Pickup: "pickupDate", Return: "returnDate"}

// maxPasses bounds the scans: a pass re-runs only for items that changed
// while they were upgraded (a booking made meanwhile, say).
const maxPasses = 5

// Result counts what a migration did, over all its passes.
type Result struct {
	Passes    int
	Scanned   int // items looked at in the last pass
	Rewritten int // items upgraded
	Expired   int // idempotency records past their expiry, left to TTL
	Raced     int // upgrades that lost to another writer and were retried
}

func (r Result) String() string {
	return fmt.Sprintf("%d passes; %d items in the last; %d upgraded, %d expired idempotency records left to TTL, %d retried after a race",
		r.Passes, r.Scanned, r.Rewritten, r.Expired, r.Raced)
}

// Run upgrades every item of table through db until a scan finds nothing
// to upgrade; now decides which idempotency records are alive. It is safe
// to run again: upgraded items are left as they are.
func Run(ctx context.Context, db *dynamodb.Client, table string, now time.Time) (Result, error) {
	store := dynamo.New(db, table, []byte("migration-has-no-cursors-of-its-own"))
	var r Result
	for r.Passes < maxPasses {
		r.Passes++
		pass, err := scanPass(ctx, db, store, table, now)
		if err != nil {
			return r, err
		}
		r.Scanned, r.Rewritten, r.Expired, r.Raced = pass.Scanned, r.Rewritten+pass.Rewritten, pass.Expired, r.Raced+pass.Raced
		if pass.Rewritten == 0 && pass.Raced == 0 {
			return r, nil
		}
	}
	return r, fmt.Errorf("migrate: items still changing after %d passes", maxPasses)
}

// scanPass upgrades what one consistent scan of the table finds.
func scanPass(ctx context.Context, db *dynamodb.Client, store *dynamo.Store, table string, now time.Time) (Result, error) {
	var r Result
	p := dynamodb.NewScanPaginator(db, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return r, fmt.Errorf("migrate: scan %s: %w", table, err)
		}
		for _, item := range page.Items {
			r.Scanned++
			done, err := store.Upgrade(ctx, item, firstBooking, now)
			switch {
			case errors.Is(err, dynamo.ErrRaced):
				r.Raced++
			case err != nil:
				return r, fmt.Errorf("migrate: %w", err)
			case done == dynamo.Rewritten:
				r.Rewritten++
			case done == dynamo.Expired:
				r.Expired++
			}
		}
	}
	return r, nil
}
