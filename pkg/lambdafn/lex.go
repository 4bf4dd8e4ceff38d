package lambdafn

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
)

// LexHandler builds the chatbot's code hook from the environment read with
// getenv, once per container: the configuration, the rental Service on
// DynamoDB and the ID-token verifier of COGNITO_ISSUER and
// COGNITO_CLIENT_ID, wrapped to log one line per turn. No network I/O
// happens here; the pool's JWKS is fetched on the first token. The Lambda
// main and the local stack both build the bot here.
func LexHandler(ctx context.Context, getenv func(string) string, log *slog.Logger) (lexbot.Handler, error) {
	cfg, svc, err := Service(ctx, getenv)
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
