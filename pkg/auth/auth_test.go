package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"

	"github.com/carrental/backend/dev/authtest"
)

func newVerifier(t *testing.T, iss *authtest.Issuer, mods ...func(*Config)) *Verifier {
	t.Helper()
	cfg := Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()}
	for _, m := range mods {
		m(&cfg)
	}
	v, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return v
}

// wantInvalid fails unless err wraps ErrInvalidToken and reason.
func wantInvalid(t *testing.T, err, reason error) {
	t.Helper()
	if err == nil {
		t.Fatalf("verified; want ErrInvalidToken (%v)", reason)
	}
	if !errors.Is(err, ErrInvalidToken) {
		t.Errorf("err = %v; does not wrap ErrInvalidToken", err)
	}
	if reason != nil && !errors.Is(err, reason) {
		t.Errorf("err = %v; want reason %v", err, reason)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error text spans lines: %q", err)
	}
}

func wantFetches(t *testing.T, iss *authtest.Issuer, n int) {
	t.Helper()
	if got := iss.Fetches(); got != n {
		t.Errorf("JWKS fetches = %d, want %d", got, n)
	}
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestVerifyIDToken runs each check against a token that only it refuses.
// Every case asserts the reason as well as ErrInvalidToken, and the number of
// JWKS fetches, so that removing the check (or moving a cheap check after the
// fetch) makes its case fail.
func TestVerifyIDToken(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	tests := []struct {
		name    string
		setup   func(iss *authtest.Issuer)
		token   func(t *testing.T, iss *authtest.Issuer) string
		wantErr error // nil: must verify
		fetches int
		after   func(t *testing.T, v *Verifier, iss *authtest.Issuer)
	}{
		{
			name:    "valid",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return iss.IDToken("user-1", "ann@example.com") },
			fetches: 1,
		},
		{
			name: "Bearer prefix",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return "Bearer " + iss.IDToken("user-1", "ann@example.com")
			},
			fetches: 1,
		},
		{
			name: "bearer prefix in lower case with extra spaces",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return "  bearer   " + iss.IDToken("user-1", "ann@example.com") + " "
			},
			fetches: 1,
		},
		{
			name: "alg none",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithAlg("none"))
			},
			// Refused by WithValidMethods before any key lookup: no fetch.
			wantErr: jwt.ErrTokenSignatureInvalid,
		},
		{
			name: "HS256 with the RSA public key as HMAC secret",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithAlg("HS256"))
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
		},
		{
			name: "RS512 by the pool's own key",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithAlg("RS512"))
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
		},
		{
			name: "PS256 by the pool's own key",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithAlg("PS256"))
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
		},
		{
			name: "RS256 by another key with the same kid",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithForeignKey())
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
			fetches: 1,
		},
		{
			name: "no kid",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithoutKID())
			},
			wantErr: errNoKID,
		},
		{
			name: "unknown kid: one refetch, and none for the next unknown kid within a minute",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithKID("unknown-1"))
			},
			wantErr: jwkset.ErrKeyNotFound,
			fetches: 2, // first load + one refetch for the unknown kid
			after: func(t *testing.T, v *Verifier, iss *authtest.Issuer) {
				tok := iss.IDToken("user-1", "ann@example.com", authtest.WithKID("unknown-2"))
				start := time.Now()
				_, err := v.VerifyIDToken(ctx, tok)
				wantInvalid(t, err, nil)
				wantFetches(t, iss, 2)
				if d := time.Since(start); d > time.Second {
					t.Errorf("rate-limited unknown kid took %v; want an immediate refusal", d)
				}
				// Known keys still verify, from the cache.
				if _, err := v.VerifyIDToken(ctx, iss.IDToken("user-1", "ann@example.com")); err != nil {
					t.Errorf("valid token after unknown kids: %v", err)
				}
				wantFetches(t, iss, 2)
			},
		},
		{
			name: "wrong issuer",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com",
					authtest.WithIssuerClaim("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other"))
			},
			wantErr: jwt.ErrTokenInvalidIssuer,
			fetches: 1,
		},
		{
			name: "issuer with a trailing slash",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithIssuerClaim(iss.Issuer()+"/"))
			},
			wantErr: jwt.ErrTokenInvalidIssuer,
			fetches: 1,
		},
		{
			name: "wrong audience",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithClientID("other-client"))
			},
			wantErr: jwt.ErrTokenInvalidAudience,
			fetches: 1,
		},
		{
			name: "audience as a list holding the client id",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithClaim("aud", []string{iss.ClientID(), "other"}))
			},
			wantErr: errClaimType,
			fetches: 1,
		},
		{
			name: "crit header with an unknown extension",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithHeader("crit", []string{"exp-ext"}), authtest.WithHeader("exp-ext", true))
			},
			wantErr: errCritical,
			fetches: 0,
		},
		{
			name: "no audience",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithoutClaim("aud"))
			},
			wantErr: jwt.ErrTokenRequiredClaimMissing,
			fetches: 1,
		},
		{
			name: "Cognito access token (token_use access, client_id, no aud)",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.AccessToken("user-1")
			},
			wantErr: errTokenUse,
			fetches: 1,
		},
		{
			name: "token_use access with the right aud",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithTokenUse("access"))
			},
			wantErr: errTokenUse,
			fetches: 1,
		},
		{
			name: "no token_use",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithoutClaim("token_use"))
			},
			wantErr: errTokenUse,
			fetches: 1,
		},
		{
			name: "expired",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com",
					authtest.WithIssuedAt(now.Add(-2*time.Hour)),
					authtest.WithExpiresAt(now.Add(-DefaultLeeway-time.Minute)))
			},
			wantErr: jwt.ErrTokenExpired,
			fetches: 1,
		},
		{
			name: "expired less than the leeway ago",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com",
					authtest.WithIssuedAt(now.Add(-2*time.Hour)),
					authtest.WithExpiresAt(now.Add(-DefaultLeeway/3)))
			},
			fetches: 1,
		},
		{
			name: "no exp",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithoutExpiry())
			},
			wantErr: jwt.ErrTokenRequiredClaimMissing,
			fetches: 1,
		},
		{
			name: "not yet valid (nbf in the future)",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithNotBefore(now.Add(DefaultLeeway+time.Minute)))
			},
			wantErr: jwt.ErrTokenNotValidYet,
			fetches: 1,
		},
		{
			name: "issued in the future (iat)",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithIssuedAt(now.Add(DefaultLeeway+time.Minute)))
			},
			wantErr: jwt.ErrTokenUsedBeforeIssued,
			fetches: 1,
		},
		{
			name: "no sub",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithoutClaim("sub"))
			},
			wantErr: errNoSubject,
			fetches: 1,
		},
		{
			name: "empty sub",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("", "ann@example.com")
			},
			wantErr: errNoSubject,
			fetches: 1,
		},
		{
			name: "cognito:groups not an array of strings",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithClaim("cognito:groups", "admins"))
			},
			wantErr: errClaimType,
			fetches: 1,
		},
		{
			name: "email_verified not a boolean",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithClaim("email_verified", "yes"))
			},
			wantErr: errClaimType,
			fetches: 1,
		},
		{
			name: "tampered payload: sub changed, signature kept",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return authtest.TamperClaim(t, iss.IDToken("user-1", "ann@example.com"), "sub", "user-2")
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
			fetches: 1,
		},
		{
			name: "tampered payload: expired token's exp extended",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				tok := iss.IDToken("user-1", "ann@example.com",
					authtest.WithIssuedAt(now.Add(-3*time.Hour)), authtest.WithExpiresAt(now.Add(-2*time.Hour)))
				return authtest.TamperClaim(t, tok, "exp", now.Add(time.Hour).Unix())
			},
			wantErr: jwt.ErrTokenSignatureInvalid,
			fetches: 1,
		},
		{
			name:    "empty string",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return "" },
			wantErr: errEmptyToken,
		},
		{
			name:    "Bearer and nothing",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return "Bearer " },
			wantErr: errEmptyToken,
		},
		{
			name:    "two segments",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return "a.b" },
			wantErr: jwt.ErrTokenMalformed,
		},
		{
			name:    "garbage",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return "garbage" },
			wantErr: jwt.ErrTokenMalformed,
		},
		{
			name:    "three segments, not base64 JSON",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return "a.b.c" },
			wantErr: jwt.ErrTokenMalformed,
		},
		{
			name: "payload not JSON",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				parts := strings.Split(iss.IDToken("user-1", "ann@example.com"), ".")
				return parts[0] + ".bm90IGpzb24." + parts[2]
			},
			wantErr: jwt.ErrTokenMalformed,
		},
		{
			name: "too long",
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return iss.IDToken("user-1", "ann@example.com", authtest.WithClaim("pad", strings.Repeat("x", maxTokenBytes)))
			},
			wantErr: errTokenTooLong,
		},
		{
			name:    "JWKS endpoint down at first use",
			setup:   func(iss *authtest.Issuer) { iss.SetDown(true) },
			token:   func(t *testing.T, iss *authtest.Issuer) string { return iss.IDToken("user-1", "ann@example.com") },
			wantErr: errJWKSUnavailable,
			fetches: 1,
		},
		{
			name:    "key rotation: a token with the new kid verifies after one refetch",
			token:   func(t *testing.T, iss *authtest.Issuer) string { return iss.IDToken("user-1", "ann@example.com") },
			fetches: 1,
			after: func(t *testing.T, v *Verifier, iss *authtest.Issuer) {
				old := iss.IDToken("user-1", "ann@example.com")
				oldKID := iss.KID()
				iss.RotateKey()
				if iss.KID() == oldKID {
					t.Fatal("RotateKey kept the kid")
				}
				if _, err := v.VerifyIDToken(ctx, iss.IDToken("user-1", "ann@example.com")); err != nil {
					t.Fatalf("token with the new kid: %v", err)
				}
				wantFetches(t, iss, 2)
				if _, err := v.VerifyIDToken(ctx, old); err != nil {
					t.Errorf("token with the old kid after rotation: %v", err)
				}
				wantFetches(t, iss, 2)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			iss := authtest.NewIssuer(t)
			if tc.setup != nil {
				tc.setup(iss)
			}
			v := newVerifier(t, iss)
			tok := tc.token(t, iss)
			claims, err := v.VerifyIDToken(ctx, tok)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("VerifyIDToken: %v", err)
				}
				if claims.Subject != "user-1" || claims.Email != "ann@example.com" {
					t.Errorf("claims = %+v", claims)
				}
			} else {
				wantInvalid(t, err, tc.wantErr)
				if claims.Subject != "" || claims.Raw != nil {
					t.Errorf("claims returned with an error: %+v", claims)
				}
				for _, seg := range strings.Split(strings.TrimPrefix(strings.TrimSpace(tok), "Bearer "), ".") {
					if len(seg) > 16 && strings.Contains(err.Error(), seg) {
						t.Errorf("error text contains part of the token: %v", err)
					}
				}
			}
			wantFetches(t, iss, tc.fetches)
			if tc.after != nil {
				tc.after(t, v, iss)
			}
		})
	}
}

func TestVerifyIDTokenClaims(t *testing.T) {
	iss := authtest.NewIssuer(t)
	v := newVerifier(t, iss)
	exp := time.Now().Add(20 * time.Minute).Truncate(time.Second)
	c, err := v.VerifyIDToken(context.Background(), iss.IDToken("user-1", "ann@example.com",
		authtest.WithUsername("ann"), authtest.WithGroups("admins", "drivers"), authtest.WithExpiresAt(exp)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != "user-1" || c.Email != "ann@example.com" || !c.EmailVerified || c.Username != "ann" {
		t.Errorf("claims = %+v", c)
	}
	if len(c.Groups) != 2 || c.Groups[0] != "admins" || c.Groups[1] != "drivers" {
		t.Errorf("Groups = %q", c.Groups)
	}
	if !c.ExpiresAt.Equal(exp) || c.ExpiresAt.Location() != time.UTC {
		t.Errorf("ExpiresAt = %v, want %v in UTC", c.ExpiresAt, exp)
	}
	if c.Raw["token_use"] != "id" || c.Raw["aud"] != iss.ClientID() {
		t.Errorf("Raw = %v", c.Raw)
	}

	c, err = v.VerifyIDToken(context.Background(), iss.IDToken("user-2", "",
		authtest.WithoutClaim("email"), authtest.WithClaim("email_verified", "false")))
	if err != nil {
		t.Fatal(err)
	}
	if c.Email != "" || c.EmailVerified || c.Groups != nil {
		t.Errorf("claims = %+v", c)
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewDoesNoHTTPRequest(t *testing.T) {
	iss := authtest.NewIssuer(t)
	var requests atomic.Int64
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		requests.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})}
	v := newVerifier(t, iss, func(c *Config) { c.HTTPClient = client })
	if n := requests.Load(); n != 0 {
		t.Fatalf("New made %d HTTP requests", n)
	}
	wantFetches(t, iss, 0)

	// Nor does a token refused on its shape.
	_, err := v.VerifyIDToken(context.Background(), "garbage")
	wantInvalid(t, err, jwt.ErrTokenMalformed)
	wantFetches(t, iss, 0)

	// The first real verification fetches, through Config.HTTPClient.
	if _, err := v.VerifyIDToken(context.Background(), iss.IDToken("u", "u@example.com")); err != nil {
		t.Fatal(err)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("HTTP requests through Config.HTTPClient = %d, want 1", n)
	}
	wantFetches(t, iss, 1)

	// A pool that cannot be reached: New still succeeds.
	if _, err := New(context.Background(), Config{Issuer: "http://127.0.0.1:1/pool", ClientID: "c"}); err != nil {
		t.Errorf("New with an unreachable issuer: %v", err)
	}
}

func TestKeysAreCached(t *testing.T) {
	iss := authtest.NewIssuer(t)
	v := newVerifier(t, iss)
	for i := range 10 {
		if _, err := v.VerifyIDToken(context.Background(), iss.IDToken("u", "u@example.com")); err != nil {
			t.Fatalf("verification %d: %v", i, err)
		}
	}
	wantFetches(t, iss, 1)
}

func TestConcurrentFirstUseFetchesOnce(t *testing.T) {
	iss := authtest.NewIssuer(t)
	v := newVerifier(t, iss)
	tok := iss.IDToken("u", "u@example.com")
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			_, err := v.VerifyIDToken(context.Background(), tok)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	wantFetches(t, iss, 1)
}

// TestUnknownKIDRateLimit runs the jwkset limiter on a short interval to see
// it admit a refetch again once the interval has passed.
func TestUnknownKIDRateLimit(t *testing.T) {
	iss := authtest.NewIssuer(t)
	v := newVerifier(t, iss)
	v.refreshEvery = 4 * time.Second // long beside fetchTimeout: a loaded machine must not reach the next window early
	v.fetchTimeout = 100 * time.Millisecond
	ctx := context.Background()
	if _, err := v.VerifyIDToken(ctx, iss.IDToken("u", "u@example.com")); err != nil {
		t.Fatal(err)
	}
	wantFetches(t, iss, 1)

	iss.RotateKey()
	rotated := iss.IDToken("u", "u@example.com")
	_, err := v.VerifyIDToken(ctx, iss.IDToken("u", "u@example.com", authtest.WithKID("nope-1")))
	wantInvalid(t, err, jwkset.ErrKeyNotFound)
	wantFetches(t, iss, 2) // the refetch happened, and already brought the rotated key

	iss.RotateKey()
	rotatedAgain := iss.IDToken("u", "u@example.com")
	_, err = v.VerifyIDToken(ctx, rotatedAgain)
	wantInvalid(t, err, nil) // its kid is new, but the limiter allows no fetch yet
	wantFetches(t, iss, 2)
	if _, err := v.VerifyIDToken(ctx, rotated); err != nil {
		t.Errorf("key fetched by the unknown-kid refetch: %v", err)
	}

	time.Sleep(v.refreshEvery + 100*time.Millisecond)
	if _, err := v.VerifyIDToken(ctx, rotatedAgain); err != nil {
		t.Errorf("new kid after the interval: %v", err)
	}
	wantFetches(t, iss, 3)
}

func TestFailedFirstFetchIsRetriedAfterDelay(t *testing.T) {
	iss := authtest.NewIssuer(t)
	clock := &fakeClock{t: time.Now()}
	iss.SetClock(clock.Now)
	v := newVerifier(t, iss, func(c *Config) { c.Now = clock.Now })
	ctx := context.Background()
	tok := iss.IDToken("u", "u@example.com")

	iss.SetDown(true)
	_, err := v.VerifyIDToken(ctx, tok)
	wantInvalid(t, err, errJWKSUnavailable)
	wantFetches(t, iss, 1)

	iss.SetDown(false)
	clock.Add(firstFetchRetryAfter - time.Second)
	_, err = v.VerifyIDToken(ctx, tok)
	wantInvalid(t, err, errJWKSUnavailable) // fails fast, without a request
	wantFetches(t, iss, 1)

	clock.Add(time.Second)
	if _, err := v.VerifyIDToken(ctx, tok); err != nil {
		t.Fatalf("after the retry delay: %v", err)
	}
	wantFetches(t, iss, 2)
}

func TestCallerGivingUpDoesNotDelayTheNextFetch(t *testing.T) {
	iss := authtest.NewIssuer(t)
	var hang atomic.Bool
	hang.Store(true)
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if hang.Load() {
			<-r.Context().Done()
			return nil, r.Context().Err()
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	v := newVerifier(t, iss, func(c *Config) { c.HTTPClient = client })
	tok := iss.IDToken("u", "u@example.com")

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := v.VerifyIDToken(ctx, tok)
	wantInvalid(t, err, errJWKSUnavailable)

	hang.Store(false)
	if _, err := v.VerifyIDToken(context.Background(), tok); err != nil {
		t.Fatalf("after a cancelled first fetch: %v", err)
	}
}

func TestCachedKeysSurviveAnOutage(t *testing.T) {
	iss := authtest.NewIssuer(t)
	v := newVerifier(t, iss)
	ctx := context.Background()
	tok := iss.IDToken("u", "u@example.com")
	if _, err := v.VerifyIDToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	iss.SetDown(true)
	if _, err := v.VerifyIDToken(ctx, tok); err != nil {
		t.Fatalf("cached key during an outage: %v", err)
	}
	wantFetches(t, iss, 1)
	_, err := v.VerifyIDToken(ctx, iss.IDToken("u", "u@example.com", authtest.WithKID("new")))
	wantInvalid(t, err, jwkset.ErrKeyNotFound) // refetch tried, got 503, refused
	wantFetches(t, iss, 2)
	if _, err := v.VerifyIDToken(ctx, tok); err != nil {
		t.Fatalf("cached key after a failed refetch: %v", err)
	}
}

func TestVerifierLifetimeContext(t *testing.T) {
	iss := authtest.NewIssuer(t)
	ctx, cancel := context.WithCancel(context.Background())
	v, err := New(ctx, Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = v.VerifyIDToken(context.Background(), iss.IDToken("u", "u@example.com"))
	wantInvalid(t, err, errClosed)
	wantFetches(t, iss, 0)
}

func TestLeeway(t *testing.T) {
	iss := authtest.NewIssuer(t)
	now := time.Now()
	tok := iss.IDToken("u", "u@example.com",
		authtest.WithIssuedAt(now.Add(-time.Hour)), authtest.WithExpiresAt(now.Add(-5*time.Second)))

	strict := newVerifier(t, iss, func(c *Config) { c.Leeway = -1 })
	_, err := strict.VerifyIDToken(context.Background(), tok)
	wantInvalid(t, err, jwt.ErrTokenExpired)

	lenient := newVerifier(t, iss, func(c *Config) { c.Leeway = 10 * time.Second })
	if _, err := lenient.VerifyIDToken(context.Background(), tok); err != nil {
		t.Errorf("within a 10 s leeway: %v", err)
	}

	clock := &fakeClock{t: now.Add(time.Minute)}
	fake := newVerifier(t, iss, func(c *Config) { c.Now = clock.Now })
	_, err = fake.VerifyIDToken(context.Background(), tok)
	wantInvalid(t, err, jwt.ErrTokenExpired) // Config.Now is the clock used
}

func TestJWKSURLOverride(t *testing.T) {
	iss := authtest.NewIssuer(t)
	const cloudIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example"
	v := newVerifier(t, iss, func(c *Config) { c.Issuer = cloudIssuer; c.JWKSURL = iss.JWKSURL() })
	if _, err := v.VerifyIDToken(context.Background(),
		iss.IDToken("u", "u@example.com", authtest.WithIssuerClaim(cloudIssuer))); err != nil {
		t.Fatal(err)
	}
	wantFetches(t, iss, 1)
}

func TestNewRejectsBadConfig(t *testing.T) {
	good := Config{Issuer: "http://localhost:9229/local_pool", ClientID: "client"}
	if _, err := New(context.Background(), good); err != nil {
		t.Fatalf("cognito-local style config: %v", err)
	}
	cloud := Config{Issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC", ClientID: "client"}
	v, err := New(context.Background(), cloud)
	if err != nil {
		t.Fatalf("Cognito config: %v", err)
	}
	if want := cloud.Issuer + "/.well-known/jwks.json"; v.jwksURL != want {
		t.Errorf("default JWKS URL = %q, want %q", v.jwksURL, want)
	}
	for name, mod := range map[string]func(*Config){
		"no issuer":         func(c *Config) { c.Issuer = "" },
		"no client id":      func(c *Config) { c.ClientID = "" },
		"relative issuer":   func(c *Config) { c.Issuer = "local_pool" },
		"ftp issuer":        func(c *Config) { c.Issuer = "ftp://localhost/local_pool" },
		"trailing slash":    func(c *Config) { c.Issuer += "/" },
		"bad JWKS URL":      func(c *Config) { c.JWKSURL = "/jwks.json" },
		"JWKS URL w/ query": func(c *Config) { c.JWKSURL = "http://localhost/jwks.json?x=1" },
		"leeway too large":  func(c *Config) { c.Leeway = MaxLeeway + time.Second },
	} {
		cfg := good
		mod(&cfg)
		if _, err := New(context.Background(), cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		} else if errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s: configuration error wraps ErrInvalidToken: %v", name, err)
		}
	}
}
