package templatecheck

import "regexp"

// exemption is a schema violation that the template may have, with the
// reason: a place where goformation's schema (generated in 2024 from
// CloudFormation's resource specification, plus SAM's) is narrower than
// CloudFormation. Each must still match a violation of template.yaml, or
// TestExemptionsStillNeeded fails and it should go.
//
// Not exemptions, for the record: the schema's Globals accept any
// property, so Globals' LoggingConfig (newer than goformation) passes
// unchecked; SAM's Api GatewayResponses are keyed DEFAULT_4XX etc., names
// outside the schema's ^[a-zA-Z0-9]+$ pattern, so their (object) values
// pass unchecked too. Every resource property the template uses is in the
// schema (Table DeletionProtectionEnabled, the Lex resources, Alarm
// Metrics, LogGroup RetentionInDays, the WAF web ACLs) but one, exempted
// below: UserPool's UserPoolTier.
type exemption struct {
	path    *regexp.Regexp // the violation's place in the template
	message string         // the violation, as the validator words it
	why     string
}

var exemptions = []exemption{{
	path:    regexp.MustCompile(`^/Resources/[^/]+/Properties$`),
	message: "additional properties 'UserPoolTier' not allowed",
	why: "AWS::Cognito::UserPool's UserPoolTier (the feature plan: LITE, ESSENTIALS, PLUS; threat protection needs PLUS) " +
		"came in November 2024, after goformation's schema: " +
		"https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html",
}, {
	path:    regexp.MustCompile(`^/Parameters/[^/]+/(Default|MinLength|MaxLength|MinValue|MaxValue)$`),
	message: "got number, want string",
	why: "goformation's schema types every parameter property as a string; CloudFormation takes MinLength, " +
		"MaxLength, MinValue and MaxValue as integers and a Number parameter's Default as a number: " +
		"https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
}}

// exempted returns the exemption that covers the violation, or nil.
func exempted(p problem) *exemption {
	for i, e := range exemptions {
		if e.path.MatchString(p.where) && p.message == e.message {
			return &exemptions[i]
		}
	}
	return nil
}
