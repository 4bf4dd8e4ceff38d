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

// TestEdgeRulesBite: the firewall, throttling, access log and user pool
// rules each fail when the template breaks them, naming the resource.
func TestEdgeRulesBite(t *testing.T) {
	tpl := load(t)
	tests := []biteCase{
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
		{"a pool that goes with the stack", func(doc map[string]any) {
			delete(get(doc, "Resources", "UserPool").(map[string]any), "DeletionPolicy")
		}, []string{"user pool: UserPool: DeletionPolicy is <nil>, want Retain"}},
		{"a pool that a replacing update drops", func(doc map[string]any) {
			get(doc, "Resources", "UserPool").(map[string]any)["UpdateReplacePolicy"] = "Delete"
		}, []string{"user pool: UserPool: UpdateReplacePolicy is Delete, want Retain"}},
		{"a pool that can be deleted", func(doc map[string]any) {
			props(doc, "UserPool")["DeletionProtection"] = "INACTIVE"
		}, []string{"user pool: UserPool: DeletionProtection is INACTIVE, want ACTIVE"}},
		{"MFA off", func(doc map[string]any) {
			props(doc, "UserPool")["MfaConfiguration"] = "OFF"
		}, []string{"user pool: UserPool: MfaConfiguration is OFF, want OPTIONAL"}},
		{"SMS only", func(doc map[string]any) {
			props(doc, "UserPool")["EnabledMfas"] = []any{"SMS_MFA"}
		}, []string{"user pool: UserPool: EnabledMfas [SMS_MFA] lacks SOFTWARE_TOKEN_MFA"}},
		{"Cognito's sender only", func(doc map[string]any) {
			props(doc, "UserPool")["EmailConfiguration"] = map[string]any{"EmailSendingAccount": "COGNITO_DEFAULT"}
		}, []string{"user pool: UserPool: EmailConfiguration can never send through Amazon SES"}},
		{"threat protection always on", func(doc map[string]any) {
			props(doc, "UserPool")["UserPoolAddOns"] = map[string]any{"AdvancedSecurityMode": "ENFORCED"}
		}, []string{"user pool: UserPool: AdvancedSecurityMode is ENFORCED, want a parameter whose Default is OFF",
			"user pool: UserPool: UserPoolAddOns is set but UserPoolTier is not PLUS"}},
		{"threat protection on by default", func(doc map[string]any) {
			get(doc, "Parameters", "ThreatProtection").(map[string]any)["Default"] = "AUDIT"
		}, []string{"user pool: UserPool: AdvancedSecurityMode is ThreatProtection, want a parameter whose Default is OFF"}},
		{"threat protection without the Plus plan", func(doc map[string]any) {
			delete(props(doc, "UserPool"), "UserPoolTier")
		}, []string{"user pool: UserPool: UserPoolAddOns is set but UserPoolTier is not PLUS whenever it is"}},
	}
	bite(t, tpl, tests)
}
