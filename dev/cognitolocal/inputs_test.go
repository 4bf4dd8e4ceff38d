package cognitolocal

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/carrental/backend/dev/samtemplate"
)

func TestInputsFromTemplate(t *testing.T) {
	tpl, err := samtemplate.Load("testdata/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputsFrom(tpl)
	if err != nil {
		t.Fatal(err)
	}
	p := in.pool
	if aws.ToString(p.PoolName) != "carrental-dev" {
		t.Errorf("PoolName = %q, want the !Sub resolved with the Stage default", aws.ToString(p.PoolName))
	}
	if !slices.Equal(p.UsernameAttributes, []types.UsernameAttributeType{"email"}) ||
		!slices.Equal(p.AutoVerifiedAttributes, []types.VerifiedAttributeType{"email"}) {
		t.Errorf("username / auto-verified attributes = %v / %v, want [email]", p.UsernameAttributes, p.AutoVerifiedAttributes)
	}
	pp := p.Policies.PasswordPolicy
	if aws.ToInt32(pp.MinimumLength) != 8 || !pp.RequireNumbers || !pp.RequireSymbols || pp.TemporaryPasswordValidityDays != 7 {
		t.Errorf("password policy = %+v, want 8 characters, numbers ('true' as a string) and symbols, 7 days", *pp)
	}
	if len(p.Schema) != 1 || aws.ToString(p.Schema[0].StringAttributeConstraints.MinLength) != "5" ||
		aws.ToString(p.Schema[0].StringAttributeConstraints.MaxLength) != "254" || !aws.ToBool(p.Schema[0].Required) {
		t.Errorf("schema = %+v, want email required, 5 to 254 characters", p.Schema)
	}
	if p.MfaConfiguration != types.UserPoolMfaTypeOff || p.LambdaConfig != nil || p.EmailConfiguration != nil {
		t.Errorf("MFA %q, LambdaConfig %v, EmailConfiguration %v; want OFF and no AWS integrations", p.MfaConfiguration, p.LambdaConfig, p.EmailConfiguration)
	}

	c := in.client
	if aws.ToString(c.ClientName) != "carrental-web-dev" || c.UserPoolId != nil || c.GenerateSecret {
		t.Errorf("client %q, pool %v, secret %v", aws.ToString(c.ClientName), c.UserPoolId, c.GenerateSecret)
	}
	if !slices.Contains(c.ExplicitAuthFlows, types.ExplicitAuthFlowsTypeAllowUserPasswordAuth) {
		t.Errorf("ExplicitAuthFlows = %v, want ALLOW_USER_PASSWORD_AUTH among them", c.ExplicitAuthFlows)
	}
	if aws.ToInt32(c.IdTokenValidity) != 60 || aws.ToInt32(c.AccessTokenValidity) != 60 || c.RefreshTokenValidity != 30 ||
		c.TokenValidityUnits.IdToken != types.TimeUnitsTypeMinutes {
		t.Errorf("validities id %v access %v refresh %v units %+v", c.IdTokenValidity, c.AccessTokenValidity, c.RefreshTokenValidity, c.TokenValidityUnits)
	}
	if !slices.Equal(c.LogoutURLs, []string{"http://localhost:5173/", "http://127.0.0.1:5173/"}) {
		t.Errorf("LogoutURLs = %q, want the CommaDelimitedList's default, split", c.LogoutURLs)
	}
	if !slices.Equal(c.SupportedIdentityProviders, []string{"COGNITO"}) {
		t.Errorf("SupportedIdentityProviders = %v, want [COGNITO]", c.SupportedIdentityProviders)
	}

	want := []string{
		"UserPool.EmailConfiguration", "UserPool.LambdaConfig", "UserPool.UserPoolTags",
		"UserPoolClient.AnalyticsConfiguration", "UserPoolClient.SupportedIdentityProviders: Google",
	}
	if !slices.Equal(in.ignored, want) {
		t.Errorf("ignored = %q, want %q", in.ignored, want)
	}
}

func TestInputsFromTemplateErrors(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"no pool": {`
Resources:
  UserPoolClient: {Type: AWS::Cognito::UserPoolClient, Properties: {ClientName: web}}`, `no resource "UserPool"`},
		"pool of another type": {`
Resources:
  UserPool: {Type: AWS::DynamoDB::Table}
  UserPoolClient: {Type: AWS::Cognito::UserPoolClient}`, "want AWS::Cognito::UserPool"},
		"no client": {`
Resources:
  UserPool: {Type: AWS::Cognito::UserPool}`, `no resource "UserPoolClient"`},
		"length not a number": {`
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties: {Policies: {PasswordPolicy: {MinimumLength: eight}}}
  UserPoolClient: {Type: AWS::Cognito::UserPoolClient}`, "not a whole number"},
		"flag not a boolean": {`
Resources:
  UserPool: {Type: AWS::Cognito::UserPool}
  UserPoolClient: {Type: AWS::Cognito::UserPoolClient, Properties: {GenerateSecret: [true]}}`, "want a string, number or boolean"},
	} {
		t.Run(name, func(t *testing.T) {
			tpl, err := samtemplate.Parse([]byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := inputsFrom(tpl); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestInputsDefaults: an unnamed pool and client get their logical ids as
// names (CreateUserPool and CreateUserPoolClient require one).
func TestInputsDefaults(t *testing.T) {
	tpl, err := samtemplate.Parse([]byte(`
Resources:
  UserPool: {Type: AWS::Cognito::UserPool, Properties: {UserPoolName: !Sub '${AWS::StackName}-users'}}
  UserPoolClient: {Type: AWS::Cognito::UserPoolClient}`))
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputsFrom(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(in.pool.PoolName) == "" || aws.ToString(in.client.ClientName) != UserPoolClientResource {
		t.Errorf("names = %q, %q; want non-empty and %q", aws.ToString(in.pool.PoolName), aws.ToString(in.client.ClientName), UserPoolClientResource)
	}
	t.Logf("!Sub '${AWS::StackName}-users' gives %q", aws.ToString(in.pool.PoolName))
}

// TestInputsFromRepoTemplate converts template.yaml's own pool and client
// (TestSeededUserSignsIn creates them in cognito-local).
func TestInputsFromRepoTemplate(t *testing.T) {
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	in, err := inputsFrom(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(in.pool.PoolName) == "" || len(in.client.ExplicitAuthFlows) == 0 {
		t.Errorf("pool %+v, client %+v: want the template's names and flows", in.pool, in.client)
	}
	t.Logf("not passed to cognito-local: %q", in.ignored)
}
