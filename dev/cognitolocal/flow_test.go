//go:build unix

package cognitolocal

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/auth"
)

// provision starts a cognito-local and creates the pool and client of the
// template at path ("" for the repository's template.yaml) in it.
func provision(t *testing.T, path string) (*Server, Pool) {
	t.Helper()
	s := start(t)
	load := samtemplate.LoadRoot
	if path != "" {
		load = func() (*samtemplate.Template, error) { return samtemplate.Load(path) }
	}
	tpl, err := load()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := Provision(t.Context(), s.Endpoint(), tpl)
	if err != nil {
		t.Fatal(err)
	}
	return s, pool
}

// TestSeededUserSignsIn: in the pool of template.yaml, a seeded demo user
// gets an ID token with the claims that pkg/auth checks, signed by a key in
// the pool's JWKS.
func TestSeededUserSignsIn(t *testing.T) {
	t.Parallel()
	s, pool := provision(t, "")
	ctx := t.Context()
	if pool.Issuer != s.Issuer(pool.ID) || pool.JWKSURL != s.JWKSURL(pool.ID) || !strings.HasPrefix(pool.ID, "local_") {
		t.Errorf("pool = %+v, want issuer %s", pool, s.Issuer(pool.ID))
	}
	if err := SeedDemoUsers(ctx, pool); err != nil {
		t.Fatal(err)
	}
	carol, err := SeedUser(ctx, pool, "carol@example.com", DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	_, err = SeedUser(ctx, pool, DemoAlice, DemoPassword)
	if ue := (*types.UsernameExistsException)(nil); !errors.As(err, &ue) {
		t.Errorf("seeding %s again: error = %v, want UsernameExistsException", DemoAlice, err)
	}

	began := time.Now()
	token, err := IDToken(ctx, pool, DemoAlice, DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ID token in %s", time.Since(began).Round(time.Microsecond))
	header, claims := decode(t, token)
	if header["alg"] != "RS256" || header["kid"] == "" {
		t.Errorf("header = %v, want RS256 with a kid", header)
	}
	for name, want := range map[string]any{
		"iss": pool.Issuer, "aud": pool.ClientID, "token_use": "id",
		"email": DemoAlice, "email_verified": true,
	} {
		if claims[name] != want {
			t.Errorf("claim %s = %v, want %v", name, claims[name], want)
		}
	}
	if sub, _ := claims["sub"].(string); sub == "" {
		t.Errorf("claim sub = %v, want the user's id", claims["sub"])
	}
	if exp, _ := claims["exp"].(float64); time.Unix(int64(exp), 0).Before(time.Now()) {
		t.Errorf("claim exp = %v, want in the future", claims["exp"])
	}
	if !jwksHas(t, pool.JWKSURL, header["kid"].(string)) {
		t.Errorf("JWKS at %s has no RSA key %v", pool.JWKSURL, header["kid"])
	}

	// pkg/auth, which the local stack's authorizer and the chatbot use,
	// accepts the token as it would a deployed pool's.
	verifier, err := auth.New(ctx, auth.Config{Issuer: pool.Issuer, ClientID: pool.ClientID, JWKSURL: pool.JWKSURL})
	if err != nil {
		t.Fatal(err)
	}
	token, err = IDToken(ctx, pool, "carol@example.com", DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := verifier.VerifyIDToken(ctx, token); err != nil || c.Subject != carol || !c.EmailVerified {
		t.Errorf("pkg/auth: claims %+v, error %v; want sub %s, email verified", c, err, carol)
	}

	if _, err := IDToken(ctx, pool, DemoBob, "wrong"); err == nil {
		t.Error("sign-in with a wrong password: no error")
	}
}

// TestSignUpWithCode walks the browser's sign-up: SignUp, the code from
// the console, ConfirmSignUp, sign-in; then a forgotten password. It uses
// testdata's template, whose properties come in every form CloudFormation
// takes.
func TestSignUpWithCode(t *testing.T) {
	t.Parallel()
	s, pool := provision(t, "testdata/template.yaml")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	const email, password = "Carol.Long-Address.For.Wrapping@subdomain.example.com", "Sup3r!secret"
	_, err = client.SignUp(ctx, &cip.SignUpInput{
		ClientId: aws.String(pool.ClientID), Username: aws.String(email), Password: aws.String(password),
		UserAttributes: []types.AttributeType{{Name: aws.String("email"), Value: aws.String(email)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := IDToken(ctx, pool, email, password); err == nil {
		t.Error("sign-in before confirmation: no error")
	}
	code, err := s.WaitCode(ctx, strings.ToLower(email), "")
	if err != nil {
		t.Fatal(err)
	}
	if last, ok := s.LastCode(email); !ok || last != code || len(code) != 6 {
		t.Errorf("LastCode = %q, %v; WaitCode = %q, want the same six digits", last, ok, code)
	}
	_, err = client.ConfirmSignUp(ctx, &cip.ConfirmSignUpInput{
		ClientId: aws.String(pool.ClientID), Username: aws.String(email), ConfirmationCode: aws.String(code),
	})
	if err != nil {
		t.Fatal(err)
	}
	token, err := IDToken(ctx, pool, email, password)
	if err != nil {
		t.Fatalf("sign-in after confirmation: %v", err)
	}
	// Cognito sets email_verified when the sign-up code is confirmed;
	// cognito-local 5.3.0 does not. If this fails, it does now: update the
	// package comment.
	if _, claims := decode(t, token); claims["email_verified"] != false {
		t.Errorf("email_verified after ConfirmSignUp = %v; the package comment says cognito-local leaves it false", claims["email_verified"])
	}

	_, err = client.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(pool.ClientID), Username: aws.String(email)})
	if err != nil {
		t.Fatal(err)
	}
	reset, err := s.WaitCode(ctx, email, code)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.ConfirmForgotPassword(ctx, &cip.ConfirmForgotPasswordInput{
		ClientId: aws.String(pool.ClientID), Username: aws.String(email),
		ConfirmationCode: aws.String(reset), Password: aws.String("N3w!secret"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := IDToken(ctx, pool, email, "N3w!secret"); err != nil {
		t.Errorf("sign-in with the new password: %v", err)
	}
	if _, ok := s.LastCode("nobody@example.com"); ok {
		t.Error("LastCode of an address that got nothing: ok")
	}
}

// decode returns a JWT's header and claims, unverified.
func decode(t *testing.T, token string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts, want 3", len(parts))
	}
	for i, v := range []*map[string]any{&header, &claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	return header, claims
}

// jwksHas reports whether the JWKS at url has an RSA signing key kid.
func jwksHas(t *testing.T, url, kid string) bool {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var set struct {
		Keys []struct{ Kty, Kid, Alg, N, E string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		t.Fatal(err)
	}
	for _, k := range set.Keys {
		if k.Kid == kid && k.Kty == "RSA" && k.N != "" && k.E != "" {
			return true
		}
	}
	return false
}

// TestEveryCodeShowsAtOnce: cognito-local's console shows the code of
// every request before it answers, however many codes it has printed
// before (sonic-boom 2.x, under its pino-pretty, held them back after a
// few boxes: preload.cjs); so WaitCode right after each answer returns
// that request's code within a short wait, and it is the one that
// ConfirmForgotPassword takes.
func TestEveryCodeShowsAtOnce(t *testing.T) {
	t.Parallel()
	s, pool := provision(t, "")
	if err := SeedDemoUsers(t.Context(), pool); err != nil {
		t.Fatal(err)
	}
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	code := ""
	for i := range 12 {
		_, err := client.ForgotPassword(t.Context(), &cip.ForgotPasswordInput{ClientId: aws.String(pool.ClientID), Username: aws.String(DemoBob)})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		code, err = s.WaitCode(ctx, DemoBob, code)
		cancel()
		if err != nil {
			t.Fatalf("ForgotPassword %d: %v; the console so far:\n%s", i+1, err, s.out)
		}
	}
	_, err = client.ConfirmForgotPassword(t.Context(), &cip.ConfirmForgotPasswordInput{
		ClientId: aws.String(pool.ClientID), Username: aws.String(DemoBob), ConfirmationCode: aws.String(code), Password: aws.String("N3w!secret"),
	})
	if err != nil {
		t.Errorf("ConfirmForgotPassword with the last code seen: %v", err)
	}
}
