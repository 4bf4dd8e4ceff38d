package lexbot

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/awslabs/goformation/v7/cloudformation/lex"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/rental"
)

// strict decodes resource id of template.yaml into v, refusing properties
// that goformation's generated type (the CloudFormation resource
// specification) does not know: a misspelt property would otherwise only
// fail at deploy time.
func strict(t *testing.T, tpl *samtemplate.Template, id, typ string, v any) {
	t.Helper()
	var raw json.RawMessage
	if err := tpl.Properties(id, typ, &raw); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", id, err)
	}
}

// TestTemplateBot holds template.yaml's Lex resources to this package: the
// intents and slots the code reads, their slot types, the code hooks, the
// CarTypes values (rental.CarTypes) and synonyms (parseCarType), and the
// alias's code hook interface.
func TestTemplateBot(t *testing.T) {
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	// The conversions drop goformation's UnmarshalJSON, which expects a
	// whole resource (Type, Properties) rather than its properties.
	type bot lex.Bot
	type version lex.BotVersion
	type alias lex.BotAlias
	var b bot
	strict(t, tpl, "LexBot", "AWS::Lex::Bot", &b)
	strict(t, tpl, "LexBotVersion", "AWS::Lex::BotVersion", new(version))
	var a alias
	strict(t, tpl, "LexBotAlias", "AWS::Lex::BotAlias", &a)

	if len(b.BotLocales) != 1 || b.BotLocales[0].LocaleId != "en_US" {
		t.Fatalf("locales = %+v, want en_US only", b.BotLocales)
	}
	if b.DataPrivacy == nil || b.DataPrivacy.ChildDirected || b.IdleSessionTTLInSeconds <= 0 {
		t.Errorf("DataPrivacy %+v, IdleSessionTTLInSeconds %d", b.DataPrivacy, b.IdleSessionTTLInSeconds)
	}
	loc := b.BotLocales[0]

	intents := map[string]lex.Bot_Intent{}
	for _, in := range loc.Intents {
		intents[in.Name] = in
	}
	want := map[string]map[string]string{ // intent -> slot -> slot type
		IntentBookCar: {SlotPickupCity: "AMAZON.City", SlotPickupDate: "AMAZON.Date",
			SlotReturnDate: "AMAZON.Date", SlotCarType: "CarTypes"},
		IntentMyBookings:    {},
		IntentCancelBooking: {SlotBookingRef: "AMAZON.AlphaNumeric", SlotPickupDate: "AMAZON.Date"},
		IntentFallback:      {},
	}
	if got := slices.Sorted(maps.Keys(intents)); !slices.Equal(got, slices.Sorted(maps.Keys(want))) {
		t.Fatalf("intents = %v, want %v", got, slices.Sorted(maps.Keys(want)))
	}
	prompts := map[string]string{SlotPickupCity: askCity, SlotPickupDate: askPickup, SlotReturnDate: askReturn, SlotCarType: askType}
	for name, slots := range want {
		in := intents[name]
		got := map[string]string{}
		for _, s := range in.Slots {
			got[s.Name] = s.SlotTypeName
			if s.ValueElicitationSetting == nil || s.ValueElicitationSetting.PromptSpecification == nil {
				t.Errorf("%s.%s has no prompt", name, s.Name)
				continue
			}
			if want, ok := prompts[s.Name]; ok && name == IntentBookCar {
				groups := s.ValueElicitationSetting.PromptSpecification.MessageGroupsList
				if len(groups) == 0 || groups[0].Message.PlainTextMessage == nil || groups[0].Message.PlainTextMessage.Value != want {
					t.Errorf("%s.%s's prompt is not %q", name, s.Name, want)
				}
			}
		}
		if !maps.Equal(got, slots) {
			t.Errorf("%s slots = %v, want %v", name, got, slots)
		}
		if len(in.SlotPriorities) != len(slots) {
			t.Errorf("%s has %d slot priorities for %d slots", name, len(in.SlotPriorities), len(slots))
		}
		if in.FulfillmentCodeHook == nil || !in.FulfillmentCodeHook.Enabled {
			t.Errorf("%s: fulfillment code hook off", name)
		}
		dialog := name == IntentBookCar || name == IntentCancelBooking
		if dialog && (in.DialogCodeHook == nil || !in.DialogCodeHook.Enabled) {
			t.Errorf("%s: dialog code hook off", name)
		}
		if dialog && in.IntentConfirmationSetting == nil {
			t.Errorf("%s: no confirmation prompt", name)
		}
		if name != IntentFallback && len(in.SampleUtterances) < 5 {
			t.Errorf("%s has %d sample utterances", name, len(in.SampleUtterances))
		}
	}
	if p := intents[IntentFallback].ParentIntentSignature; p == nil || *p != "AMAZON.FallbackIntent" {
		t.Errorf("FallbackIntent's parent = %v", p)
	}

	// CarTypes: exactly rental.CarTypes, top resolution, and every synonym
	// reads as its value here too (and every word the code knows is one of
	// the bot's synonyms, so that Lex recognises it in the first place).
	if len(loc.SlotTypes) != 1 || loc.SlotTypes[0].Name != "CarTypes" {
		t.Fatalf("slot types = %+v", loc.SlotTypes)
	}
	st := loc.SlotTypes[0]
	if st.ValueSelectionSetting == nil || st.ValueSelectionSetting.ResolutionStrategy != "TOP_RESOLUTION" {
		t.Errorf("CarTypes resolution = %+v, want TOP_RESOLUTION", st.ValueSelectionSetting)
	}
	var values []rental.CarType
	words := map[string]bool{}
	for _, v := range st.SlotTypeValues {
		typ := rental.CarType(v.SampleValue.Value)
		values = append(values, typ)
		words[v.SampleValue.Value] = true
		for _, syn := range v.Synonyms {
			words[syn.Value] = true
			if got, ok := parseCarType(syn.Value); !ok || got != typ {
				t.Errorf("synonym %q of %s reads as %q", syn.Value, typ, got)
			}
		}
	}
	if !slices.Equal(values, rental.CarTypes) {
		t.Errorf("CarTypes values = %v, want %v", values, rental.CarTypes)
	}
	for w := range carTypeWords {
		if !words[w] {
			t.Errorf("carTypeWords has %q, the bot's CarTypes does not", w)
		}
	}

	// The alias calls the function with the interface version the types
	// here follow.
	if len(a.BotAliasLocaleSettings) != 1 {
		t.Fatalf("alias locales = %+v", a.BotAliasLocaleSettings)
	}
	s := a.BotAliasLocaleSettings[0]
	if s.LocaleId != "en_US" || s.BotAliasLocaleSetting == nil || !s.BotAliasLocaleSetting.Enabled ||
		s.BotAliasLocaleSetting.CodeHookSpecification == nil ||
		s.BotAliasLocaleSetting.CodeHookSpecification.LambdaCodeHook.CodeHookInterfaceVersion != "1.0" {
		t.Errorf("alias locale settings = %+v", s)
	}

	// The function and its invoke permission.
	var perm struct {
		Action, Principal string
	}
	for _, id := range []string{"LexFulfillmentPermission", "LexTestAliasPermission"} {
		if err := tpl.Properties(id, "AWS::Lambda::Permission", &perm); err != nil {
			t.Fatal(err)
		}
		if perm.Action != "lambda:InvokeFunction" || perm.Principal != "lexv2.amazonaws.com" {
			t.Errorf("%s = %+v", id, perm)
		}
	}
	var fn struct {
		CodeUri     string
		Environment struct{ Variables map[string]any }
	}
	if err := tpl.Properties("LexFulfillmentFunction", "AWS::Serverless::Function", &fn); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"COGNITO_ISSUER", "COGNITO_CLIENT_ID"} {
		if _, ok := fn.Environment.Variables[v]; !ok {
			t.Errorf("LexFulfillmentFunction does not set %s", v)
		}
	}
}
