package localapi

import (
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/carrental/backend/dev/samtemplate"
)

func TestReadTestTemplate(t *testing.T) {
	api, err := Read(parse(t, testTemplate))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range api.Routes {
		got = append(got, r.String()+" "+r.Function+" "+r.Authorizer)
	}
	want := []string{
		"ANY /files/{key+} FilesFunction ",
		"GET /things ListThingsFunction ",
		"GET /things/special GetThingFunction ",
		"GET /things/{thingId} GetThingFunction ",
		"PUT /things/{thingId} PutThingFunction Pool",
	}
	if !slices.Equal(got, want) {
		t.Errorf("routes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if api.LogicalID != "Api" || api.Stage != "test" {
		t.Errorf("Api %q, stage %q", api.LogicalID, api.Stage)
	}
	if c := api.CORS; c == nil || *c != (CORS{AllowOrigin: "https://cars.example.com", AllowHeaders: "Authorization,Content-Type", MaxAge: "600"}) {
		t.Errorf("CORS = %+v", c)
	}
	if a, ok := api.Authorizers["Pool"]; !ok || a.Header != "Authorization" {
		t.Errorf("authorizers = %+v", api.Authorizers)
	}
	if h := api.GatewayResponses["DEFAULT_4XX"].Headers; h["Vary"] != "'Origin'" {
		t.Errorf("gateway responses = %+v", api.GatewayResponses)
	}
}

// TestReadProjectTemplate: the routes of template.yaml, with Cognito on
// exactly the /bookings and /admin routes and the Api's CORS and gateway
// responses as pkg/apigw sends them.
func TestReadProjectTemplate(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := samtemplate.LoadWith(root+"/"+samtemplate.FileName, samtemplate.ParseOptions{ResourceRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	api, err := Read(tpl)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range api.Routes {
		got[r.String()] = r.Function + " " + r.Authorizer
	}
	// What the generated routes (pkg/lambdafn, from template.yaml and the
	// contract) say; the Cognito authorizer guards exactly /bookings and
	// the staff's /admin.
	want := map[string]string{}
	for _, r := range lambdafn.RESTRoutes() {
		want[r.Method+" "+r.Path] = lambdafn.LogicalID(r.Function) + " " + r.Authorizer
		if guarded := r.Authorizer == "CognitoAuthorizer"; guarded != (strings.HasPrefix(r.Path, "/bookings") || strings.HasPrefix(r.Path, "/admin/")) {
			t.Errorf("%s %s: authorizer %q", r.Method, r.Path, r.Authorizer)
		}
	}
	if len(want) < 8 {
		t.Fatalf("only %d generated routes", len(want))
	}
	for r, w := range want {
		if got[r] != w {
			t.Errorf("%s: %q, want %q", r, got[r], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("routes = %v, want %v", got, want)
	}
	if api.CORS == nil || api.CORS.AllowOrigin != "*" || api.CORS.MaxAge != "600" {
		t.Errorf("CORS = %+v", api.CORS)
	}
	if api.Authorizers["CognitoAuthorizer"].Header != "Authorization" {
		t.Errorf("authorizers = %+v", api.Authorizers)
	}
	// CloudFront compresses from 1,000 bytes; the API, behind /api/* of
	// the site's distribution, from the same size.
	if api.MinimumCompressionSize != 1000 {
		t.Errorf("MinimumCompressionSize = %d, want 1000", api.MinimumCompressionSize)
	}
	for _, typ := range []string{"DEFAULT_4XX", "DEFAULT_5XX"} {
		if api.GatewayResponses[typ].Headers["Access-Control-Allow-Origin"] != "'*'" {
			t.Errorf("%s = %+v", typ, api.GatewayResponses[typ])
		}
	}
}

func TestReadErrors(t *testing.T) {
	base := `
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      Auth:
        Authorizers:
          Pool: {UserPoolArn: arn}
  F1Function:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Api:
          Type: Api
          Properties: EVENT
`
	tests := []struct{ name, event, want string }{
		{"no RestApiId", "{Path: /a, Method: GET}", "RestApiId is <nil>"},
		{"another Api", "{RestApiId: Other, Path: /a, Method: GET}", "RestApiId is Other"},
		{"unknown authorizer", "{RestApiId: !Ref Api, Path: /a, Method: GET, Auth: {Authorizer: Lambda}}", `authorizer "Lambda"`},
		{"relative path", "{RestApiId: !Ref Api, Path: a, Method: GET}", "does not start with /"},
		{"no method", "{RestApiId: !Ref Api, Path: /a}", "no Method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(parse(t, strings.Replace(base, "EVENT", tt.event, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "F1Function event Api") {
				t.Errorf("error = %v, want one naming F1Function event Api and %q", err, tt.want)
			}
		})
	}

	two := base + `
  F2Function:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Again: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}
`
	_, err := Read(parse(t, strings.Replace(two, "EVENT", "{RestApiId: !Ref Api, Path: /a, Method: GET}", 1)))
	if err == nil || !strings.Contains(err.Error(), "GET /a is served by both F1Function and F2Function") {
		t.Errorf("duplicate route: %v", err)
	}

	for _, bad := range []string{"-1", "10485761", "lots"} {
		sized := strings.Replace(base, "StageName: dev", "StageName: dev\n      MinimumCompressionSize: "+bad, 1)
		_, err = Read(parse(t, strings.Replace(sized, "EVENT", "{RestApiId: !Ref Api, Path: /a, Method: GET}", 1)))
		if err == nil || !strings.Contains(err.Error(), "MinimumCompressionSize "+bad+" is not a whole number") {
			t.Errorf("MinimumCompressionSize %s: %v", bad, err)
		}
	}

	lambdaAuth := strings.Replace(base, "Pool: {UserPoolArn: arn}", "Custom: {FunctionArn: arn}", 1)
	_, err = Read(parse(t, strings.Replace(lambdaAuth, "EVENT", "{RestApiId: !Ref Api, Path: /a, Method: GET}", 1)))
	if err == nil || !strings.Contains(err.Error(), "Cognito user-pool authorizers") {
		t.Errorf("Lambda authorizer: %v", err)
	}

	_, err = Read(parse(t, "Resources:\n  F: {Type: AWS::Serverless::Function}\n"))
	if err == nil || !strings.Contains(err.Error(), "0 AWS::Serverless::Api") {
		t.Errorf("no Api: %v", err)
	}

	// Without ResourceRefs, !Ref Api is null: the error says how to read it.
	plain, err := samtemplate.Parse([]byte(strings.Replace(base, "EVENT", "{RestApiId: !Ref Api, Path: /a, Method: GET}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(plain); err == nil || !strings.Contains(err.Error(), "ResourceRefs") {
		t.Errorf("template read without ResourceRefs: %v", err)
	}
}

// TestReadDefaultAuthorizerAndStringCors: the Api's DefaultAuthorizer
// guards events that name none, NONE opts out; Cors as a string is the
// origin.
func TestReadDefaultAuthorizerAndStringCors(t *testing.T) {
	api, err := Read(parse(t, `
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Cors: "'https://a.example'"
      Auth:
        DefaultAuthorizer: Pool
        Authorizers:
          Pool: {UserPoolArn: arn, Identity: {Header: X-Token}}
  F1Function:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Guarded: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: GET}}
        Open: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /b, Method: GET, Auth: {Authorizer: NONE}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{api.Routes[0].Authorizer, api.Routes[1].Authorizer}; !slices.Equal(got, []string{"Pool", ""}) {
		t.Errorf("authorizers of /a, /b = %q", got)
	}
	if api.Authorizers["Pool"].Header != "X-Token" {
		t.Errorf("identity header = %q", api.Authorizers["Pool"].Header)
	}
	if api.CORS == nil || *api.CORS != (CORS{AllowOrigin: "https://a.example"}) {
		t.Errorf("CORS = %+v", api.CORS)
	}
	if api.MinimumCompressionSize != -1 {
		t.Errorf("MinimumCompressionSize = %d without one in the template, want -1 (none)", api.MinimumCompressionSize)
	}
}

func TestLiteral(t *testing.T) {
	if v, err := literal("'*'"); err != nil || v != "*" {
		t.Errorf("literal('*') = %q, %v", v, err)
	}
	for _, bad := range []string{"*", "'", "'a", ""} {
		if _, err := literal(bad); err == nil {
			t.Errorf("literal(%q) accepted", bad)
		}
	}
}
