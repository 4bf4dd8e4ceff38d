//go:build unix

package cognitolocal

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// totp is the RFC 6238 code of a base32 secret at time at: HMAC-SHA1, 30 s
// steps, 6 digits, what authenticator apps and Cognito use.
func totp(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		t.Fatalf("secret %q: %v", secret, err)
	}
	var step [8]byte
	binary.BigEndian.PutUint64(step[:], uint64(at.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(step[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	n := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", n%1_000_000)
}

// TestTOTP walks what the web app does for a second factor against
// cognito-local 5.3.0 and the pool of template.yaml (MfaConfiguration
// OPTIONAL): associate an authenticator app with the access token, verify
// it with a code, prefer it; then sign-in answers SOFTWARE_TOKEN_MFA, a
// wrong code is refused and the right one gives tokens. What cognito-local
// does not do as Cognito does is pinned down at the end, for the docs.
func TestTOTP(t *testing.T) {
	t.Parallel()
	_, pool := provision(t, "")
	ctx := t.Context()
	client, err := NewClient(pool.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	const email = "mfa@example.com"
	if _, err := SeedUser(ctx, pool, email, DemoPassword); err != nil {
		t.Fatal(err)
	}
	signIn := func() *cip.InitiateAuthOutput {
		t.Helper()
		out, err := client.InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: aws.String(pool.ClientID),
			AuthFlow: types.AuthFlowTypeUserPasswordAuth, AuthParameters: map[string]string{"USERNAME": email, "PASSWORD": DemoPassword}})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := signIn()
	if first.AuthenticationResult == nil {
		t.Fatalf("without a second factor: challenge %s, want tokens", first.ChallengeName)
	}
	access := first.AuthenticationResult.AccessToken

	assoc, err := client.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{AccessToken: access})
	if err != nil {
		t.Fatal(err)
	}
	secret := aws.ToString(assoc.SecretCode)
	_, err = client.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{AccessToken: access, UserCode: aws.String(wrongCode(t, secret))})
	if cm := (*types.CodeMismatchException)(nil); !errors.As(err, &cm) {
		t.Errorf("VerifySoftwareToken with a wrong code: %v, want CodeMismatchException (Cognito: EnableSoftwareTokenMFAException)", err)
	}
	ver, err := client.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{AccessToken: access,
		UserCode: aws.String(totp(t, secret, time.Now())), FriendlyDeviceName: aws.String("phone")})
	if err != nil || ver.Status != types.VerifySoftwareTokenResponseTypeSuccess {
		t.Fatalf("VerifySoftwareToken: %+v, %v", ver, err)
	}
	_, err = client.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{AccessToken: access,
		SoftwareTokenMfaSettings: &types.SoftwareTokenMfaSettingsType{Enabled: true, PreferredMfa: true}})
	if err != nil {
		t.Fatal(err)
	}
	user, err := client.GetUser(ctx, &cip.GetUserInput{AccessToken: access})
	if err != nil || !slices.Contains(user.UserMFASettingList, "SOFTWARE_TOKEN_MFA") || aws.ToString(user.PreferredMfaSetting) != "SOFTWARE_TOKEN_MFA" {
		t.Errorf("GetUser: %+v, %v; want SOFTWARE_TOKEN_MFA enabled and preferred", user, err)
	}

	challenge := signIn()
	if challenge.ChallengeName != types.ChallengeNameTypeSoftwareTokenMfa || challenge.Session == nil || challenge.AuthenticationResult != nil {
		t.Fatalf("sign-in with TOTP on: %+v, want the SOFTWARE_TOKEN_MFA challenge", challenge)
	}
	respond := func(code, session string) (*cip.RespondToAuthChallengeOutput, error) {
		return client.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ClientId: aws.String(pool.ClientID),
			ChallengeName: types.ChallengeNameTypeSoftwareTokenMfa, Session: aws.String(session),
			ChallengeResponses: map[string]string{"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": code}})
	}
	_, err = respond(wrongCode(t, secret), *challenge.Session)
	if cm := (*types.CodeMismatchException)(nil); !errors.As(err, &cm) {
		t.Errorf("a wrong TOTP code: %v, want CodeMismatchException", err)
	}
	done, err := respond(totp(t, secret, time.Now()), *challenge.Session)
	if err != nil || done.AuthenticationResult == nil || aws.ToString(done.AuthenticationResult.IdToken) == "" {
		t.Fatalf("the right TOTP code: %+v, %v; want tokens", done, err)
	}

	// Where cognito-local is laxer than Cognito (docs/local-stack.md):
	// it checks neither the challenge's Session nor whether a code was
	// used already.
	if _, err := respond(totp(t, secret, time.Now()), "not-the-session"); err != nil {
		t.Errorf("another Session: %v; the docs say cognito-local does not check it", err)
	}
	// It reads the access token without checking its signature: one made
	// up with the user's sub and the client's id associates a new secret
	// (Cognito answers NotAuthorizedException).
	_, claims := decode(t, aws.ToString(access))
	forged := "eyJhbGciOiJub25lIn0." + base64.RawURLEncoding.EncodeToString(
		[]byte(fmt.Sprintf(`{"sub":%q,"client_id":%q,"token_use":"access"}`, claims["sub"], pool.ClientID))) + "."
	if _, err := client.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{AccessToken: aws.String(forged)}); err != nil {
		t.Errorf("AssociateSoftwareToken with an unsigned token: %v; the docs say cognito-local takes it", err)
	}
	// It sets up a second factor only with an access token, not in the
	// MFA_SETUP challenge (which a pool with MFA ON would send).
	_, err = client.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{Session: challenge.Session})
	if ip := (*types.InvalidParameterException)(nil); !errors.As(err, &ip) {
		t.Errorf("AssociateSoftwareToken with a Session: %v; the docs say cognito-local refuses it", err)
	}
}

// wrongCode is a six-digit code that is none of the secret's codes of the
// last, this and the next 30 s step (what a verifier may accept).
func wrongCode(t *testing.T, secret string) string {
	t.Helper()
	now := time.Now()
	valid := []string{totp(t, secret, now.Add(-30*time.Second)), totp(t, secret, now), totp(t, secret, now.Add(30*time.Second))}
	for i := 0; ; i++ {
		if c := fmt.Sprintf("%06d", (i*7919)%1_000_000); !slices.Contains(valid, c) {
			return c
		}
	}
}
