package cognitolocal

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/carrental/backend/dev/samtemplate"
)

// Pool is a user pool and app client created in cognito-local: what the
// local stack's authorizer, the chatbot (COGNITO_ISSUER, COGNITO_CLIENT_ID)
// and a sign-in need.
type Pool struct {
	Endpoint string // cognito-local's URL, "http://127.0.0.1:PORT"
	ID       string // "local_XXXXXXXX"
	ClientID string // the app client: the ID token's aud
	Issuer   string // the tokens' iss, Endpoint + "/" + ID
	JWKSURL  string // Issuer + "/.well-known/jwks.json"
	// Ignored lists the template's properties that were not passed to
	// cognito-local, as "UserPool.LambdaConfig", and the identity providers
	// other than COGNITO, as "UserPoolClient.SupportedIdentityProviders:
	// Google"; for the local stack to log at start-up.
	Ignored []string
}

// Provision creates in the cognito-local at endpoint the user pool and app
// client that tpl declares as UserPool (AWS::Cognito::UserPool) and
// UserPoolClient (AWS::Cognito::UserPoolClient): names, username, alias and
// auto-verified attributes, password policy, schema, account recovery,
// explicit auth flows, token validities and the rest that cognito-local
// stores (see userPoolProps and userPoolClientProps for what is left out).
// Every call creates a new pool. The Issuer assumes that the server's
// issuer domain is its endpoint, as Start configures it.
//
// Errors: a resource missing, of another type or with a malformed property;
// a create call refused or cognito-local unreachable.
func Provision(ctx context.Context, endpoint string, tpl *samtemplate.Template) (Pool, error) {
	in, client, err := prepare(endpoint, tpl)
	if err != nil {
		return Pool{}, err
	}
	pool, err := client.CreateUserPool(ctx, in.pool)
	if err != nil {
		return Pool{}, fmt.Errorf("cognitolocal: create the template's %s: %w", UserPoolResource, err)
	}
	if pool.UserPool == nil || pool.UserPool.Id == nil {
		return Pool{}, errors.New("cognitolocal: CreateUserPool answered no pool id")
	}
	id := *pool.UserPool.Id
	in.client.UserPoolId = aws.String(id)
	c, err := client.CreateUserPoolClient(ctx, in.client)
	if err != nil {
		return Pool{}, fmt.Errorf("cognitolocal: create the template's %s: %w", UserPoolClientResource, err)
	}
	if c.UserPoolClient == nil || c.UserPoolClient.ClientId == nil {
		return Pool{}, errors.New("cognitolocal: CreateUserPoolClient answered no client id")
	}
	return Pool{
		Endpoint: endpoint,
		ID:       id,
		ClientID: *c.UserPoolClient.ClientId,
		Issuer:   issuer(endpoint, id),
		JWKSURL:  jwksURL(endpoint, id),
		Ignored:  in.ignored,
	}, nil
}

// prepare reads the template's create calls and makes a client of the
// cognito-local at endpoint.
func prepare(endpoint string, tpl *samtemplate.Template) (inputs, *cip.Client, error) {
	in, err := inputsFrom(tpl)
	if err != nil {
		return inputs{}, nil, fmt.Errorf("cognitolocal: %w", err)
	}
	client, err := NewClient(endpoint)
	return in, client, err
}
