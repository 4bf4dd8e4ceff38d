// Command lex-fulfillment is the Lambda function of the Lex V2 bot's code
// hook, dialog and fulfillment alike (Lex V2 calls one function per bot alias
// and locale). Its handler is lexbot.Bot.Handle; the bot verifies the user's
// Cognito ID token (session attribute idToken) against COGNITO_ISSUER and
// COGNITO_CLIENT_ID before it reads or books anything.
package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/carrental/backend/internal/lambdafn"
	"github.com/carrental/backend/pkg/app"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/config"
	"github.com/carrental/backend/pkg/lambdalog"
	"github.com/carrental/backend/pkg/lexbot"
)

func main() {
	lambdafn.Run(func(ctx context.Context, getenv func(string) string, log *slog.Logger) (lexbot.Handler, error) {
		bot, err := newBot(ctx, getenv, log)
		if err != nil {
			return nil, err
		}
		// One log line per turn, as the REST functions log per request.
		return lambdalog.Wrap(log, getenv("AWS_LAMBDA_FUNCTION_NAME"), lexbot.Outcome, bot.Handle), nil
	})
}

// newBot wires the bot from the environment once per container: the
// configuration, the rental Service on DynamoDB and the token verifier. No
// network I/O happens here; the pool's JWKS is fetched on the first token.
func newBot(ctx context.Context, getenv func(string) string, log *slog.Logger) (*lexbot.Bot, error) {
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	svc, err := app.Service(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	verifier, err := auth.New(ctx, auth.Config{Issuer: cfg.UserPoolIssuer, ClientID: cfg.UserPoolClientID})
	if err != nil {
		return nil, fmt.Errorf("configuration: COGNITO_ISSUER / COGNITO_CLIENT_ID: %w", err)
	}
	return lexbot.New(svc, verifier, lexbot.Options{Logger: log.With("function", cfg.FunctionName)}), nil
}
