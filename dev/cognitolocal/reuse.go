package cognitolocal

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/carrental/backend/dev/samtemplate"
)

// ProvisionOnce is Provision for a cognito-local whose data folder is
// kept from run to run: it returns the pool named as the template's
// UserPool and its client named as the template's UserPoolClient when an
// earlier run created them (so their ids, and the users, stay), and
// creates what is missing. An existing pool is taken as it is: a change
// to the template's UserPool or UserPoolClient since reaches cognito-local
// only through a new data folder (make reset). Errors: as Provision's.
func ProvisionOnce(ctx context.Context, endpoint string, tpl *samtemplate.Template) (Pool, error) {
	in, client, err := prepare(endpoint, tpl)
	if err != nil {
		return Pool{}, err
	}
	pools, err := client.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(60)})
	if err != nil {
		return Pool{}, fmt.Errorf("cognitolocal: list user pools: %w", err)
	}
	var poolID string
	for _, p := range pools.UserPools {
		if aws.ToString(p.Name) == aws.ToString(in.pool.PoolName) {
			poolID = aws.ToString(p.Id)
		}
	}
	if poolID == "" {
		return Provision(ctx, endpoint, tpl)
	}
	clients, err := client.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(poolID), MaxResults: aws.Int32(60)})
	if err != nil {
		return Pool{}, fmt.Errorf("cognitolocal: list the clients of %s: %w", poolID, err)
	}
	var clientID string
	for _, c := range clients.UserPoolClients {
		if aws.ToString(c.ClientName) == aws.ToString(in.client.ClientName) {
			clientID = aws.ToString(c.ClientId)
		}
	}
	if clientID == "" {
		in.client.UserPoolId = aws.String(poolID)
		c, err := client.CreateUserPoolClient(ctx, in.client)
		if err != nil || c.UserPoolClient == nil {
			return Pool{}, fmt.Errorf("cognitolocal: create the template's %s: %w", UserPoolClientResource, err)
		}
		clientID = aws.ToString(c.UserPoolClient.ClientId)
	}
	return Pool{Endpoint: endpoint, ID: poolID, ClientID: clientID, Issuer: issuer(endpoint, poolID),
		JWKSURL: jwksURL(endpoint, poolID), Ignored: in.ignored}, nil
}
