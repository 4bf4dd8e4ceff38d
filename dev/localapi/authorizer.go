package localapi

import (
	"context"
	"errors"
	"net/http"

	"github.com/carrental/backend/pkg/auth"
)

// TokenVerifier verifies a Cognito ID token and returns its claims.
// *auth.Verifier, built with the local pool's issuer and app client,
// implements it: signature by kid from the pool's JWKS, RS256 only, issuer,
// audience, token_use id, expiry.
type TokenVerifier interface {
	VerifyIDToken(ctx context.Context, raw string) (auth.Claims, error)
}

// errNoToken is the refusal of a request without the identity header.
var errNoToken = errors.New("no token in the identity header")

// authorize is API Gateway's Cognito user-pool authorizer: the ID token is
// the whole value of the authorizer's identity header (API Gateway takes it
// raw; "Bearer <token>" is accepted too, as pkg/auth strips the prefix).
// On success it returns the claims as API Gateway puts them into
// requestContext.authorizer.claims (auth.Claims.APIGatewayClaims: every
// value a string); any failure is an error, which the caller answers with
// a 401 {"message":"Unauthorized"}.
func authorize(ctx context.Context, v TokenVerifier, a Authorizer, r *http.Request) (map[string]string, error) {
	raw := r.Header.Get(a.Header)
	if raw == "" {
		return nil, errNoToken
	}
	claims, err := v.VerifyIDToken(ctx, raw)
	if err != nil {
		return nil, err
	}
	return claims.APIGatewayClaims(), nil
}
