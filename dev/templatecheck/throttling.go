package templatecheck

import (
	"encoding/json"
	"fmt"
	"strings"
)

const (
	ruleThrottling = "throttling"
	ruleAccessLog  = "access log"
	accountType    = "AWS::ApiGateway::Account"
)

// methodPath is a route as a stage's MethodSetting names it: the method
// and "/" followed by the path with every / written ~1
// ("GET /~1cars~1{carId}"). AWS::ApiGateway::Stage MethodSetting,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html
func methodPath(method, path string) string {
	return strings.ToUpper(method) + " /" + strings.ReplaceAll(path, "/", "~1")
}

// apiRoutes are the routes of api (its functions' Api events), as
// methodPath writes them.
func (t *Template) apiRoutes(api string) map[string]bool {
	out := map[string]bool{}
	for _, fn := range t.resources(functionType) {
		events, _ := get(fn, "Properties", "Events").(map[string]any)
		for _, e := range events {
			if get(e, "Type") == "Api" && refersTo(get(e, "Properties", "RestApiId"), api) {
				out[methodPath(fmt.Sprint(get(e, "Properties", "Method")), fmt.Sprint(get(e, "Properties", "Path")))] = true
			}
		}
	}
	return out
}

// checkThrottling: each Api's stage has a default throttle ('/*' '*') and
// one of its own for every route, each with a rate and a burst limit, so
// that no route's traffic is counted against another's limit; and no
// setting names a route that the Api lacks (a ResourcePath not written
// with ~1 throttles nothing).
func (t *Template) checkThrottling() []error {
	var errs []error
	for _, api := range sortedIDs(t.resources(serverlessAPIType)) {
		routes := t.apiRoutes(api)
		settings := map[string]bool{}
		for _, s := range list(get(t.resources(serverlessAPIType)[api], "Properties", "MethodSettings")) {
			route := fmt.Sprint(get(s, "HttpMethod")) + " " + fmt.Sprint(get(s, "ResourcePath"))
			if get(s, "ThrottlingRateLimit") == nil || get(s, "ThrottlingBurstLimit") == nil {
				errs = append(errs, breach(ruleThrottling, api, "MethodSettings %s has no ThrottlingRateLimit and ThrottlingBurstLimit", route))
				continue
			}
			if route != "* /*" && !routes[route] {
				errs = append(errs, breach(ruleThrottling, api, "MethodSettings names %s, which is no route of the Api (a path is written /~1a~1{b})", route))
			}
			settings[route] = true
		}
		if !settings["* /*"] {
			errs = append(errs, breach(ruleThrottling, api, "no default throttle (MethodSettings ResourcePath '/*', HttpMethod '*')"))
		}
		for _, r := range sortedIDs(routes) {
			if !settings[r] {
				errs = append(errs, breach(ruleThrottling, api, "route %s has no throttle of its own in MethodSettings", r))
			}
		}
	}
	return errs
}

// checkAccessLogs: each Api's stage writes an access log, one JSON object
// a request with at least $context.requestId (API Gateway requires it or
// extendedRequestId), to a log group of the template with a retention;
// and the Api waits for (DependsOn) the account's CloudWatch role
// (AWS::ApiGateway::Account), without which a stage cannot log.
func (t *Template) checkAccessLogs() []error {
	var errs []error
	for _, api := range sortedIDs(t.resources(serverlessAPIType)) {
		r := t.resources(serverlessAPIType)[api]
		als := get(r, "Properties", "AccessLogSetting")
		att := strs(get(als, "DestinationArn", "Fn::GetAtt"))
		lg, ok := t.resources(logGroupType)[first(att)]
		switch {
		case als == nil:
			errs = append(errs, breach(ruleAccessLog, api, "no AccessLogSetting"))
			continue
		case !ok || len(att) != 2 || att[1] != "Arn":
			errs = append(errs, breach(ruleAccessLog, api, "AccessLogSetting.DestinationArn %s is no log group of the template (!GetAtt LogGroup.Arn)", describe(get(als, "DestinationArn"))))
		case get(lg, "Properties", "RetentionInDays") == nil:
			errs = append(errs, breach(ruleAccessLog, api, "log group %s has no RetentionInDays (logs would be kept for ever)", att[0]))
		}
		format := fmt.Sprint(get(als, "Format"))
		if obj := map[string]any{}; json.Unmarshal([]byte(format), &obj) != nil {
			errs = append(errs, breach(ruleAccessLog, api, "the access log Format is not one JSON object: %.60s", format))
		} else if !strings.Contains(format, "$context.requestId") {
			errs = append(errs, breach(ruleAccessLog, api, "the access log Format lacks $context.requestId"))
		}
		if !t.dependsOnAccount(r) {
			errs = append(errs, breach(ruleAccessLog, api, "does not DependsOn an %s of the template (the account's CloudWatch role, which logging needs)", accountType))
		}
	}
	return errs
}

// dependsOnAccount reports whether resource r DependsOn an
// AWS::ApiGateway::Account of the template that sets a role.
func (t *Template) dependsOnAccount(r map[string]any) bool {
	for _, d := range strs(get(r, "DependsOn")) {
		if a, ok := t.resources(accountType)[d]; ok && get(a, "Properties", "CloudWatchRoleArn") != nil {
			return true
		}
	}
	return false
}
