package lambdafn_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/aws/aws-lambda-go/events"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestRESTHandlerConfig: a bad environment fails the start naming every
// bad variable; a good one gives a handler with the configured CORS
// origins. Nothing here reaches AWS: the route answers before any read.
func TestRESTHandlerConfig(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	_, err := lambdafn.RESTHandler(context.Background(), env(map[string]string{"CURSOR_SECRET": "short"}), log, "list-cars")
	if err == nil || !strings.Contains(err.Error(), "TABLE_NAME") || !strings.Contains(err.Error(), "CURSOR_SECRET") {
		t.Errorf("error = %v, want one naming TABLE_NAME and CURSOR_SECRET", err)
	}

	h, err := lambdafn.RESTHandler(context.Background(), env(map[string]string{
		"TABLE_NAME": "cars", "CURSOR_SECRET": strings.Repeat("s", 32), "AWS_REGION": "eu-central-1",
		"ALLOWED_ORIGINS": "https://cars.example.com", "DYNAMODB_ENDPOINT": "http://127.0.0.1:1",
	}), log, "list-cars")
	if err != nil {
		t.Fatal(err)
	}
	// No locationId: a 400 before any DynamoDB call.
	resp, err := h(context.Background(), events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/cars", Resource: "/cars",
		Headers: map[string]string{"Origin": "https://cars.example.com"}})
	if err != nil || resp.StatusCode != http.StatusBadRequest || resp.Headers["Access-Control-Allow-Origin"] != "https://cars.example.com" {
		t.Errorf("response %d %v, %v", resp.StatusCode, resp.Headers, err)
	}
}

func TestLoggerLevel(t *testing.T) {
	prev := slog.Default()
	t.Cleanup(func() { slog.SetDefault(prev) }) // Logger sets the default
	for level, debug := range map[string]bool{"": false, "INFO": false, "DEBUG": true, "trace": true, "ERROR": false} {
		log := lambdafn.Logger(env(map[string]string{"AWS_LAMBDA_LOG_LEVEL": level}))
		if got := log.Enabled(context.Background(), slog.LevelDebug); got != debug {
			t.Errorf("AWS_LAMBDA_LOG_LEVEL=%q: debug enabled %v, want %v", level, got, debug)
		}
	}
	log := lambdafn.Logger(env(map[string]string{"AWS_LAMBDA_LOG_LEVEL": "WARN"}))
	if log.Enabled(context.Background(), slog.LevelInfo) || !log.Enabled(context.Background(), slog.LevelWarn) {
		t.Error("WARN: info enabled or warn disabled")
	}
}
