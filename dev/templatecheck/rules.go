package templatecheck

import (
	"errors"
	"fmt"
	"slices"
)

// Rule types, for the tests: each check's errors start with its name.
const (
	ruleTracing   = "tracing"
	ruleArch      = "architecture"
	ruleLogGroup  = "log group"
	rulePolicy    = "least privilege"
	ruleAlarm     = "alarm"
	ruleTable     = "table"
	functionType  = "AWS::Serverless::Function"
	logGroupType  = "AWS::Logs::LogGroup"
	tableType     = "AWS::DynamoDB::Table"
	alarmType     = "AWS::CloudWatch::Alarm"
	managedPolicy = "AWS::IAM::ManagedPolicy"
)

// Check applies the project's rules (see the package comment) and returns
// every breach, each naming the rule and the resource; nil when all hold.
func (t *Template) Check() error {
	var errs []error
	fns := t.resources(functionType)
	if len(fns) == 0 {
		errs = append(errs, errors.New("no AWS::Serverless::Function in the template"))
	}
	for _, id := range sortedIDs(fns) {
		errs = append(errs, t.checkFunction(id, fns[id])...)
	}
	errs = append(errs, t.checkPolicies()...)
	errs = append(errs, t.checkPartitions()...)
	errs = append(errs, t.checkAlarms()...)
	errs = append(errs, t.checkTables()...)
	errs = append(errs, t.checkBuckets()...)
	errs = append(errs, t.checkBucketPolicies()...)
	errs = append(errs, t.checkDistributions()...)
	errs = append(errs, t.checkHeaders()...)
	errs = append(errs, t.checkCompression()...)
	errs = append(errs, t.checkCaching()...)
	errs = append(errs, t.checkIdentityPools()...)
	errs = append(errs, t.checkFirewall()...)
	errs = append(errs, t.checkThrottling()...)
	errs = append(errs, t.checkAccessLogs()...)
	errs = append(errs, t.checkUserPools()...)
	errs = append(errs, t.checkMappings()...)
	errs = append(errs, t.checkMailGrants()...)
	return errors.Join(errs...)
}

func breach(rule, id, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", rule, id, fmt.Sprintf(format, args...))
}

// checkFunction: X-Ray active tracing ("Tracing: Active"), arm64 (what
// make build targets), and a log group of the template, with a retention,
// where Lambda writes: /aws/lambda/<FunctionName> ("Lambda sends logs to
// the log group /aws/lambda/<function name> by default":
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html),
// or the group that LoggingConfig.LogGroup names.
func (t *Template) checkFunction(id string, fn map[string]any) []error {
	var errs []error
	if v := t.functionProperty(fn, "Tracing"); v != "Active" {
		errs = append(errs, breach(ruleTracing, id, "Tracing is %v, want Active (own or Globals)", v))
	}
	if v := strs(t.functionProperty(fn, "Architectures")); !slices.Equal(v, []string{"arm64"}) {
		errs = append(errs, breach(ruleArch, id, "Architectures is %v, want [arm64]", v))
	}
	lg, err := t.logGroupOf(id, fn)
	if err != nil {
		return append(errs, breach(ruleLogGroup, id, "%v", err))
	}
	if get(t.resources(logGroupType)[lg], "Properties", "RetentionInDays") == nil {
		errs = append(errs, breach(ruleLogGroup, id, "log group %s has no RetentionInDays (logs would be kept for ever)", lg))
	}
	return errs
}

// logGroupOf is the logical ID of the log group that function id writes to.
func (t *Template) logGroupOf(id string, fn map[string]any) (string, error) {
	groups := t.resources(logGroupType)
	if ref, ok := get(fn, "Properties", "LoggingConfig", "LogGroup", "Ref").(string); ok {
		if _, ok := groups[ref]; !ok {
			return "", fmt.Errorf("LoggingConfig.LogGroup refers to %s, which is no AWS::Logs::LogGroup", ref)
		}
		return ref, nil
	}
	name := "${" + id + "}" // the generated name, as a Sub would write it
	if v := get(fn, "Properties", "FunctionName"); v != nil {
		if name = text(v); name == "" {
			return "", fmt.Errorf("FunctionName %v is neither a string nor a !Sub", v)
		}
	}
	want := "/aws/lambda/" + name
	for _, lg := range sortedIDs(groups) {
		if text(get(groups[lg], "Properties", "LogGroupName")) == want {
			return lg, nil
		}
	}
	return "", fmt.Errorf("no AWS::Logs::LogGroup named %s (set FunctionName, or LoggingConfig.LogGroup)", want)
}

// checkTables: point-in-time recovery and deletion protection on every
// table: the bookings are the business.
func (t *Template) checkTables() []error {
	var errs []error
	tables := t.resources(tableType)
	for _, id := range sortedIDs(tables) {
		if get(tables[id], "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled") != true {
			errs = append(errs, breach(ruleTable, id, "point-in-time recovery is not enabled"))
		}
		if get(tables[id], "Properties", "DeletionProtectionEnabled") != true {
			errs = append(errs, breach(ruleTable, id, "DeletionProtectionEnabled is not true"))
		}
	}
	return errs
}
