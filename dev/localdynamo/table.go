package localdynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/samtemplate"
)

// CreateTable creates table name on client's DynamoDB Local as the
// template's AWS::DynamoDB::Table resource logicalID declares it (keys,
// attributes, indexes, billing mode: samtemplate.TableInput), waits until
// it is ACTIVE and enables its TTL (samtemplate.TTLAttribute), as
// CloudFormation would. Errors name the table and the call that failed;
// ctx bounds the whole.
func CreateTable(ctx context.Context, client *dynamodb.Client, tpl *samtemplate.Template, logicalID, name string) error {
	in, err := tpl.TableInput(logicalID, name)
	if err != nil {
		return err
	}
	ttl, err := tpl.TTLAttribute(logicalID)
	if err != nil {
		return err
	}
	if _, err := client.CreateTable(ctx, in); err != nil {
		return fmt.Errorf("localdynamo: create table %s: %w", name, err)
	}
	waiter := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
	})
	if err := waiter.Wait(ctx, &dynamodb.DescribeTableInput{TableName: &name}, 30*time.Second); err != nil {
		return fmt.Errorf("localdynamo: table %s did not become ACTIVE: %w", name, err)
	}
	if ttl == "" {
		return nil
	}
	_, err = client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName: &name,
		TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: aws.String(ttl),
			Enabled:       aws.Bool(true),
		},
	})
	if err != nil {
		return fmt.Errorf("localdynamo: enable TTL on %s: %w", name, err)
	}
	return nil
}
