package cognitolocal

import (
	"encoding/json"
	"reflect"
	"slices"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/carrental/backend/dev/samtemplate"
)

// Logical ids and types of the user pool and its app client in
// template.yaml.
const (
	UserPoolResource       = "UserPool"
	UserPoolClientResource = "UserPoolClient"
	userPoolType           = "AWS::Cognito::UserPool"
	userPoolClientType     = "AWS::Cognito::UserPoolClient"
)

// inputs are the two create calls that build the template's pool and
// client in cognito-local; client.UserPoolId is set once the pool exists.
type inputs struct {
	pool    *cip.CreateUserPoolInput
	client  *cip.CreateUserPoolClientInput
	ignored []string // "UserPool.LambdaConfig", ... (see Pool.Ignored)
}

// inputsFrom reads the template's UserPool and UserPoolClient resources.
// Errors: a resource missing or of another type, a property of the wrong
// shape.
func inputsFrom(tpl *samtemplate.Template) (inputs, error) {
	var (
		in inputs
		p  userPoolProps
		c  userPoolClientProps
	)
	ignored, err := read(tpl, UserPoolResource, userPoolType, &p)
	if err != nil {
		return in, err
	}
	in.ignored = append(in.ignored, ignored...)
	if ignored, err = read(tpl, UserPoolClientResource, userPoolClientType, &c); err != nil {
		return in, err
	}
	in.ignored = append(in.ignored, ignored...)
	in.pool = poolInput(p)
	in.client = clientInput(c)
	for _, idp := range list[string](c.SupportedIdentityProviders) {
		if idp != "COGNITO" {
			in.ignored = append(in.ignored, UserPoolClientResource+".SupportedIdentityProviders: "+idp)
		}
	}
	return in, nil
}

// read decodes resource id's properties into props and returns the
// properties the template sets that props has no field for, as "id.Name",
// sorted.
func read(tpl *samtemplate.Template, id, typ string, props any) ([]string, error) {
	var raw map[string]json.RawMessage
	if err := tpl.Properties(id, typ, &raw); err != nil {
		return nil, err
	}
	if err := tpl.Properties(id, typ, props); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	t := reflect.TypeOf(props).Elem()
	for i := range t.NumField() {
		known[t.Field(i).Name] = true
	}
	var ignored []string
	for name := range raw {
		if !known[name] {
			ignored = append(ignored, id+"."+name)
		}
	}
	slices.Sort(ignored)
	return ignored, nil
}

func poolInput(p userPoolProps) *cip.CreateUserPoolInput {
	in := &cip.CreateUserPoolInput{
		PoolName:               p.UserPoolName.ptr(),
		UsernameAttributes:     list[types.UsernameAttributeType](p.UsernameAttributes),
		AliasAttributes:        list[types.AliasAttributeType](p.AliasAttributes),
		AutoVerifiedAttributes: list[types.VerifiedAttributeType](p.AutoVerifiedAttributes),
	}
	if in.PoolName == nil {
		// The name is often !Sub with the stack's name, which only
		// CloudFormation knows.
		in.PoolName = strPtr(UserPoolResource)
	}
	if p.MfaConfiguration != nil {
		in.MfaConfiguration = types.UserPoolMfaType(*p.MfaConfiguration)
	}
	if p.Policies != nil && p.Policies.PasswordPolicy != nil {
		pp := p.Policies.PasswordPolicy
		in.Policies = &types.UserPoolPolicyType{PasswordPolicy: &types.PasswordPolicyType{
			MinimumLength:                 pp.MinimumLength.ptr(),
			RequireLowercase:              pp.RequireLowercase.val(),
			RequireNumbers:                pp.RequireNumbers.val(),
			RequireSymbols:                pp.RequireSymbols.val(),
			RequireUppercase:              pp.RequireUppercase.val(),
			TemporaryPasswordValidityDays: pp.TemporaryPasswordValidityDays.val(),
		}}
	}
	for _, a := range p.Schema {
		s := types.SchemaAttributeType{
			Name:                   a.Name.ptr(),
			DeveloperOnlyAttribute: a.DeveloperOnlyAttribute.ptr(),
			Mutable:                a.Mutable.ptr(),
			Required:               a.Required.ptr(),
		}
		if a.AttributeDataType != nil {
			s.AttributeDataType = types.AttributeDataType(*a.AttributeDataType)
		}
		if c := a.StringAttributeConstraints; c != nil {
			s.StringAttributeConstraints = &types.StringAttributeConstraintsType{MinLength: c.MinLength.ptr(), MaxLength: c.MaxLength.ptr()}
		}
		if c := a.NumberAttributeConstraints; c != nil {
			s.NumberAttributeConstraints = &types.NumberAttributeConstraintsType{MinValue: c.MinValue.ptr(), MaxValue: c.MaxValue.ptr()}
		}
		in.Schema = append(in.Schema, s)
	}
	if r := p.AccountRecoverySetting; r != nil {
		in.AccountRecoverySetting = &types.AccountRecoverySettingType{}
		for _, m := range r.RecoveryMechanisms {
			o := types.RecoveryOptionType{Priority: m.Priority.ptr()}
			if m.Name != nil {
				o.Name = types.RecoveryOptionNameType(*m.Name)
			}
			in.AccountRecoverySetting.RecoveryMechanisms = append(in.AccountRecoverySetting.RecoveryMechanisms, o)
		}
	}
	if a := p.AdminCreateUserConfig; a != nil {
		in.AdminCreateUserConfig = &types.AdminCreateUserConfigType{AllowAdminCreateUserOnly: a.AllowAdminCreateUserOnly.val()}
	}
	if u := p.UsernameConfiguration; u != nil {
		in.UsernameConfiguration = &types.UsernameConfigurationType{CaseSensitive: u.CaseSensitive.ptr()}
	}
	if u := p.UserAttributeUpdateSettings; u != nil {
		in.UserAttributeUpdateSettings = &types.UserAttributeUpdateSettingsType{
			AttributesRequireVerificationBeforeUpdate: list[types.VerifiedAttributeType](u.AttributesRequireVerificationBeforeUpdate),
		}
	}
	return in
}

func clientInput(c userPoolClientProps) *cip.CreateUserPoolClientInput {
	in := &cip.CreateUserPoolClientInput{
		ClientName:                      c.ClientName.ptr(),
		GenerateSecret:                  c.GenerateSecret.val(),
		ExplicitAuthFlows:               list[types.ExplicitAuthFlowsType](c.ExplicitAuthFlows),
		AccessTokenValidity:             c.AccessTokenValidity.ptr(),
		IdTokenValidity:                 c.IdTokenValidity.ptr(),
		RefreshTokenValidity:            c.RefreshTokenValidity.val(),
		ReadAttributes:                  list[string](c.ReadAttributes),
		WriteAttributes:                 list[string](c.WriteAttributes),
		EnableTokenRevocation:           c.EnableTokenRevocation.ptr(),
		AllowedOAuthFlows:               list[types.OAuthFlowType](c.AllowedOAuthFlows),
		AllowedOAuthFlowsUserPoolClient: c.AllowedOAuthFlowsUserPoolClient.val(),
		AllowedOAuthScopes:              list[string](c.AllowedOAuthScopes),
		CallbackURLs:                    list[string](c.CallbackURLs),
		LogoutURLs:                      list[string](c.LogoutURLs),
		DefaultRedirectURI:              c.DefaultRedirectURI.ptr(),
	}
	if in.ClientName == nil {
		in.ClientName = strPtr(UserPoolClientResource)
	}
	if c.PreventUserExistenceErrors != nil {
		in.PreventUserExistenceErrors = types.PreventUserExistenceErrorTypes(*c.PreventUserExistenceErrors)
	}
	if u := c.TokenValidityUnits; u != nil {
		in.TokenValidityUnits = &types.TokenValidityUnitsType{
			AccessToken:  types.TimeUnitsType(deref(u.AccessToken)),
			IdToken:      types.TimeUnitsType(deref(u.IdToken)),
			RefreshToken: types.TimeUnitsType(deref(u.RefreshToken)),
		}
	}
	for _, idp := range list[string](c.SupportedIdentityProviders) {
		if idp == "COGNITO" {
			in.SupportedIdentityProviders = append(in.SupportedIdentityProviders, idp)
		}
	}
	return in
}

func strPtr(s string) *string { return &s }

func deref(s *cfnString) string {
	if s == nil {
		return ""
	}
	return string(*s)
}
