package templatecheck

import (
	"slices"
	"testing"
)

// aclRule is rule i of web ACL id.
func aclRule(doc map[string]any, id string, i int) map[string]any {
	return props(doc, id)["Rules"].([]any)[i].(map[string]any)
}

// rateStatement is the RateBasedStatement of rule i of web ACL id.
func rateStatement(doc map[string]any, id string, i int) map[string]any {
	return get(aclRule(doc, id, i), "Statement", "RateBasedStatement").(map[string]any)
}

// methodSettings are the Api's MethodSettings.
func methodSettings(doc map[string]any) []any { return props(doc, "Api")["MethodSettings"].([]any) }

// TestEdgeRulesBite: the firewall, throttling and access log rules each
// fail when the template breaks them, naming the resource.
func TestEdgeRulesBite(t *testing.T) {
	tpl := load(t)
	tests := []bite{
		{"the stage without its web ACL", func(doc map[string]any) {
			delete(get(doc, "Resources").(map[string]any), "ApiWebAclAssociation")
		}, []string{"firewall: Api: no AWS::WAFv2::WebACLAssociation associates a REGIONAL web ACL"}},
		{"the stage given the CloudFront ACL", func(doc map[string]any) {
			props(doc, "ApiWebAclAssociation")["WebACLArn"] = map[string]any{"Fn::GetAtt": []any{"CloudFrontWebAcl", "Arn"}}
		}, []string{"firewall: Api: no AWS::WAFv2::WebACLAssociation"}},
		{"the ACL on another resource", func(doc map[string]any) {
			props(doc, "ApiWebAclAssociation")["ResourceArn"] = map[string]any{"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}"}
		}, []string{"firewall: Api: no AWS::WAFv2::WebACLAssociation"}},
		{"the distribution without a web ACL", func(doc map[string]any) {
			delete(distConfig(doc, "Distribution"), "WebACLId")
		}, []string{"firewall: Distribution: reaches the API but has no WebACLId"}},
		{"the regional ACL on the distribution", func(doc map[string]any) {
			distConfig(doc, "Distribution")["WebACLId"] = map[string]any{"Fn::GetAtt": []any{"ApiWebAcl", "Arn"}}
		}, []string{"firewall: Distribution: WebACLId names ApiWebAcl, whose Scope is not CLOUDFRONT"}},
		{"a CloudFront ACL in any region", func(doc map[string]any) {
			delete(get(doc, "Resources", "CloudFrontWebAcl").(map[string]any), "Condition")
			distConfig(doc, "Distribution")["WebACLId"] = map[string]any{"Fn::GetAtt": []any{"CloudFrontWebAcl", "Arn"}}
		}, []string{"firewall: Distribution: WebACLId names CloudFrontWebAcl, which has no Condition that keeps it to us-east-1"}},
		{"a condition that does not keep it to us-east-1", func(doc map[string]any) {
			get(doc, "Conditions").(map[string]any)["CreateCloudFrontWebAcl"] = map[string]any{"Fn::Not": []any{map[string]any{"Condition": "HasCloudFrontWebAclArn"}}}
		}, []string{"firewall: Distribution: WebACLId names CloudFrontWebAcl, which has no Condition that keeps it to us-east-1"}},
		{"the ACL named where it does not exist", func(doc map[string]any) {
			b := distConfig(doc, "Distribution")["WebACLId"].(map[string]any)["Fn::If"].([]any)
			b[1], b[2] = b[2], b[1]
		}, []string{`firewall: Distribution: WebACLId names CloudFrontWebAcl under condition "!CreateCloudFrontWebAcl", but CloudFrontWebAcl exists under "CreateCloudFrontWebAcl"`}},
		{"a managed rule group missing", func(doc map[string]any) {
			p := props(doc, "ApiWebAcl")
			p["Rules"] = slices.Delete(p["Rules"].([]any), 2, 3)
		}, []string{"firewall: ApiWebAcl: does not run the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet"}},
		{"a managed rule group that only counts", func(doc map[string]any) {
			aclRule(doc, "CloudFrontWebAcl", 1)["OverrideAction"] = map[string]any{"Count": map[string]any{}}
		}, []string{"firewall: CloudFrontWebAcl: runs AWSManagedRulesCommonRuleSet with OverrideAction map[Count:map[]]"}},
		{"no limit per address", func(doc map[string]any) {
			rateStatement(doc, "ApiWebAcl", 3)["AggregateKeyType"] = "FORWARDED_IP"
		}, []string{"firewall: ApiWebAcl: no rate-based rule per client address (AggregateKeyType IP) (none)"}},
		{"a limit per address that only counts", func(doc map[string]any) {
			aclRule(doc, "CloudFrontWebAcl", 3)["Action"] = map[string]any{"Count": map[string]any{}}
		}, []string{"firewall: CloudFrontWebAcl: no rate-based rule per client address (AggregateKeyType IP) that blocks"}},
		{"writes counted by another header", func(doc map[string]any) {
			k := rateStatement(doc, "ApiWebAcl", 4)["CustomKeys"].([]any)[0].(map[string]any)
			k["Header"].(map[string]any)["Name"] = "x-api-key"
		}, []string{"firewall: ApiWebAcl: no rate-based rule per Authorization header"}},
		{"DELETE not counted as a write", func(doc map[string]any) {
			or := get(rateStatement(doc, "CloudFrontWebAcl", 4), "ScopeDownStatement", "OrStatement").(map[string]any)
			or["Statements"] = or["Statements"].([]any)[:3]
		}, []string{"firewall: CloudFrontWebAcl: the rate-based rule per Authorization header is scoped to the methods [PATCH POST PUT]"}},
		{"a route without its throttle", func(doc map[string]any) {
			props(doc, "Api")["MethodSettings"] = slices.Delete(methodSettings(doc), 7, 8)
		}, []string{"throttling: Api: route POST /~1bookings has no throttle of its own"}},
		{"a path not written with ~1", func(doc map[string]any) {
			methodSettings(doc)[3].(map[string]any)["ResourcePath"] = "/cars/{carId}"
		}, []string{"throttling: Api: MethodSettings names GET /cars/{carId}, which is no route", "throttling: Api: route GET /~1cars~1{carId} has no throttle"}},
		{"no default throttle", func(doc map[string]any) {
			props(doc, "Api")["MethodSettings"] = methodSettings(doc)[1:]
		}, []string{"throttling: Api: no default throttle"}},
		{"a throttle without a burst", func(doc map[string]any) {
			delete(methodSettings(doc)[9].(map[string]any), "ThrottlingBurstLimit")
		}, []string{"throttling: Api: MethodSettings DELETE /~1bookings~1{bookingId} has no ThrottlingRateLimit and ThrottlingBurstLimit",
			"throttling: Api: route DELETE /~1bookings~1{bookingId} has no throttle of its own"}},
		{"no access log", func(doc map[string]any) {
			delete(props(doc, "Api"), "AccessLogSetting")
		}, []string{"access log: Api: no AccessLogSetting"}},
		{"an access log kept for ever", func(doc map[string]any) {
			delete(props(doc, "ApiAccessLogGroup"), "RetentionInDays")
		}, []string{"access log: Api: log group ApiAccessLogGroup has no RetentionInDays"}},
		{"an access log in another format", func(doc map[string]any) {
			props(doc, "Api")["AccessLogSetting"].(map[string]any)["Format"] = "$context.identity.sourceIp $context.requestId [$context.requestTime]"
		}, []string{"access log: Api: the access log Format is not one JSON object"}},
		{"an access log without the request id", func(doc map[string]any) {
			props(doc, "Api")["AccessLogSetting"].(map[string]any)["Format"] = `{"ip":"$context.identity.sourceIp"}`
		}, []string{"access log: Api: the access log Format lacks $context.requestId"}},
		{"a stage that logs before the account may", func(doc map[string]any) {
			delete(get(doc, "Resources", "Api").(map[string]any), "DependsOn")
		}, []string{"access log: Api: does not DependsOn an AWS::ApiGateway::Account"}},
	}
	checkBites(t, tpl, tests)
}
