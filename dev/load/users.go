package load

import (
	"context"
	"fmt"

	"github.com/carrental/backend/dev/cognitolocal"
)

// User is a simulated user: signed up in the stack's cognito-local and
// signed in.
type User struct {
	Email string
	Sub   string // the user id: the bookings' partition key
	Token string // an ID token, the Authorization header
}

// CreateUsers creates n users in pool, as if each had signed up and
// confirmed (cognitolocal.SeedUser: AdminCreateUser, AdminSetUserPassword),
// and signs each in (InitiateAuth) for an ID token. The addresses carry
// run, so that runs against one running stack do not collide. One after
// the other: cognito-local keeps its pool in one JSON file.
func CreateUsers(ctx context.Context, pool cognitolocal.Pool, n int, run string) ([]User, error) {
	users := make([]User, n)
	for i := range users {
		u := &users[i]
		u.Email = fmt.Sprintf("load-%s-%02d@example.com", run, i+1)
		var err error
		if u.Sub, err = cognitolocal.SeedUser(ctx, pool, u.Email, cognitolocal.DemoPassword); err != nil {
			return nil, err
		}
		if u.Token, err = cognitolocal.IDToken(ctx, pool, u.Email, cognitolocal.DemoPassword); err != nil {
			return nil, err
		}
	}
	return users, nil
}
