package lexwire

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	env := map[string]string{
		"TABLE_NAME":        "cars",
		"CURSOR_SECRET":     strings.Repeat("s", 32),
		"AWS_REGION":        "eu-central-1",
		"COGNITO_ISSUER":    "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc",
		"COGNITO_CLIENT_ID": "client",
		"DYNAMODB_ENDPOINT": "http://127.0.0.1:1", // nothing is called; no AWS credentials needed
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if h, err := Handler(context.Background(), func(k string) string { return env[k] }, log); err != nil || h == nil {
		t.Fatalf("Handler = %v, %v", h, err)
	}

	// Without the pool the bot could never identify anyone: refuse to start.
	delete(env, "COGNITO_ISSUER")
	if _, err := Handler(context.Background(), func(k string) string { return env[k] }, log); err == nil ||
		!strings.Contains(err.Error(), "COGNITO_ISSUER") {
		t.Fatalf("Handler without COGNITO_ISSUER: %v", err)
	}
}
