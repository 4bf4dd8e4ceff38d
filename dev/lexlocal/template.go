package lexlocal

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/awslabs/goformation/v7/cloudformation/lex"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/lexbot"
)

// The bot's definition comes from template.yaml only, through
// dev/samtemplate: the AWS::Lex::Bot resources (their locales, intents,
// sample utterances, slots, slot types, prompts, code hook switches and
// idle session TTL) and the AWS::Lex::BotAlias resources that point at
// them. The properties are decoded into goformation's types of the
// CloudFormation resource specification; references (the alias's BotId,
// the code hook's LambdaArn) are read from the unresolved template, where
// !GetAtt LexBot.Id still names the bot.

// The goformation types without their UnmarshalJSON, which expects a whole
// resource rather than its properties.
type (
	botProps   lex.Bot
	aliasProps lex.BotAlias
)

// LocalID is the id that the runtime gives a bot or an alias of the
// template: the letters and digits of name, upper-case, cut or padded with
// "0" to the ten characters of the runtime API's ids. LexBot is
// "LEXBOT0000", an alias named live "LIVE000000".
func LocalID(name string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(name) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	id := b.String() + strings.Repeat("0", 10)
	return id[:10]
}

// Load reads every AWS::Lex::Bot of tpl, with its aliases. It fails when a
// bot uses what the runtime cannot play (a built-in slot type other than
// those of builtinTypes, input or output contexts, ...), naming it, and
// when a sample utterance names a slot its intent lacks.
func Load(tpl *samtemplate.Template) ([]*Bot, error) {
	var bots []*Bot
	var errs []error
	for _, id := range tpl.LogicalIDs("AWS::Lex::Bot") {
		b, err := loadBot(tpl, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", id, err))
			continue
		}
		bots = append(bots, b)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("lexlocal: %w", err)
	}
	return bots, nil
}

func loadBot(tpl *samtemplate.Template, id string) (*Bot, error) {
	var p botProps
	if err := tpl.Properties(id, "AWS::Lex::Bot", &p); err != nil {
		return nil, err
	}
	ttl := p.IdleSessionTTLInSeconds
	if ttl <= 0 {
		ttl = 300 // Lex's default: 5 minutes
	}
	b := &Bot{LogicalID: id, ID: LocalID(id), Name: p.Name, IdleSessionTTL: time.Duration(ttl) * time.Second,
		Aliases: map[string]*Alias{}, locales: map[string]*locale{}}
	for _, lp := range p.BotLocales {
		l, err := loadLocale(lp)
		if err != nil {
			return nil, fmt.Errorf("locale %s: %w", lp.LocaleId, err)
		}
		b.locales[l.id] = l
	}
	doc := samtemplate.Get(tpl.Doc(), "Resources", id, "Properties")
	b.Aliases[TestAliasID] = &Alias{ID: TestAliasID, Name: "TestBotAlias", Version: "DRAFT",
		Locales: aliasLocales(samtemplate.Get(doc, "TestBotAliasSettings", "BotAliasLocaleSettings"))}
	for _, aid := range tpl.LogicalIDs("AWS::Lex::BotAlias") {
		adoc := samtemplate.Get(tpl.Doc(), "Resources", aid, "Properties")
		if getAtt(samtemplate.Get(adoc, "BotId")) != id {
			continue
		}
		var ap aliasProps
		if err := tpl.Properties(aid, "AWS::Lex::BotAlias", &ap); err != nil {
			return nil, err
		}
		a := &Alias{ID: LocalID(ap.BotAliasName), Name: ap.BotAliasName, Version: "1",
			Locales: aliasLocales(samtemplate.Get(adoc, "BotAliasLocaleSettings"))}
		if _, taken := b.Aliases[a.ID]; taken {
			return nil, fmt.Errorf("aliases %s and another have the same local id %s", aid, a.ID)
		}
		b.Aliases[a.ID] = a
	}
	return b, nil
}

// aliasLocales reads BotAliasLocaleSettings (unresolved): the enabled
// locales and their code hooks' functions.
func aliasLocales(v any) map[string]string {
	out := map[string]string{}
	items, _ := v.([]any)
	for _, item := range items {
		setting := samtemplate.Get(item, "BotAliasLocaleSetting")
		if enabled, _ := samtemplate.Get(setting, "Enabled").(bool); !enabled {
			continue
		}
		localeID, _ := samtemplate.Get(item, "LocaleId").(string)
		out[localeID] = getAtt(samtemplate.Get(setting, "CodeHookSpecification", "LambdaCodeHook", "LambdaArn"))
	}
	return out
}

// getAtt is the logical ID that {"Fn::GetAtt": ["Res", "Attr"]} (or
// "Res.Attr") names, "" for anything else.
func getAtt(v any) string {
	switch a := samtemplate.Get(v, "Fn::GetAtt").(type) {
	case []any:
		if len(a) == 2 {
			s, _ := a[0].(string)
			return s
		}
	case string:
		s, _, _ := strings.Cut(a, ".")
		return s
	}
	return ""
}

func loadLocale(lp lex.Bot_BotLocale) (*locale, error) {
	types := map[string]slotType{}
	for _, st := range lp.SlotTypes {
		if st.ParentSlotTypeSignature != nil || st.ExternalSourceSetting != nil {
			return nil, fmt.Errorf("slot type %s: extended built-in and grammar slot types are not played locally", st.Name)
		}
		c := customType{phrases: map[string]string{}}
		if st.ValueSelectionSetting != nil {
			c.topResolution = st.ValueSelectionSetting.ResolutionStrategy == "TOP_RESOLUTION"
		}
		for _, v := range st.SlotTypeValues {
			if v.SampleValue == nil {
				continue
			}
			for _, phrase := range append([]lex.Bot_SampleValue{*v.SampleValue}, v.Synonyms...) {
				c.phrases[strings.Join(words(forMatching(tokenize(phrase.Value))), " ")] = v.SampleValue.Value
			}
		}
		types[st.Name] = c
	}
	l := &locale{id: lp.LocaleId, byName: map[string]*intent{}}
	for _, ip := range lp.Intents {
		in, err := loadIntent(ip, types)
		if err != nil {
			return nil, err
		}
		l.intents = append(l.intents, in)
		l.byName[in.name] = in
		if in.fallback {
			l.fallback = in
		}
	}
	if l.fallback == nil { // every locale has Lex's own, even when the template names none
		l.fallback = &intent{name: lexbot.IntentFallback, byName: map[string]*slot{}, fallback: true}
		l.intents = append(l.intents, l.fallback)
		l.byName[l.fallback.name] = l.fallback
	}
	return l, nil
}

func loadIntent(ip lex.Bot_Intent, types map[string]slotType) (*intent, error) {
	if err := unplayable(ip); err != nil {
		return nil, err
	}
	in := &intent{name: ip.Name, byName: map[string]*slot{},
		dialogHook:      ip.DialogCodeHook != nil && ip.DialogCodeHook.Enabled,
		fulfillmentHook: ip.FulfillmentCodeHook != nil && ip.FulfillmentCodeHook.Enabled,
		fallback:        ip.ParentIntentSignature != nil}
	for _, sp := range ip.Slots {
		s, err := loadSlot(ip.Name, sp, types)
		if err != nil {
			return nil, err
		}
		in.slots = append(in.slots, s)
		in.byName[s.name] = s
	}
	byPriority(in.slots, ip.SlotPriorities)
	if err := compileUtterances(in, ip); err != nil {
		return nil, err
	}
	if cs := ip.IntentConfirmationSetting; cs != nil && active(cs.IsActive) {
		p := readPrompt(cs.PromptSpecification)
		in.confirmation = &p
		if cs.DeclinationResponse != nil {
			in.declination = readMessages(cs.DeclinationResponse.MessageGroupsList)
		}
	}
	if cl := ip.IntentClosingSetting; cl != nil && cl.ClosingResponse != nil && active(cl.IsActive) {
		in.closing = readMessages(cl.ClosingResponse.MessageGroupsList)
	}
	return in, nil
}

// unplayable says what of an intent the runtime cannot play: contexts,
// Kendra, built-in intents other than AMAZON.FallbackIntent.
func unplayable(ip lex.Bot_Intent) error {
	if len(ip.InputContexts) > 0 || len(ip.OutputContexts) > 0 || ip.KendraConfiguration != nil {
		return fmt.Errorf("intent %s: input and output contexts and Kendra are not played locally", ip.Name)
	}
	if p := ip.ParentIntentSignature; p != nil && *p != "AMAZON.FallbackIntent" {
		return fmt.Errorf("intent %s: built-in intent %s is not played locally", ip.Name, *p)
	}
	return nil
}

// active is an IsActive setting: absent means on.
func active(isActive *bool) bool { return isActive == nil || *isActive }

// loadSlot reads a slot of intent: its type (the locale's own, or a
// built-in one the runtime knows), whether it is required, its prompt.
func loadSlot(intent string, sp lex.Bot_Slot, types map[string]slotType) (*slot, error) {
	typ, ok := types[sp.SlotTypeName]
	if !ok {
		typ, ok = builtinTypes[sp.SlotTypeName]
	}
	if !ok {
		return nil, fmt.Errorf("intent %s, slot %s: slot type %s is not played locally (dev/lexlocal knows %s and the template's own)",
			intent, sp.Name, sp.SlotTypeName, strings.Join(samtemplate.SortedKeys(builtinTypes), ", "))
	}
	if mv := sp.MultipleValuesSetting; mv != nil && mv.AllowMultipleValues != nil && *mv.AllowMultipleValues {
		return nil, fmt.Errorf("intent %s, slot %s: slots of several values are not played locally", intent, sp.Name)
	}
	s := &slot{name: sp.Name, typeName: sp.SlotTypeName, typ: typ}
	if es := sp.ValueElicitationSetting; es != nil {
		if es.DefaultValueSpecification != nil {
			return nil, fmt.Errorf("intent %s, slot %s: default values are not played locally", intent, sp.Name)
		}
		s.required = es.SlotConstraint == "Required"
		s.prompt = readPrompt(es.PromptSpecification)
	}
	return s, nil
}

// byPriority orders slots by SlotPriorities; slots it does not list come
// last, in the template's order.
func byPriority(slots []*slot, priorities []lex.Bot_SlotPriority) {
	priority := map[string]int{}
	for _, sp := range priorities {
		priority[sp.SlotName] = sp.Priority
	}
	sort.SliceStable(slots, func(i, j int) bool {
		pi, iok := priority[slots[i].name]
		pj, jok := priority[slots[j].name]
		return iok && (!jok || pi < pj)
	})
}

// compileUtterances compiles the intent's sample utterances and each
// slot's own.
func compileUtterances(in *intent, ip lex.Bot_Intent) error {
	add := func(to *[]pattern, utterances []lex.Bot_SampleUtterance) error {
		for _, u := range utterances {
			p, err := compile(u.Utterance, in)
			if err != nil {
				return err
			}
			*to = append(*to, p)
		}
		return nil
	}
	if err := add(&in.utterances, ip.SampleUtterances); err != nil {
		return err
	}
	for _, sp := range ip.Slots {
		if es := sp.ValueElicitationSetting; es != nil {
			if err := add(&in.byName[sp.Name].utterances, es.SampleUtterances); err != nil {
				return err
			}
		}
	}
	return nil
}

func readPrompt(ps *lex.Bot_PromptSpecification) prompt {
	if ps == nil {
		return prompt{}
	}
	return prompt{messages: readMessages(ps.MessageGroupsList), maxRetries: ps.MaxRetries}
}

// readMessages takes one message of each message group, in order, as Lex
// sends them. Lex picks the group's message or one of its variations at
// random; the runtime always takes the message, so that answers can be
// tested.
func readMessages(groups []lex.Bot_MessageGroup) []lexbot.Message {
	var out []lexbot.Message
	for _, g := range groups {
		m := g.Message
		if m == nil {
			continue
		}
		switch {
		case m.PlainTextMessage != nil:
			out = append(out, lexbot.Message{ContentType: lexbot.PlainText, Content: m.PlainTextMessage.Value})
		case m.SSMLMessage != nil:
			out = append(out, lexbot.Message{ContentType: lexbot.SSML, Content: m.SSMLMessage.Value})
		case m.CustomPayload != nil:
			out = append(out, lexbot.Message{ContentType: lexbot.CustomPayload, Content: m.CustomPayload.Value})
		case m.ImageResponseCard != nil:
			c := m.ImageResponseCard
			card := lexbot.ResponseCard{Title: c.Title}
			if c.Subtitle != nil {
				card.Subtitle = *c.Subtitle
			}
			if c.ImageUrl != nil {
				card.ImageURL = *c.ImageUrl
			}
			for _, b := range c.Buttons {
				card.Buttons = append(card.Buttons, lexbot.Button{Text: b.Text, Value: b.Value})
			}
			out = append(out, lexbot.Message{ContentType: lexbot.ImageResponseCard, ImageResponseCard: &card})
		}
	}
	return out
}
