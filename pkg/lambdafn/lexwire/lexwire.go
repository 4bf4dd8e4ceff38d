// Package lexwire wires the chatbot's code hook (functions/lex-fulfillment):
// the Service, the ID-token verifier and the bot. Apart from pkg/lambdafn
// so that only that function links the bot.
package lexwire

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
)

// Handler builds the chatbot's code hook from the environment read with
// getenv, once per container: the configuration, the rental Service on
// DynamoDB and the ID-token verifier of COGNITO_ISSUER and
// COGNITO_CLIENT_ID, wrapped to log one line per turn. No network I/O
// happens here; the pool's JWKS is fetched on the first token. The Lambda
// main and the local stack both build the bot here.
func Handler(ctx context.Context, getenv func(string) string, log *slog.Logger) (lexbot.Handler, error) {
	cfg, svc, err := lambdafn.Service(ctx, getenv)
	if err != nil {
		return nil, err
	}
	verifier, err := auth.New(ctx, auth.Config{Issuer: cfg.UserPoolIssuer, ClientID: cfg.UserPoolClientID})
	if err != nil {
		return nil, fmt.Errorf("configuration: COGNITO_ISSUER / COGNITO_CLIENT_ID: %w", err)
	}
	bot := lexbot.New(svc, verifier, lexbot.Options{Logger: log.With("function", cfg.FunctionName)})
	return lambdalog.Wrap(log, getenv("AWS_LAMBDA_FUNCTION_NAME"), lexbot.Outcome, bot.Handle), nil
}
