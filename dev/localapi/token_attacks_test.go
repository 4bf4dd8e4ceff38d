package localapi

import (
	"net/http"
	"testing"
	"time"

	"github.com/carrental/backend/dev/authtest"
)

// TestAuthorizerRefusesTokenAttacks runs the token attacks of pkg/auth's
// table through the local stack's Cognito authorizer: each is API
// Gateway's 401 {"message":"Unauthorized"} and the protected function is
// never called; a valid token on the same bed passes (so a refusal is the
// token's doing). Each attack gets a bed of its own, so that one cannot
// warm the JWKS cache for the next (the endpoint-down case needs it cold).
// It guards the authorizer's wiring to pkg/auth: a route that skipped
// verification, or passed a refused token on, fails here.
func TestAuthorizerRefusesTokenAttacks(t *testing.T) {
	const sub, email = "user-1", "ann@example.com"
	now := time.Now()
	attacks := []struct {
		name  string
		token func(t *testing.T, iss *authtest.Issuer) string
		down  bool // the JWKS endpoint is down
	}{
		{"alg none", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithAlg("none"))
		}, false},
		{"HS256 signed with the RSA public key", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithAlg("HS256"))
		}, false},
		{"unknown kid", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithKID("unknown-kid"))
		}, false},
		{"wrong issuer", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithIssuerClaim("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other"))
		}, false},
		{"wrong audience", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithClientID("another-app-client"))
		}, false},
		{"access token", func(t *testing.T, iss *authtest.Issuer) string { return iss.AccessToken(sub) }, false},
		{"expired", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithIssuedAt(now.Add(-2*time.Hour)), authtest.WithExpiresAt(now.Add(-time.Hour)))
		}, false},
		{"not yet valid", func(t *testing.T, iss *authtest.Issuer) string {
			return iss.IDToken(sub, email, authtest.WithNotBefore(now.Add(time.Hour)))
		}, false},
		{"tampered payload", func(t *testing.T, iss *authtest.Issuer) string {
			return authtest.TamperClaim(t, iss.IDToken("user-2", email), "sub", sub)
		}, false},
		{"JWKS endpoint down", func(t *testing.T, iss *authtest.Issuer) string { return iss.IDToken(sub, email) }, true},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			b := newBed(t, Options{})
			rec := b.recs["PutThingFunction"]
			b.iss.SetDown(a.down)
			w := b.do("PUT", "/things/a", `{}`, "Authorization", a.token(t, b.iss), "Content-Type", "application/json")
			wantGatewayError(t, w, http.StatusUnauthorized, "Unauthorized")
			if n := rec.calls(); n != 0 {
				t.Fatalf("the protected function ran %d times", n)
			}
			b.iss.SetDown(false)
			if a.down {
				return // the verifier waits a while before it fetches again
			}
			if w := b.do("PUT", "/things/a", `{}`, "Authorization", b.iss.IDToken(sub, email), "Content-Type", "application/json"); w.Code != http.StatusOK {
				t.Fatalf("a valid token after the attack: %d %s", w.Code, w.Body)
			}
		})
	}
}
