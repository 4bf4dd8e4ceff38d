package localesm

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"

	"github.com/carrental/backend/dev/localdynamo"
)

// NewStreamsClient is a DynamoDB Streams client of the DynamoDB Local at
// endpoint (the same port serves both APIs).
func NewStreamsClient(endpoint string) *dynamodbstreams.Client {
	return dynamodbstreams.New(dynamodbstreams.Options{Region: localdynamo.Region, BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(localdynamo.AccessKey, localdynamo.SecretKey, "")})
}

// StreamARN is the ARN of table's stream. Errors: the table has none.
func StreamARN(ctx context.Context, db *dynamodb.Client, table string) (string, error) {
	out, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &table})
	if err != nil {
		return "", fmt.Errorf("localesm: describe %s: %w", table, err)
	}
	if arn := aws.ToString(out.Table.LatestStreamArn); arn != "" {
		return arn, nil
	}
	return "", fmt.Errorf("localesm: table %s has no stream (template.yaml's StreamSpecification)", table)
}
