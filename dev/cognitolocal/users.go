package cognitolocal

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// The demo users that the local stack seeds, and their password. It meets
// template.yaml's password policy (10 characters, upper and lower case, a
// digit) and Cognito's default (8, and a symbol too), so the same users can
// be created in a deployed pool; cognito-local itself checks no policy.
const (
	DemoAlice    = "alice@example.com"
	DemoBob      = "bob@example.com"
	DemoStaff    = "staff@example.com" // a member of AdminsGroup (SeedStaff)
	DemoPassword = "Passw0rd!demo"
)

// SeedDemoUsers seeds DemoAlice and DemoBob with DemoPassword (SeedUser),
// each unless the pool has the user already (a pool kept from an earlier
// run, whose passwords may have changed since).
func SeedDemoUsers(ctx context.Context, pool Pool) error {
	for _, email := range []string{DemoAlice, DemoBob} {
		if err := seedMissing(ctx, pool, email); err != nil {
			return err
		}
	}
	return nil
}

// SeedStaff seeds DemoStaff as SeedDemoUsers seeds the others, and makes
// it a member of AdminsGroup, which must exist (CreateGroups): its ID
// tokens then say cognito:groups ["admins"].
func SeedStaff(ctx context.Context, pool Pool) error {
	if err := seedMissing(ctx, pool, DemoStaff); err != nil {
		return err
	}
	return AddToGroup(ctx, pool, DemoStaff, AdminsGroup)
}

// seedMissing seeds email with DemoPassword unless the user exists.
func seedMissing(ctx context.Context, pool Pool, email string) error {
	_, err := SeedUser(ctx, pool, email, DemoPassword)
	var exists *types.UsernameExistsException
	if err != nil && !errors.As(err, &exists) {
		return err
	}
	return nil
}

// SeedUser creates a confirmed user of pool whose email, the username, is
// verified (email_verified=true) and whose password is password, as if the
// user had signed up and confirmed: AdminCreateUser without a welcome
// message, then AdminSetUserPassword with Permanent. It returns the user's
// sub. Errors: the user exists (it wraps *types.UsernameExistsException),
// cognito-local unreachable.
func SeedUser(ctx context.Context, pool Pool, email, password string) (sub string, err error) {
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		return "", err
	}
	out, err := client.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId:    aws.String(pool.ID),
		Username:      aws.String(email),
		MessageAction: types.MessageActionTypeSuppress,
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(email)},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
		},
	})
	if err != nil {
		return "", fmt.Errorf("cognitolocal: create user %s: %w", email, err)
	}
	_, err = client.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(pool.ID),
		Username:   aws.String(email),
		Password:   aws.String(password),
		Permanent:  true,
	})
	if err != nil {
		return "", fmt.Errorf("cognitolocal: set the password of %s: %w", email, err)
	}
	for _, a := range out.User.Attributes {
		if aws.ToString(a.Name) == "sub" {
			return aws.ToString(a.Value), nil
		}
	}
	return "", fmt.Errorf("cognitolocal: user %s was created without a sub", email)
}

// IDToken signs email in with password through the pool's app client
// (InitiateAuth, USER_PASSWORD_AUTH) and returns the ID token: the raw JWT
// that the API's Authorization header and the chatbot's idToken take.
// Errors: a wrong password (cognito-local 5.3.0 answers
// InvalidPasswordException where Cognito answers NotAuthorizedException),
// an unknown user (NotAuthorizedException), a user not confirmed
// (UserNotConfirmedException), a challenge such as NEW_PASSWORD_REQUIRED,
// cognito-local unreachable; the SDK's exception types are wrapped.
func IDToken(ctx context.Context, pool Pool, email, password string) (string, error) {
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		return "", err
	}
	out, err := client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		ClientId:       aws.String(pool.ClientID),
		AuthFlow:       types.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": email, "PASSWORD": password},
	})
	if err != nil {
		return "", fmt.Errorf("cognitolocal: sign in %s: %w", email, err)
	}
	if out.ChallengeName != "" {
		return "", fmt.Errorf("cognitolocal: sign in %s: cognito-local asks for challenge %s", email, out.ChallengeName)
	}
	if out.AuthenticationResult == nil || aws.ToString(out.AuthenticationResult.IdToken) == "" {
		return "", errors.New("cognitolocal: sign in " + email + ": no ID token in the answer")
	}
	return *out.AuthenticationResult.IdToken, nil
}
