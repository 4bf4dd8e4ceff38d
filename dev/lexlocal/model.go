package lexlocal

import (
	"time"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lexbot"
)

// TestAliasID is the alias id of a bot's draft version (the console's test
// alias), which every bot has: the runtime API's botAliasId pattern names
// it, ^(\bTSTALIASID\b|[0-9a-zA-Z]+)$.
const TestAliasID = "TSTALIASID"

// Bot is one AWS::Lex::Bot of the template, as the runtime plays it.
type Bot struct {
	// LogicalID is the resource's logical ID in the template ("LexBot").
	LogicalID string
	// ID is the bot's id here (see LocalID); in the cloud Lex makes one up.
	ID string
	// Name is the bot's Name property, resolved ("car-rental-dev").
	Name string
	// IdleSessionTTL is IdleSessionTTLInSeconds: a session left alone that
	// long is gone.
	IdleSessionTTL time.Duration
	// Aliases by id: the template's AWS::Lex::BotAlias resources on this
	// bot, and TestAliasID (TestBotAliasSettings).
	Aliases map[string]*Alias

	locales map[string]*locale
}

// Alias is a bot alias: a version of the bot and, per locale, whether it
// is enabled and which function is its code hook.
type Alias struct {
	ID      string // LocalID(BotAliasName), or TestAliasID
	Name    string // BotAliasName; "TestBotAlias" for the draft
	Version string // "DRAFT" for TestAliasID, else "1"
	// Locales are the enabled locales, each with the logical ID of its
	// code hook's function ("" when the alias calls none).
	Locales map[string]string
}

// locale is one BotLocale: its intents in the template's order, the
// fallback intent among them.
type locale struct {
	id       string
	intents  []*intent
	byName   map[string]*intent
	fallback *intent
}

// intent is one intent of a locale.
type intent struct {
	name            string
	utterances      []pattern
	slots           []*slot // by SlotPriorities, then in the template's order
	byName          map[string]*slot
	dialogHook      bool
	fulfillmentHook bool
	// confirmation is IntentConfirmationSetting's prompt, nil without one;
	// declination its DeclinationResponse.
	confirmation *prompt
	declination  []lexbot.Message
	// closing is IntentClosingSetting's ClosingResponse: said when the
	// intent is fulfilled and nothing else was said.
	closing  []lexbot.Message
	fallback bool // ParentIntentSignature AMAZON.FallbackIntent
}

// slot is one slot of an intent.
type slot struct {
	name     string
	typeName string
	typ      slotType
	required bool
	prompt   prompt
	// utterances are the slot's own sample utterances
	// (ValueElicitationSetting.SampleUtterances), tried on the reply to
	// its prompt.
	utterances []pattern
}

// prompt is a PromptSpecification: a message from each message group, and
// how many times it is repeated when the answer is not understood.
type prompt struct {
	messages   []lexbot.Message
	maxRetries int
}

// intentNamed returns the locale's intent name, or nil.
func (l *locale) intentNamed(name string) *intent { return l.byName[name] }

// nextSlot is the intent's first empty required slot by priority, or nil.
func (in *intent) nextSlot(filled map[string]*lexbot.Slot) *slot {
	for _, s := range in.slots {
		if s.required && filled[s.name] == nil {
			return s
		}
	}
	return nil
}

// emptySlots is a slot map with every slot of the intent present and
// unfilled, as Lex sends an intent whose slots are not given yet.
func (in *intent) emptySlots() map[string]*lexbot.Slot {
	m := make(map[string]*lexbot.Slot, len(in.slots))
	for _, s := range in.slots {
		m[s.name] = nil
	}
	return m
}

// Live is the alias that clients talk to: the template's own alias (the
// first by id when there are several), else the draft's test alias; and its
// first locale by id.
func (b *Bot) Live() (alias *Alias, localeID string) {
	for _, id := range samtemplate.SortedKeys(b.Aliases) {
		if id != TestAliasID && alias == nil {
			alias = b.Aliases[id]
		}
	}
	if alias == nil {
		alias = b.Aliases[TestAliasID]
	}
	if ids := samtemplate.SortedKeys(alias.Locales); len(ids) > 0 {
		localeID = ids[0]
	}
	return alias, localeID
}
