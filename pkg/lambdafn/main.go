package lambdafn

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/rental"
)

// Run is the whole main of a function: it builds the handler once, before
// the first invocation (build gets the process environment and the logger
// of Logger), and hands it to lambda.Start, which never returns. When build
// fails, typically for a missing or bad environment variable, Run logs why
// and exits with status 1, so that the failed init shows in the function's
// logs rather than as an error on every invocation.
func Run[H any](build func(ctx context.Context, getenv func(string) string, log *slog.Logger) (H, error)) {
	log := Logger(os.Getenv)
	h, err := build(context.Background(), os.Getenv, log)
	if err != nil {
		log.Error("cannot start", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(h)
}

// REST is the whole main of the REST function in functions/<function>
// (the generated main of every REST function calls it): Run with
// RESTHandler.
func REST(function string) {
	Run(func(ctx context.Context, getenv func(string) string, log *slog.Logger) (apigw.Handler, error) {
		return RESTHandler(ctx, getenv, log, function)
	})
}

// RESTHandler builds what REST starts: the handler of the operation that
// function serves (its RESTRoute) on the API that API builds, wrapped with
// lambdalog.Wrap so that every invocation logs one line to log under the
// function's name (AWS_LAMBDA_FUNCTION_NAME). Errors: an unknown function
// (no Api event in template.yaml), the configuration's.
func RESTHandler(ctx context.Context, getenv func(string) string, log *slog.Logger, function string) (apigw.Handler, error) {
	route, ok := RESTRouteOf(function)
	if !ok {
		return nil, fmt.Errorf("lambdafn: no REST function %q in template.yaml (routes_gen.go)", function)
	}
	api, err := API(ctx, getenv, log)
	if err != nil {
		return nil, err
	}
	h, ok := api.Operation(route.Operation)
	if !ok {
		return nil, fmt.Errorf("lambdafn: apigw has no handler of operation %q", route.Operation)
	}
	return lambdalog.Wrap(log, getenv("AWS_LAMBDA_FUNCTION_NAME"), apigw.Outcome, h), nil
}

// API builds the REST API of a function: the configuration and the Service
// (see Service) and the API with the configuration's CORS origins and image
// base URL, logging to log with the function's name. The local stack builds
// one per function, as Lambda runs one container per function, and serves
// its handler from API.Handlers.
func API(ctx context.Context, getenv func(string) string, log *slog.Logger) (*apigw.API, error) {
	cfg, err := FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	awsCfg, err := AWSConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	p, uploads := photoParts(awsCfg, cfg)
	opts := apigw.Options{AllowedOrigins: cfg.AllowedOrigins, ImageBaseURL: cfg.ImageBaseURL,
		Logger: log.With("function", cfg.FunctionName), Uploads: uploads}
	return apigw.New(newService(awsCfg, cfg, p), opts), nil
}

// Service is what every function starts from: the configuration read with
// getenv (FromEnv) and the rental Service on DynamoDB (app.Service;
// no network I/O happens yet). Errors: the configuration's, naming every
// bad variable, or the AWS SDK's, each prefixed with what failed.
func Service(ctx context.Context, getenv func(string) string) (Config, *rental.Service, error) {
	cfg, err := FromEnv(getenv)
	if err != nil {
		return Config{}, nil, fmt.Errorf("configuration: %w", err)
	}
	svc, err := NewService(ctx, cfg)
	if err != nil {
		return Config{}, nil, fmt.Errorf("wiring: %w", err)
	}
	return cfg, svc, nil
}

// Logger is the functions' logger (lambdalog.New): JSON lines on standard
// output, which Lambda sends to CloudWatch Logs, at the level of
// AWS_LAMBDA_LOG_LEVEL (set by Lambda from the template's LoggingConfig;
// INFO when unset). It also becomes slog's default, for the packages that
// log through it.
func Logger(getenv func(string) string) *slog.Logger {
	log := lambdalog.New(os.Stdout, getenv("AWS_LAMBDA_LOG_LEVEL"))
	slog.SetDefault(log)
	return log
}
