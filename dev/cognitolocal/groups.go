package cognitolocal

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/carrental/backend/dev/samtemplate"
)

const userPoolGroupType = "AWS::Cognito::UserPoolGroup"

// AdminsGroup is the staff's group (template.yaml's AdminsGroup): its
// members may call the admin routes.
const AdminsGroup = "admins"

// groupProps are the properties of an AWS::Cognito::UserPoolGroup that
// cognito-local stores.
type groupProps struct {
	GroupName   string
	Description string
	Precedence  *int32
	UserPoolId  string // the pool's logical id (ResourceRefs)
}

// CreateGroups creates in pool each AWS::Cognito::UserPoolGroup of tpl
// that belongs to the template's UserPool (GroupName, Description,
// Precedence; RoleArn is left out), unless pool has it already. cognito-local
// 5.3.0 supports groups: CreateGroup, ListGroups, AdminAddUserToGroup, and
// its tokens (ID and access) carry the user's groups in cognito:groups,
// as Cognito's do. Errors: a group without a name, a call refused.
func CreateGroups(ctx context.Context, pool Pool, tpl *samtemplate.Template) error {
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		return err
	}
	refs := tpl.WithResourceRefs()
	for _, id := range tpl.LogicalIDs(userPoolGroupType) {
		var g groupProps
		if err := refs.Properties(id, userPoolGroupType, &g); err != nil {
			return fmt.Errorf("cognitolocal: %w", err)
		}
		if g.UserPoolId != UserPoolResource {
			continue // another pool's
		}
		if g.GroupName == "" {
			return fmt.Errorf("cognitolocal: %s has no GroupName (CloudFormation would make one up; the code needs to know it)", id)
		}
		if err := createGroup(ctx, client, pool.ID, g); err != nil {
			return err
		}
	}
	return nil
}

// createGroup creates g unless the pool has a group of its name. It asks
// ListGroups, not GetGroup: cognito-local 5.3.0's GetGroup fails with a
// 500 on a pool that has no group yet.
func createGroup(ctx context.Context, client *cip.Client, poolID string, g groupProps) error {
	list, err := client.ListGroups(ctx, &cip.ListGroupsInput{UserPoolId: aws.String(poolID)})
	if err != nil {
		return fmt.Errorf("cognitolocal: list groups: %w", err)
	}
	for _, have := range list.Groups {
		if aws.ToString(have.GroupName) == g.GroupName {
			return nil
		}
	}
	in := &cip.CreateGroupInput{UserPoolId: aws.String(poolID), GroupName: aws.String(g.GroupName), Precedence: g.Precedence}
	if g.Description != "" {
		in.Description = aws.String(g.Description)
	}
	if _, err := client.CreateGroup(ctx, in); err != nil {
		return fmt.Errorf("cognitolocal: create group %s: %w", g.GroupName, err)
	}
	return nil
}

// AddToGroup makes the user email a member of group (which must exist).
// Adding a member again changes nothing.
func AddToGroup(ctx context.Context, pool Pool, email, group string) error {
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		return err
	}
	_, err = client.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{UserPoolId: aws.String(pool.ID),
		Username: aws.String(email), GroupName: aws.String(group)})
	if err != nil {
		return fmt.Errorf("cognitolocal: add %s to group %s: %w", email, group, err)
	}
	return nil
}
