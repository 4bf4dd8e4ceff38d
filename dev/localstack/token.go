package localstack

import (
	"context"

	"github.com/carrental/backend/dev/cognitolocal"
)

// Token signs email in at the running stack's cognito-local (the state
// file at statePath) and returns a fresh ID token, the value of the API's
// Authorization header. password "" is the demo users' password. Errors:
// no stack running (wraps ErrNotRunning), a wrong password or unknown user.
func Token(ctx context.Context, statePath, email, password string) (string, error) {
	s, err := ReadState(statePath)
	if err != nil {
		return "", err
	}
	if password == "" {
		password = cognitolocal.DemoPassword
	}
	return cognitolocal.IDToken(ctx, s.Cognito.Pool(), email, password)
}
