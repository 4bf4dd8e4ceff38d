package cognitolocal

// The properties of the template's user pool and app client that are
// passed to cognito-local. Every top-level field here is applied; a
// property the template sets that has no field here is reported in
// Pool.Ignored. Names are CloudFormation's.

// userPoolProps is what we read of an AWS::Cognito::UserPool. Left out, as
// cognito-local cannot use them or they would reach AWS: LambdaConfig
// (triggers would be invoked on AWS Lambda), EmailConfiguration and
// SmsConfiguration (SES, SNS), UserPoolAddOns (threat protection),
// DeviceConfiguration, messages and templates (cognito-local prints only
// the code), DeletionProtection, UserPoolTags, UserPoolTier.
type userPoolProps struct {
	UserPoolName           *cfnString
	UsernameAttributes     cfnList
	AliasAttributes        cfnList
	AutoVerifiedAttributes cfnList
	MfaConfiguration       *cfnString
	Policies               *struct {
		PasswordPolicy *struct {
			MinimumLength                 *cfnInt
			RequireLowercase              *cfnBool
			RequireNumbers                *cfnBool
			RequireSymbols                *cfnBool
			RequireUppercase              *cfnBool
			TemporaryPasswordValidityDays *cfnInt
		}
	}
	Schema []struct {
		Name                       *cfnString
		AttributeDataType          *cfnString
		DeveloperOnlyAttribute     *cfnBool
		Mutable                    *cfnBool
		Required                   *cfnBool
		StringAttributeConstraints *struct{ MinLength, MaxLength *cfnString }
		NumberAttributeConstraints *struct{ MinValue, MaxValue *cfnString }
	}
	AccountRecoverySetting *struct {
		RecoveryMechanisms []struct {
			Name     *cfnString
			Priority *cfnInt
		}
	}
	AdminCreateUserConfig *struct {
		AllowAdminCreateUserOnly *cfnBool
	}
	UsernameConfiguration *struct {
		CaseSensitive *cfnBool
	}
	UserAttributeUpdateSettings *struct {
		AttributesRequireVerificationBeforeUpdate cfnList
	}
}

// userPoolClientProps is what we read of an AWS::Cognito::UserPoolClient.
// UserPoolId is read only to be replaced by the pool created here; of
// SupportedIdentityProviders only COGNITO is kept (there is no federation
// locally). Left out: AnalyticsConfiguration (Pinpoint), AuthSessionValidity,
// EnablePropagateAdditionalUserContextData.
type userPoolClientProps struct {
	UserPoolId                      *cfnString
	ClientName                      *cfnString
	GenerateSecret                  *cfnBool
	ExplicitAuthFlows               cfnList
	AccessTokenValidity             *cfnInt
	IdTokenValidity                 *cfnInt
	RefreshTokenValidity            *cfnInt
	TokenValidityUnits              *struct{ AccessToken, IdToken, RefreshToken *cfnString }
	ReadAttributes                  cfnList
	WriteAttributes                 cfnList
	PreventUserExistenceErrors      *cfnString
	EnableTokenRevocation           *cfnBool
	AllowedOAuthFlows               cfnList
	AllowedOAuthFlowsUserPoolClient *cfnBool
	AllowedOAuthScopes              cfnList
	CallbackURLs                    cfnList
	LogoutURLs                      cfnList
	DefaultRedirectURI              *cfnString
	SupportedIdentityProviders      cfnList
}

// list is l converted to the SDK's string or enum type T.
func list[T ~string](l cfnList) []T {
	var out []T
	for _, s := range l {
		out = append(out, T(s))
	}
	return out
}
