package samtemplate

import (
	"slices"
	"testing"
)

const refsTemplate = `
Parameters:
  Stage: {Type: String, Default: dev}
  Size: {Type: Number, Default: 3}
  Secret: {Type: String}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: !Ref Stage}
  BFunction:
    Type: AWS::Serverless::Function
    Properties: {Api: !Ref Api, Arn: !GetAtt Api.Arn, Secret: !Ref Secret, Region: !Ref AWS::Region}
  AFunction:
    Type: AWS::Serverless::Function
`

func TestResourceRefs(t *testing.T) {
	type props struct{ Api, Arn, Secret, Region any }
	for _, tt := range []struct {
		opts    ParseOptions
		wantAPI any
	}{{ParseOptions{}, nil}, {ParseOptions{ResourceRefs: true}, "Api"}} {
		tpl, err := ParseWith([]byte(refsTemplate), tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		var p props
		if err := tpl.Properties("BFunction", "AWS::Serverless::Function", &p); err != nil {
			t.Fatal(err)
		}
		// Only a Ref to a resource changes; GetAtt and a parameter without a default stay null.
		if p.Api != tt.wantAPI || p.Arn != nil || p.Secret != nil || p.Region != "us-east-1" {
			t.Errorf("%+v: properties %+v, want Api %v", tt.opts, p, tt.wantAPI)
		}
	}
}

func TestLogicalIDsAndParameters(t *testing.T) {
	tpl, err := Parse([]byte(refsTemplate))
	if err != nil {
		t.Fatal(err)
	}
	if got := tpl.LogicalIDs("AWS::Serverless::Function"); !slices.Equal(got, []string{"AFunction", "BFunction"}) {
		t.Errorf("functions = %q", got)
	}
	if got := tpl.LogicalIDs("AWS::SQS::Queue"); got != nil {
		t.Errorf("queues = %q", got)
	}
	for name, want := range map[string]string{"Stage": "dev", "Size": "3"} {
		if v, ok := tpl.ParameterDefault(name); !ok || v != want {
			t.Errorf("ParameterDefault(%s) = %q, %v", name, v, ok)
		}
	}
	for _, name := range []string{"Secret", "Missing"} {
		if v, ok := tpl.ParameterDefault(name); ok {
			t.Errorf("ParameterDefault(%s) = %q, want none", name, v)
		}
	}
}
