package templatecheck

import "fmt"

// maxAlarmMetrics is CloudWatch's hard limit on the metrics that an alarm
// based on a metric math expression may reference ("Limits that apply to
// alarms based on metric math expressions":
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html):
// CloudFormation would fail to create a larger one.
const maxAlarmMetrics = 10

// metric is one CloudWatch metric an alarm watches.
type metric struct {
	namespace, name string
	dimensions      map[string]any // name -> value (long form)
}

// alarmMetrics are the metrics of alarm a: its own (Namespace,
// MetricName, Dimensions) and those of a metric math alarm's Metrics.
func alarmMetrics(a map[string]any) []metric {
	p := get(a, "Properties")
	var out []metric
	add := func(ns, name, dims any) {
		m := metric{namespace: fmt.Sprint(ns), name: fmt.Sprint(name), dimensions: map[string]any{}}
		list, _ := dims.([]any)
		for _, d := range list {
			m.dimensions[fmt.Sprint(get(d, "Name"))] = get(d, "Value")
		}
		out = append(out, m)
	}
	if get(p, "MetricName") != nil {
		add(get(p, "Namespace"), get(p, "MetricName"), get(p, "Dimensions"))
	}
	queries, _ := get(p, "Metrics").([]any)
	for _, q := range queries {
		if m := get(q, "MetricStat", "Metric"); m != nil {
			add(get(m, "Namespace"), get(m, "MetricName"), get(m, "Dimensions"))
		}
	}
	return out
}

// checkAlarms: no alarm above CloudWatch's metric limit; an alarm on API
// Gateway's 5XXError; every function's Lambda
// Errors in an alarm (one each, or one metric math alarm over all, or one
// on the account-wide metric without dimensions); read and write
// throttling of every table (ThrottledRequests, or ReadThrottleEvents and
// WriteThrottleEvents). Metric names: "Amazon API Gateway dimensions and
// metrics", "Types of metrics for Lambda functions", "DynamoDB Metrics and
// dimensions" in the services' guides.
func (t *Template) checkAlarms() []error {
	alarms := t.resources(alarmType)
	var watched metrics
	for _, a := range alarms {
		watched = append(watched, alarmMetrics(a)...)
	}
	var errs []error
	for _, id := range sortedIDs(alarms) {
		if n := len(alarmMetrics(alarms[id])); n > maxAlarmMetrics {
			errs = append(errs, breach(ruleAlarm, id, "watches %d metrics; an alarm on a metric math expression may reference at most %d", n, maxAlarmMetrics))
		}
	}
	if !watched.has("AWS/ApiGateway", "5XXError", "", "") {
		errs = append(errs, breach(ruleAlarm, "API", "no alarm on AWS/ApiGateway 5XXError"))
	}
	for _, id := range sortedIDs(t.resources(functionType)) {
		if !watched.has("AWS/Lambda", "Errors", "FunctionName", id) {
			errs = append(errs, breach(ruleAlarm, id, "no alarm on its AWS/Lambda Errors"))
		}
	}
	for _, id := range sortedIDs(t.resources(tableType)) {
		errs = append(errs, watched.checkThrottling(id)...)
	}
	return errs
}

// metrics are the metrics that the template's alarms watch.
type metrics []metric

// has reports whether an alarm watches metric name of namespace ns for
// resource id: in dimension dim (dim "" takes any), or, for Lambda, the
// account-wide metric without dimensions.
func (ms metrics) has(ns, name string, dim string, id string) bool {
	for _, m := range ms {
		if m.namespace != ns || m.name != name {
			continue
		}
		if dim == "" || len(m.dimensions) == 0 && ns == "AWS/Lambda" || refersTo(m.dimensions[dim], id) {
			return true
		}
	}
	return false
}

// checkThrottling: table's read and write throttling are each in an
// alarm, on its own metric or on ThrottledRequests, which counts both.
func (ms metrics) checkThrottling(table string) []error {
	var errs []error
	all := ms.has("AWS/DynamoDB", "ThrottledRequests", "TableName", table)
	if !all && !ms.has("AWS/DynamoDB", "ReadThrottleEvents", "TableName", table) {
		errs = append(errs, breach(ruleAlarm, table, "no alarm on its read throttling (ReadThrottleEvents or ThrottledRequests)"))
	}
	if !all && !ms.has("AWS/DynamoDB", "WriteThrottleEvents", "TableName", table) {
		errs = append(errs, breach(ruleAlarm, table, "no alarm on its write throttling (WriteThrottleEvents or ThrottledRequests)"))
	}
	return errs
}
