package lambdafn

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/pkg/apigw"
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
// and timeouts, X-Ray on every call, and the credentials of credentials.
//
// It is built by hand rather than by config.LoadDefaultConfig, which
// searches shared config files, profiles, SSO, web identity and more, and
// whose package links STS, SSO, SSO OIDC, Sign-In and IMDS clients into
// every function: 2.2 MB of each binary and 2.2 ms of its start
// (docs/figures.md, "Cold start"). A function needs none of that: Lambda
// hands it its role's credentials in the environment. ctx is unused; it
// stays for callers and for providers that may need it.
func AWSConfig(_ context.Context, cfg Config) (aws.Config, error) {
	creds, err := credentials(cfg, os.Getenv)
	if err != nil {
		return aws.Config{}, err
	}
	awsCfg := aws.Config{
		Region:      cfg.Region,
		Credentials: aws.NewCredentialsCache(creds),
		HTTPClient:  awshttp.NewBuildableClient().WithTimeout(attemptTimeout),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts, o.MaxBackoff = sdkAttempts, sdkMaxBackoff
			})
		},
	}
	tracing.Instrument(&awsCfg)
	return awsCfg, nil
}

// DynamoClient is the DynamoDB client of cfg.
func DynamoClient(awsCfg aws.Config, cfg Config) *dynamodb.Client {
	return dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
}

// Store is the DynamoDB store of cfg, with its booking transactions traced.
func Store(client dynamo.Client, cfg Config) *dynamo.Store {
	return dynamo.New(client, cfg.TableName, cfg.CursorSecret, dynamo.WithTracer(tracing.Span))
}

// NewService builds the rental Service of cfg on DynamoDB, with cfg's
// booking limit and the photo checks when wired (photoWiring); opts come
// after.
func NewService(ctx context.Context, cfg Config, opts ...rental.Option) (*rental.Service, error) {
	awsCfg, err := AWSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	p, _ := photoParts(awsCfg, cfg)
	return newService(awsCfg, cfg, p, opts...), nil
}

// newService is NewService on awsCfg with photos p (nil: none).
func newService(awsCfg aws.Config, cfg Config, p rental.Photos, opts ...rental.Option) *rental.Service {
	base := []rental.Option{rental.WithBookingLimit(cfg.BookingLimit)}
	if p != nil {
		base = append(base, rental.WithPhotos(p))
	}
	return rental.NewService(Store(DynamoClient(awsCfg, cfg), cfg), append(base, opts...)...)
}

// PhotoWiring builds the car photos' parts of a function from its SDK
// configuration: the Service's check and the API's presigned uploads.
// pkg/lambdafn/photowire sets it (UsePhotos), imported by the mains of the
// functions that reach the photos only, so that no other function links
// the S3 client.
type PhotoWiring func(awsCfg aws.Config, cfg Config) (rental.Photos, apigw.Uploads)

var photoWiring PhotoWiring

// UsePhotos makes the functions of this binary wire the car photos with w.
func UsePhotos(w PhotoWiring) { photoWiring = w }

// photoParts are the photo parts of cfg: none without wiring or an image
// bucket.
func photoParts(awsCfg aws.Config, cfg Config) (rental.Photos, apigw.Uploads) {
	if photoWiring == nil || cfg.ImageBucket == "" {
		return nil, nil
	}
	return photoWiring(awsCfg, cfg)
}
