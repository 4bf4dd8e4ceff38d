package localstack

import (
	"context"
	"fmt"
	"log/slog"

	_ "github.com/carrental/backend/pkg/lambdafn/photowire" // the local stack runs every function, the photo ones too

	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdafn/lexwire"
	"github.com/carrental/backend/pkg/lexbot"
)

// LexFunction is the folder of the Lex V2 code hook, a function without
// an Api event.
const LexFunction = "lex-fulfillment"

// NotifyFunction is the folder of the function that sends the booking
// emails, and NotifyMapping the logical ID of its event source mapping.
const (
	NotifyFunction = "notify"
	NotifyMapping  = "NotifyEventSourceMapping"
)

// LocalMailFrom is the sender of the local stack's emails (MAIL_FROM).
const LocalMailFrom = "bookings@car-rental.localhost"

// FunctionEnv is the environment that every function gets, as template.yaml
// sets it in the cloud (Globals and the function's own Environment), with
// local values: pkg/lambdafn reads it.
type FunctionEnv struct {
	TableName        string // TABLE_NAME
	DynamoDBEndpoint string // DYNAMODB_ENDPOINT
	CursorSecret     string // CURSOR_SECRET, random per run
	AllowedOrigins   string // ALLOWED_ORIGINS
	ImageBaseURL     string // IMAGE_BASE_URL
	CognitoIssuer    string // COGNITO_ISSUER
	CognitoClientID  string // COGNITO_CLIENT_ID
	SESEndpoint      string // SES_ENDPOINT: aws-ses-v2-local
	SiteURL          string // SITE_URL: the stack's origin, for the emails' links
	BookingLimit     string // BOOKING_LIMIT, the template's BookingLimit parameter's default
	ImageBucket      string // IMAGE_BUCKET: ImageBucketName in the local S3
	S3Endpoint       string // S3_ENDPOINT: the local S3 (path-style)
}

// getenv is the environment of function folder: the variables above, the
// region of the local clients, and AWS_LAMBDA_FUNCTION_NAME, which Lambda
// sets and the logs carry.
func (e FunctionEnv) getenv(folder string) func(string) string {
	vars := map[string]string{
		"TABLE_NAME":               e.TableName,
		"DYNAMODB_ENDPOINT":        e.DynamoDBEndpoint,
		"CURSOR_SECRET":            e.CursorSecret,
		"ALLOWED_ORIGINS":          e.AllowedOrigins,
		"IMAGE_BASE_URL":           e.ImageBaseURL,
		"COGNITO_ISSUER":           e.CognitoIssuer,
		"COGNITO_CLIENT_ID":        e.CognitoClientID,
		"SES_ENDPOINT":             e.SESEndpoint,
		"SITE_URL":                 e.SiteURL,
		"MAIL_FROM":                LocalMailFrom,
		"BOOKING_LIMIT":            e.BookingLimit,
		"IMAGE_BUCKET":             e.ImageBucket,
		"S3_ENDPOINT":              e.S3Endpoint,
		"AWS_REGION":               "us-east-1",
		"AWS_LAMBDA_FUNCTION_NAME": folder,
	}
	return func(name string) string { return vars[name] }
}

// RESTHandlers builds the handler of every function that api routes to, by
// the function's logical ID, each as its Lambda main builds it
// (lambdafn.RESTHandler), with its own rental Service as Lambda gives each
// function its own container. A routed function that routes_gen.go does
// not know (run make generate) is an error.
func RESTHandlers(ctx context.Context, api *localapi.API, env FunctionEnv, log *slog.Logger) (map[string]apigw.Handler, error) {
	out := map[string]apigw.Handler{}
	for _, r := range api.Routes {
		if _, done := out[r.Function]; done {
			continue
		}
		h, err := restHandler(ctx, r.Function, env, log)
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", r.Function, r, err)
		}
		out[r.Function] = h
	}
	return out, nil
}

// restHandler builds the handler of the REST function logicalID exactly as
// its Lambda main does (lambdafn.RESTHandler), logging one line per
// invocation under the function's folder name.
func restHandler(ctx context.Context, logicalID string, env FunctionEnv, log *slog.Logger) (apigw.Handler, error) {
	folder, err := lambdafn.Folder(logicalID)
	if err != nil {
		return nil, err
	}
	return lambdafn.RESTHandler(ctx, env.getenv(folder), log, folder)
}

// LexHandler builds the Lex V2 code hook as functions/lex-fulfillment's
// main does: the rental Service, a token verifier for the pool of
// COGNITO_ISSUER and COGNITO_CLIENT_ID, and the bot, logging one line per
// turn.
func LexHandler(ctx context.Context, env FunctionEnv, log *slog.Logger) (lexbot.Handler, error) {
	return lexwire.Handler(ctx, env.getenv(LexFunction), log)
}
