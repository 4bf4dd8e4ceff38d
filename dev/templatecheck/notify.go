package templatecheck

import (
	"slices"
	"strings"
)

// The rules of the booking emails (template.yaml, "Booking emails").
const (
	ruleStream        = "stream"
	ruleMail          = "mail"
	mappingType       = "AWS::Lambda::EventSourceMapping"
	queueType         = "AWS::SQS::Queue"
	scheduleGroupType = "AWS::Scheduler::ScheduleGroup"

	// maxRetries bounds a mapping's MaximumRetryAttempts: -1 (the
	// default) retries until the record leaves the stream, blocking its
	// shard for a day.
	maxRetries = 10
	// maxRecordAge is DynamoDB Streams' retention: an older record is gone.
	maxRecordAge = 86400

	// sesIdentityARN is the one identity a function may send as: the
	// SesIdentity parameter's.
	sesIdentityARN = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${SesIdentity}"
	scheduler      = "scheduler.amazonaws.com"
)

// checkMappings: every event source mapping on a table's stream takes
// partial batch responses (ReportBatchItemFailures), bisects a failing
// batch, retries a bounded number of times (0 to 10) within a bounded age
// (60 s to the stream's 24 h), and sends what it gives up on to an SQS
// queue of the template, encrypted and watched by an alarm on its visible
// messages; the table's stream carries new and old images. A SAM
// DynamoDB event is refused: SAM gives its function the managed policy
// AWSLambdaDynamoDBExecutionRole, whose stream actions are on every
// resource. "Lambda parameters for Amazon DynamoDB event source mappings":
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
func (t *Template) checkMappings() []error {
	var errs []error
	fns := t.resources(functionType)
	for _, id := range sortedIDs(fns) {
		events, _ := get(fns[id], "Properties", "Events").(map[string]any)
		for _, name := range sortedIDs(events) {
			if get(events[name], "Type") == "DynamoDB" {
				errs = append(errs, breach(ruleStream, id, "event %s is SAM's DynamoDB event, whose role may read every stream: "+
					"use an AWS::Lambda::EventSourceMapping and a policy on the table's StreamArn", name))
			}
		}
	}
	maps := t.resources(mappingType)
	for _, id := range sortedIDs(maps) {
		table, ok := getAtt(get(maps[id], "Properties", "EventSourceArn"), "StreamArn")
		if !ok {
			continue
		}
		errs = append(errs, t.checkMapping(id, get(maps[id], "Properties"))...)
		if v := get(t.resources(tableType)[table], "Properties", "StreamSpecification", "StreamViewType"); v != "NEW_AND_OLD_IMAGES" {
			errs = append(errs, breach(ruleStream, table, "StreamViewType is %v, want NEW_AND_OLD_IMAGES (%s reads the old and new booking)", v, id))
		}
	}
	return errs
}

// checkMapping holds one stream mapping's properties p to the rules.
func (t *Template) checkMapping(id string, p any) []error {
	var errs []error
	if !slices.Contains(strs(get(p, "FunctionResponseTypes")), "ReportBatchItemFailures") {
		errs = append(errs, breach(ruleStream, id, "FunctionResponseTypes lacks ReportBatchItemFailures: one failed record retries the whole batch"))
	}
	if get(p, "BisectBatchOnFunctionError") != true {
		errs = append(errs, breach(ruleStream, id, "BisectBatchOnFunctionError is not true: a crash on one record fails its whole batch to the end"))
	}
	if v := get(p, "MaximumRetryAttempts"); v == nil || number(v) < 0 || number(v) > maxRetries {
		errs = append(errs, breach(ruleStream, id, "MaximumRetryAttempts is %v, want 0 to %d (unset or -1 retries until the record expires)",
			get(p, "MaximumRetryAttempts"), maxRetries))
	}
	if v := get(p, "MaximumRecordAgeInSeconds"); v == nil || number(v) < 60 || number(v) > maxRecordAge {
		errs = append(errs, breach(ruleStream, id, "MaximumRecordAgeInSeconds is %v, want 60 to %d", get(p, "MaximumRecordAgeInSeconds"), maxRecordAge))
	}
	queue, ok := getAtt(get(p, "DestinationConfig", "OnFailure", "Destination"), "Arn")
	if _, isQueue := t.resources(queueType)[queue]; !ok || !isQueue {
		return append(errs, breach(ruleStream, id, "no on-failure destination on an AWS::SQS::Queue of the template: "+
			"what it gives up on would be lost"))
	}
	return append(errs, t.checkDeadLetters(queue)...)
}

// checkDeadLetters: a dead-letter queue is encrypted and an alarm
// watches its visible messages (AWS/SQS ApproximateNumberOfMessagesVisible).
func (t *Template) checkDeadLetters(queue string) []error {
	var errs []error
	q := t.resources(queueType)[queue]
	if get(q, "Properties", "SqsManagedSseEnabled") != true && get(q, "Properties", "KmsMasterKeyId") == nil {
		errs = append(errs, breach(ruleStream, queue, "not encrypted (SqsManagedSseEnabled or KmsMasterKeyId): dead letters hold customers' bookings"))
	}
	for _, a := range t.resources(alarmType) {
		for _, m := range alarmMetrics(a) {
			if m.namespace == "AWS/SQS" && m.name == "ApproximateNumberOfMessagesVisible" && names(m.dimensions["QueueName"], queue) {
				return errs
			}
		}
	}
	return append(errs, breach(ruleStream, queue, "no alarm on its AWS/SQS ApproximateNumberOfMessagesVisible: a dead letter would wait unseen"))
}

// checkMailGrants: a function sends email as the SesIdentity parameter's
// identity only, manages schedules of a schedule group of the template
// only, and passes only a role of the template that EventBridge Scheduler
// alone assumes, for this account (checkSchedulerRole).
func (t *Template) checkMailGrants() []error {
	var errs []error
	fns := t.resources(functionType)
	for _, id := range sortedIDs(fns) {
		sts, _ := t.statements(id, fns[id])
		for _, st := range sts {
			errs = append(errs, t.checkMailStatement(id, st)...)
		}
	}
	roles := t.resources(roleType)
	for _, id := range sortedIDs(roles) {
		if trusts(roles[id], scheduler) {
			errs = append(errs, t.checkSchedulerRole(id, roles[id])...)
		}
	}
	return errs
}

func (t *Template) checkMailStatement(fn string, st statement) []error {
	var errs []error
	for _, a := range st.actions {
		la := strings.ToLower(a)
		for _, r := range st.resources {
			switch {
			case strings.HasPrefix(la, "ses:") && r != sesIdentityARN:
				errs = append(errs, breach(ruleMail, fn, "%s grants %s on %s: send as the SesIdentity parameter's identity only (%s)",
					st.policy, a, r, sesIdentityARN))
			case strings.HasPrefix(la, "scheduler:") && !t.inScheduleGroup(r):
				errs = append(errs, breach(ruleMail, fn, "%s grants %s on %s: only on the schedules of a schedule group of the template", st.policy, a, r))
			case la == "iam:passrole" && !t.schedulerRole(r):
				errs = append(errs, breach(ruleMail, fn, "%s grants %s on %s: pass only a role of the template that EventBridge Scheduler assumes", st.policy, a, r))
			}
		}
	}
	return errs
}

// inScheduleGroup reports whether resource r (described) is the schedules
// of a group of the template: schedule/${Group}/*.
func (t *Template) inScheduleGroup(r string) bool {
	const prefix = "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${"
	group, ok := strings.CutPrefix(r, prefix)
	if !ok {
		return false
	}
	group, ok = strings.CutSuffix(group, "}/*")
	_, isGroup := t.resources(scheduleGroupType)[group]
	return ok && isGroup
}

// schedulerRole reports whether r (described) is Role.Arn of a role of
// the template trusted by EventBridge Scheduler.
func (t *Template) schedulerRole(r string) bool {
	id, ok := strings.CutSuffix(r, ".Arn")
	role, isRole := t.resources(roleType)[id]
	return ok && isRole && trusts(role, scheduler)
}

// checkSchedulerRole: the role that runs the schedules may be assumed by
// EventBridge Scheduler only, for this account only (aws:SourceAccount:
// the confused deputy), and may invoke functions of the template and send
// to queues of the template, nothing else.
func (t *Template) checkSchedulerRole(id string, role map[string]any) []error {
	var errs []error
	for _, s := range list(get(role, "Properties", "AssumeRolePolicyDocument", "Statement")) {
		services := strs(get(s, "Principal", "Service"))
		if !slices.Equal(services, []string{scheduler}) || get(s, "Principal", "AWS") != nil {
			errs = append(errs, breach(ruleMail, id, "trusts %v besides %s", get(s, "Principal"), scheduler))
		}
		if get(s, "Condition", "StringEquals", "aws:SourceAccount") == nil {
			errs = append(errs, breach(ruleMail, id, "trust has no aws:SourceAccount condition: another account's schedules could use it"))
		}
	}
	for _, p := range list(get(role, "Properties", "Policies")) {
		sts, err := parseStatements(id, get(p, "PolicyDocument", "Statement"))
		if err != nil {
			errs = append(errs, breach(ruleMail, id, "%v", err))
		}
		for _, st := range sts {
			errs = append(errs, t.checkRunnerGrant(id, st)...)
		}
	}
	return errs
}

// checkRunnerGrant: lambda:InvokeFunction on a function of the template
// (its ARN by FunctionName), sqs:SendMessage on a queue of the template.
func (t *Template) checkRunnerGrant(role string, st statement) []error {
	var errs []error
	for _, a := range st.actions {
		for _, r := range st.resources {
			ok := false
			switch strings.ToLower(a) {
			case "lambda:invokefunction":
				ok = t.functionARN(r)
			case "sqs:sendmessage":
				q, isAtt := strings.CutSuffix(r, ".Arn")
				_, isQueue := t.resources(queueType)[q]
				ok = isAtt && isQueue
			}
			if !ok {
				errs = append(errs, breach(ruleMail, role, "grants %s on %s: only lambda:InvokeFunction on a function of the template "+
					"and sqs:SendMessage on a queue of the template", a, r))
			}
		}
	}
	return errs
}

// functionARN reports whether r (described) is a function of the
// template: Function.Arn, or its ARN by its FunctionName.
func (t *Template) functionARN(r string) bool {
	fns := t.resources(functionType)
	if id, ok := strings.CutSuffix(r, ".Arn"); ok {
		_, isFn := fns[id]
		return isFn
	}
	const prefix = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
	name, ok := strings.CutPrefix(r, prefix)
	for _, fn := range fns {
		if ok && text(get(fn, "Properties", "FunctionName")) == name {
			return true
		}
	}
	return false
}

// trusts reports whether role's trust policy names service.
func trusts(role any, service string) bool { return slices.Contains(services(role), service) }

// getAtt is the resource of v when v is {"Fn::GetAtt": [resource, att]}.
func getAtt(v any, att string) (string, bool) {
	a := strs(get(v, "Fn::GetAtt"))
	if len(a) != 2 || a[1] != att {
		return "", false
	}
	return a[0], true
}

// names reports whether v is a Ref to id or a GetAtt of one of its
// attributes.
func names(v any, id string) bool {
	a := strs(get(v, "Fn::GetAtt"))
	return refersTo(v, id) || len(a) == 2 && a[0] == id
}
