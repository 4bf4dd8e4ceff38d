package templatecheck

import (
	"strings"
	"testing"
)

// notifyGrant is statement i of the notify function's inline policy:
// 0 SES, 1 dead letters, 2 schedules, 3 PassRole.
func notifyGrant(doc map[string]any, i int) map[string]any {
	return get(props(doc, "NotifyFunction"), "Policies").([]any)[1].(map[string]any)["Statement"].([]any)[i].(map[string]any)
}

func schedulerTrust(doc map[string]any) map[string]any {
	return get(props(doc, "ReminderSchedulerRole"), "AssumeRolePolicyDocument", "Statement").([]any)[0].(map[string]any)
}

// TestNotifyRulesBite: the booking emails' rules (the stream's mapping,
// its dead letters, SES and Scheduler grants), each broken once in a copy
// of template.yaml, fail naming the rule and the resource.
func TestNotifyRulesBite(t *testing.T) {
	tpl := load(t)
	mapping := func(doc map[string]any) map[string]any { return props(doc, "NotifyEventSourceMapping") }
	tests := []biteCase{
		{"no partial batch responses", func(doc map[string]any) { delete(mapping(doc), "FunctionResponseTypes") },
			[]string{"stream: NotifyEventSourceMapping: FunctionResponseTypes lacks ReportBatchItemFailures"}},
		{"no bisect", func(doc map[string]any) { mapping(doc)["BisectBatchOnFunctionError"] = false },
			[]string{"stream: NotifyEventSourceMapping: BisectBatchOnFunctionError is not true"}},
		{"retries until the record expires", func(doc map[string]any) { mapping(doc)["MaximumRetryAttempts"] = -1 },
			[]string{"stream: NotifyEventSourceMapping: MaximumRetryAttempts is -1"}},
		{"retries unset", func(doc map[string]any) { delete(mapping(doc), "MaximumRetryAttempts") },
			[]string{"stream: NotifyEventSourceMapping: MaximumRetryAttempts is <nil>"}},
		{"records of any age", func(doc map[string]any) { delete(mapping(doc), "MaximumRecordAgeInSeconds") },
			[]string{"stream: NotifyEventSourceMapping: MaximumRecordAgeInSeconds is <nil>"}},
		{"no on-failure destination", func(doc map[string]any) { delete(mapping(doc), "DestinationConfig") },
			[]string{"stream: NotifyEventSourceMapping: no on-failure destination on an AWS::SQS::Queue of the template"}},
		{"dead letters to a topic", func(doc map[string]any) {
			mapping(doc)["DestinationConfig"] = map[string]any{"OnFailure": map[string]any{
				"Destination": map[string]any{"Fn::GetAtt": []any{"AlarmTopic", "TopicArn"}}}}
		}, []string{"stream: NotifyEventSourceMapping: no on-failure destination"}},
		{"dead letters unencrypted", func(doc map[string]any) { delete(props(doc, "NotifyDeadLetterQueue"), "SqsManagedSseEnabled") },
			[]string{"stream: NotifyDeadLetterQueue: not encrypted"}},
		{"dead letters unwatched", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "NotifyDeadLettersAlarm")
		}, []string{"stream: NotifyDeadLetterQueue: no alarm on its AWS/SQS ApproximateNumberOfMessagesVisible"}},
		{"stream without old images", func(doc map[string]any) {
			props(doc, "Table")["StreamSpecification"] = map[string]any{"StreamViewType": "NEW_IMAGE"}
		}, []string{"stream: Table: StreamViewType is NEW_IMAGE"}},
		{"SAM's DynamoDB event", func(doc map[string]any) {
			props(doc, "NotifyFunction")["Events"] = map[string]any{"Bookings": map[string]any{"Type": "DynamoDB",
				"Properties": map[string]any{"Stream": map[string]any{"Fn::GetAtt": []any{"Table", "StreamArn"}}, "StartingPosition": "LATEST"}}}
		}, []string{"stream: NotifyFunction: event Bookings is SAM's DynamoDB event"}},
		{"the notify function's errors unwatched", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "NotifyFunctionErrorsAlarm")
		}, []string{"alarm: NotifyFunction: no alarm on its AWS/Lambda Errors"}},
		{"SES as any identity", func(doc map[string]any) { notifyGrant(doc, 0)["Resource"] = "*" },
			[]string{"mail: NotifyFunction: inline grants ses:SendEmail on *", "least privilege: NotifyFunction: inline grants on the wildcard resource *"}},
		{"SES as another identity", func(doc map[string]any) {
			notifyGrant(doc, 0)["Resource"] = "arn:aws:ses:eu-west-1:123456789012:identity/example.org"
		}, []string{"mail: NotifyFunction: inline grants ses:SendEmail on arn:aws:ses:eu-west-1:123456789012:identity/example.org"}},
		{"schedules of every group", func(doc map[string]any) {
			notifyGrant(doc, 2)["Resource"] = map[string]any{"Fn::Sub": "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/*/*"}
		}, []string{"mail: NotifyFunction: inline grants scheduler:CreateSchedule on arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/*/*",
			"least privilege: NotifyFunction: inline grants on the wildcard resource"}},
		{"PassRole on any role", func(doc map[string]any) { notifyGrant(doc, 3)["Resource"] = "*" },
			[]string{"mail: NotifyFunction: inline grants iam:PassRole on *", "least privilege: NotifyFunction: inline grants on the wildcard resource *"}},
		{"PassRole on a role Scheduler does not assume", func(doc map[string]any) {
			notifyGrant(doc, 3)["Resource"] = map[string]any{"Fn::GetAtt": []any{"LexBotRole", "Arn"}}
		}, []string{"mail: NotifyFunction: inline grants iam:PassRole on LexBotRole.Arn"}},
		{"scheduler role for any account", func(doc map[string]any) {
			delete(get(schedulerTrust(doc), "Condition").(map[string]any), "StringEquals")
		}, []string{"mail: ReminderSchedulerRole: trust has no aws:SourceAccount condition"}},
		{"scheduler role trusts Lambda too", func(doc map[string]any) {
			schedulerTrust(doc)["Principal"] = map[string]any{"Service": []any{"scheduler.amazonaws.com", "lambda.amazonaws.com"}}
		}, []string{"mail: ReminderSchedulerRole: trusts"}},
		{"scheduler role invokes any function", func(doc map[string]any) {
			st := get(props(doc, "ReminderSchedulerRole"), "Policies").([]any)[0].(map[string]any)
			get(st, "PolicyDocument", "Statement").([]any)[0].(map[string]any)["Resource"] = "*"
		}, []string{"mail: ReminderSchedulerRole: grants lambda:InvokeFunction on *"}},
	}
	bite(t, tpl, tests)
	onlyTheirRules(t, tpl, tests)
}

// onlyTheirRules: each case breaks the rules it wants and no other,
// every line of the error naming the rule and resource of one of them.
func onlyTheirRules(t *testing.T, tpl *Template, tests []biteCase) {
	t.Helper()
	for _, tt := range tests {
		err := mutated(t, tpl, tt.change).Check()
		if err == nil {
			continue // bite says so
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			named := false
			for _, w := range tt.want {
				parts := strings.SplitN(w, ": ", 3)
				named = named || len(parts) > 1 && strings.HasPrefix(line, parts[0]+": "+parts[1])
			}
			if !named {
				t.Errorf("%s: another rule fails too: %s", tt.name, line)
			}
		}
	}
}
