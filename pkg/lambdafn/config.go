package lambdafn

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// Config is every setting that two or more functions share.
type Config struct {
	// TableName is the DynamoDB table (TABLE_NAME, required).
	TableName string
	// DynamoDBEndpoint overrides the DynamoDB endpoint
	// (DYNAMODB_ENDPOINT), for DynamoDB Local; empty in the cloud.
	DynamoDBEndpoint string
	// Region is the AWS region (AWS_REGION, set by Lambda; us-east-1 locally).
	Region string
	// CursorSecret keys the HMAC of page cursors (CURSOR_SECRET, at least 32
	// bytes; every function of a deployment must share it).
	CursorSecret []byte
	// AllowedOrigins are the web origins that CORS allows
	// (ALLOWED_ORIGINS, comma-separated; "*" allows any).
	AllowedOrigins []string
	// ImageBaseURL is where car photos are served (IMAGE_BASE_URL): the
	// CloudFront distribution in the cloud, /static of the local stack.
	ImageBaseURL string
	// ImageBucket is the S3 bucket of the car photos (IMAGE_BUCKET), where
	// staff upload them with a presigned POST and the image distribution
	// (ImageBaseURL) reads them.
	ImageBucket string
	// S3Endpoint overrides the S3 endpoint (S3_ENDPOINT), for the local
	// stack's S3 (dev/locals3, "http://127.0.0.1:PORT"), which a client
	// must address path-style (UsePathStyle); empty in the cloud.
	S3Endpoint string
	// UserPoolIssuer and UserPoolClientID identify the Cognito user pool
	// whose ID tokens the chatbot accepts (COGNITO_ISSUER,
	// COGNITO_CLIENT_ID); the REST API relies on API Gateway's authorizer.
	UserPoolIssuer   string
	UserPoolClientID string
	// FunctionName names the function in logs
	// (AWS_LAMBDA_FUNCTION_NAME, set by Lambda).
	FunctionName string
	// BookingLimit is the most active bookings one customer may hold
	// (BOOKING_LIMIT, 1 to rental.MaxBookingLimit; empty:
	// rental.DefaultBookingLimit). The template sets it per stage.
	BookingLimit int
}

// MinCursorSecret is the shortest CURSOR_SECRET accepted.
const MinCursorSecret = 32

// FromEnv reads the configuration with getenv (os.Getenv in mains). The error
// names every missing or bad variable.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		TableName:        getenv("TABLE_NAME"),
		DynamoDBEndpoint: getenv("DYNAMODB_ENDPOINT"),
		Region:           getenv("AWS_REGION"),
		CursorSecret:     []byte(getenv("CURSOR_SECRET")),
		ImageBaseURL:     strings.TrimRight(getenv("IMAGE_BASE_URL"), "/"),
		ImageBucket:      getenv("IMAGE_BUCKET"),
		S3Endpoint:       getenv("S3_ENDPOINT"),
		UserPoolIssuer:   getenv("COGNITO_ISSUER"),
		UserPoolClientID: getenv("COGNITO_CLIENT_ID"),
		FunctionName:     getenv("AWS_LAMBDA_FUNCTION_NAME"),
	}
	for _, o := range strings.Split(getenv("ALLOWED_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	var errs []error
	c.BookingLimit = rental.DefaultBookingLimit
	if v := getenv("BOOKING_LIMIT"); v != "" {
		n, err := strconv.Atoi(v)
		if err == nil {
			err = rental.CheckBookingLimit(n)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("BOOKING_LIMIT=%q: a whole number from 1 to %d", v, rental.MaxBookingLimit))
		}
		c.BookingLimit = n
	}
	if c.TableName == "" {
		errs = append(errs, errors.New("TABLE_NAME is not set"))
	}
	if len(c.CursorSecret) < MinCursorSecret {
		errs = append(errs, fmt.Errorf("CURSOR_SECRET must be at least %d bytes", MinCursorSecret))
	}
	return c, errors.Join(errs...)
}

// Load is FromEnv(os.Getenv).
func Load() (Config, error) { return FromEnv(os.Getenv) }
