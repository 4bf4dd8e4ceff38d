package localstack

import (
	"context"
	"errors"
	"log/slog"

	"github.com/carrental/backend/dev/lexlocal"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/lexbot"
)

// LexState is the chatbot as the running stack serves it: the bot, alias
// and locale ids that RecognizeText takes on the stack's origin.
type LexState struct {
	BotID      string `json:"botId"`
	BotAliasID string `json:"botAliasId"`
	LocaleID   string `json:"localeId"`
}

// lexRuntime builds the local Lex V2 runtime (dev/lexlocal) for the bots
// of the template, with the lex-fulfillment function as their code hook,
// built as its Lambda main builds it; and says which bot, alias (the live
// one) and locale clients talk to.
func lexRuntime(ctx context.Context, tpl *samtemplate.Template, env FunctionEnv, log *slog.Logger) (*lexlocal.Runtime, LexState, error) {
	bots, err := lexlocal.Load(tpl)
	if err != nil {
		return nil, LexState{}, err
	}
	if len(bots) == 0 {
		return nil, LexState{}, errors.New("template.yaml defines no AWS::Lex::Bot")
	}
	hook, err := LexHandler(ctx, env, log)
	if err != nil {
		return nil, LexState{}, err
	}
	rt, err := lexlocal.New(lexlocal.Options{Bots: bots, Log: log,
		CodeHooks: map[string]lexbot.Handler{lambdafn.LogicalID(LexFunction): hook}})
	if err != nil {
		return nil, LexState{}, err
	}
	alias, localeID := bots[0].Live()
	return rt, LexState{BotID: bots[0].ID, BotAliasID: alias.ID, LocaleID: localeID}, nil
}
