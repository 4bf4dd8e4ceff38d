// Command migrate upgrades a car rental table to the current item format
// (dev/migrate). Against a deployed stack it needs credentials that may
// Scan, PutItem and UpdateItem the table (no function's role may):
//
//	go run ./cmd/migrate -table car-rental-dev -region eu-central-1
//	go run ./cmd/migrate -table NAME -endpoint http://localhost:8000   # DynamoDB Local
//
// It is safe to run twice. docs/operations.md says when to run it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/migrate"
)

func main() {
	table := flag.String("table", "", "the table (the stack's TableName output)")
	endpoint := flag.String("endpoint", "", "a DynamoDB Local URL instead of AWS")
	region := flag.String("region", "", "the AWS region (default: the SDK's)")
	flag.Parse()
	if *table == "" {
		fmt.Fprintln(os.Stderr, "migrate: -table is required")
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := client(ctx, *endpoint, *region)
	if err == nil {
		var r migrate.Result
		r, err = migrate.Run(ctx, db, *table, time.Now())
		fmt.Println("migrate:", r)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func client(ctx context.Context, endpoint, region string) (*dynamodb.Client, error) {
	if endpoint != "" {
		return localdynamo.NewClient(ctx, endpoint)
	}
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, err
	}
	return dynamodb.NewFromConfig(cfg), nil
}
