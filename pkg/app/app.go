// Package app wires the pieces that every function shares: the DynamoDB
// client, the store and the rental Service, from a config.Config. Mains call
// it once, before lambda.Start; the local stack calls it too, so the code
// that runs locally is the code that runs in Lambda.
package app

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/pkg/config"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
	"github.com/carrental/backend/pkg/tracing"
)

// SDK limits, chosen to fit inside a function timeout of 10 s, itself
// under API Gateway's 29 s: an attempt gets 2 s, the SDK tries 3 times with
// at most 500 ms between, and the booking transaction's own retries stop at
// the function's deadline.
const (
	attemptTimeout = 2 * time.Second
	sdkAttempts    = 3
	sdkMaxBackoff  = 500 * time.Millisecond
)

// AWSConfig is the SDK configuration of cfg: its region, bounded retries
// and timeouts, X-Ray on every call, and for a local endpoint static
// credentials (DynamoDB Local accepts any).
func AWSConfig(ctx context.Context, cfg config.Config) (aws.Config, error) {
	opts := []func(*awsconfig.LoadOptions) error{
		awsconfig.WithRegion(cfg.Region),
		awsconfig.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(attemptTimeout)),
		awsconfig.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts, o.MaxBackoff = sdkAttempts, sdkMaxBackoff
			})
		}),
	}
	if cfg.DynamoDBEndpoint != "" {
		opts = append(opts, awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, err
	}
	tracing.Instrument(&awsCfg)
	return awsCfg, nil
}

// DynamoClient is the DynamoDB client of cfg.
func DynamoClient(awsCfg aws.Config, cfg config.Config) *dynamodb.Client {
	return dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
}

// Store is the DynamoDB store of cfg, with its booking transactions traced.
func Store(client dynamo.Client, cfg config.Config) *dynamo.Store {
	return dynamo.New(client, cfg.TableName, cfg.CursorSecret, dynamo.WithTracer(tracing.Span))
}

// Service builds the rental Service of cfg on DynamoDB.
func Service(ctx context.Context, cfg config.Config, opts ...rental.Option) (*rental.Service, error) {
	awsCfg, err := AWSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return rental.NewService(Store(DynamoClient(awsCfg, cfg), cfg), opts...), nil
}
