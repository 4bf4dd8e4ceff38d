// Package auth verifies Amazon Cognito user-pool ID tokens against the pool's
// JSON Web Key Set (JWKS), as described in "Verifying a JSON Web Token" in the
// Amazon Cognito developer guide:
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
//
// It serves two callers: the local stack's stand-in for API Gateway's Cognito
// authorizer (cmd/local), which turns the verified claims into
// requestContext.authorizer.claims with [Claims.APIGatewayClaims], and the Lex
// V2 code hook, which receives the user's ID token as the session attribute
// idToken and must not book for a caller it cannot verify.
//
// A token is accepted only if all of these hold (checked by
// [Verifier.VerifyIDToken]):
//
//   - it is a compact JWS whose header names a kid and alg RS256 (no other
//     algorithm, in particular neither "none" nor HS256);
//   - the kid is a key in the pool's JWKS and the signature verifies with it;
//   - iss equals [Config.Issuer] exactly;
//   - aud equals [Config.ClientID];
//   - token_use is "id" (Cognito access tokens carry "access", no aud and a
//     client_id, and are refused);
//   - exp is present and not past, nbf and iat (when present) are not in the
//     future, each with [Config.Leeway] of clock skew;
//   - sub is a non-empty string, and the Cognito claims this package reads
//     have the types Cognito gives them.
//
// Every refusal is an error that wraps [ErrInvalidToken] (test it with
// errors.Is); its text gives the reason for logs. Neither the error nor
// anything this package logs contains the token.
//
// # JWKS fetching
//
// [New] does no network I/O: on Lambda, init work the first request does not
// need only lengthens the cold start. The JWKS is fetched on the first
// verification that gets past the token's own shape checks and is cached for
// the life of the Verifier (the Lambda container). A token whose kid is not in
// the cache makes the Verifier fetch the JWKS again (key rotation), at most
// once a minute; an unknown kid that arrives within that minute is refused at
// once without a fetch (except in its last 5 s, where the request waits for the
// minute to end and then fetches: jwkset's limiter waits up to the fetch
// timeout). If the JWKS endpoint is down the Verifier fails closed: no
// token verifies until the keys could be fetched once; after that, tokens
// signed by cached keys keep verifying and unknown kids are refused.
//
// The keys are held by github.com/MicahParks/jwkset storage and looked up with
// github.com/MicahParks/keyfunc/v3. Neither can be constructed lazily:
// jwkset.NewStorageFromHTTP (and so keyfunc.NewDefaultOverrideCtx, which calls
// it) always performs the first HTTP request before it returns;
// NoErrorReturnFirstHTTPReq only swallows that request's error. So this package
// builds the jwkset storage on first use, guarded by a mutex (concurrent first
// requests wait for the one fetch), and retries a failed first fetch on a later
// verification (not more often than every five seconds, by [Config.Now]'s
// clock; meanwhile tokens are refused at once).
package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

// ErrInvalidToken is wrapped by every error [Verifier.VerifyIDToken] returns.
// Callers answer it with 401 (API) or a sign-in prompt (Lex) and log the
// error's text, which says why, without showing it to the client.
var ErrInvalidToken = errors.New("auth: invalid token")

// Reasons, wrapped together with ErrInvalidToken. Unexported: callers act on
// ErrInvalidToken alone; the tests use these to prove which check refused a
// token.
var (
	errEmptyToken      = errors.New("empty token")
	errTokenTooLong    = errors.New("token too long")
	errNoKID           = errors.New("token header has no kid")
	errCritical        = errors.New("token header has crit, which no Cognito token has")
	errJWKSUnavailable = errors.New("JWKS unavailable")
	errTokenUse        = errors.New("token_use is not \"id\"")
	errNoSubject       = errors.New("sub claim missing or empty")
	errClaimType       = errors.New("claim has the wrong type")
	errClosed          = errors.New("verifier's context is done")
)

const (
	// DefaultLeeway is the clock-skew allowance used when Config.Leeway is
	// zero. Cognito and Lambda clocks are NTP-synchronised, so a small value
	// suffices; it only widens exp/nbf/iat by this much.
	DefaultLeeway = 30 * time.Second
	// MaxLeeway is the largest Config.Leeway New accepts.
	MaxLeeway = 5 * time.Minute

	// unknownKIDRefreshEvery is how often an unknown kid may trigger a JWKS
	// fetch.
	unknownKIDRefreshEvery = time.Minute
	// fetchTimeout bounds one JWKS fetch, and also how long a request with an
	// unknown kid waits for the rate limiter (jwkset uses one deadline for
	// both; see keys).
	fetchTimeout = 5 * time.Second
	// firstFetchRetryAfter is how long after a failed first fetch the
	// verifier refuses tokens without trying the endpoint again.
	firstFetchRetryAfter = 5 * time.Second
	// maxTokenBytes bounds the input before any parsing. Cognito ID tokens
	// are a few KiB; API Gateway itself caps a header at 10 KiB.
	maxTokenBytes = 16 << 10
)

// Config configures a [Verifier].
type Config struct {
	// Issuer is the user pool's issuer, compared exactly with the token's
	// iss: "https://cognito-idp.<region>.amazonaws.com/<userPoolId>" in
	// AWS, "http://localhost:9229/<userPoolId>" with cognito-local. Required;
	// http and https are both allowed; no trailing slash.
	Issuer string
	// ClientID is the user-pool app client id the ID token's aud must equal.
	// Required.
	ClientID string
	// JWKSURL is where the pool's keys are fetched (http or https). Default:
	// Issuer + "/.well-known/jwks.json".
	JWKSURL string
	// HTTPClient fetches the JWKS. Default: http.DefaultClient. Each fetch is
	// also bounded by a 5 s timeout of its own.
	HTTPClient *http.Client
	// Leeway is the clock skew allowed on exp, nbf and iat. Zero means
	// DefaultLeeway (30 s); a negative value means none; more than
	// MaxLeeway (5 min) is a configuration error.
	Leeway time.Duration
	// Now is the clock for exp/nbf/iat and for the retry delay after a
	// failed first JWKS fetch. Default: time.Now. (The once-a-minute limit
	// on unknown-kid fetches runs on the wall clock: jwkset's rate limiter
	// takes no clock.)
	Now func() time.Time
}

// Verifier verifies Cognito ID tokens of one user pool and app client. It is
// safe for concurrent use; create one per process (Lambda container) and reuse
// it, so the JWKS is fetched once.
type Verifier struct {
	issuer   string
	clientID string
	jwksURL  string
	client   *http.Client
	now      func() time.Time
	life     context.Context
	parser   *jwt.Parser

	// Tunables, fixed by New; tests shorten them.
	refreshEvery time.Duration
	fetchTimeout time.Duration
	retryAfter   time.Duration

	kf atomic.Pointer[keyfunc.Keyfunc] // nil until the first fetch succeeded

	mu        sync.Mutex // serialises the first fetch
	failedAt  time.Time  // when the last failed first fetch happened
	failedErr error      // its error; nil if none failed
}

// New checks cfg and returns a Verifier. It does no network I/O: the JWKS is
// fetched on first use (see the package comment).
//
// ctx is the Verifier's lifetime: once it is done, in-flight JWKS fetches are
// cancelled and every verification fails with ErrInvalidToken. Pass
// context.Background() for a Verifier that lives as long as the process.
//
// New returns a plain error (not ErrInvalidToken) if Issuer or ClientID is
// missing, Issuer or JWKSURL is not an absolute http(s) URL, Issuer ends in
// "/", or Leeway exceeds MaxLeeway.
func New(ctx context.Context, cfg Config) (*Verifier, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if cfg.Issuer == "" {
		return nil, errors.New("auth: Config.Issuer is required")
	}
	if err := checkHTTPURL(cfg.Issuer); err != nil {
		return nil, fmt.Errorf("auth: Config.Issuer: %w", err)
	}
	if strings.HasSuffix(cfg.Issuer, "/") {
		return nil, fmt.Errorf("auth: Config.Issuer %q must not end in \"/\" (it is compared exactly with iss)", cfg.Issuer)
	}
	if cfg.ClientID == "" {
		return nil, errors.New("auth: Config.ClientID is required")
	}
	jwksURL := cfg.JWKSURL
	if jwksURL == "" {
		jwksURL = cfg.Issuer + "/.well-known/jwks.json"
	}
	if err := checkHTTPURL(jwksURL); err != nil {
		return nil, fmt.Errorf("auth: Config.JWKSURL: %w", err)
	}
	leeway := cfg.Leeway
	switch {
	case leeway == 0:
		leeway = DefaultLeeway
	case leeway < 0:
		leeway = 0
	case leeway > MaxLeeway:
		return nil, fmt.Errorf("auth: Config.Leeway %v exceeds %v", leeway, MaxLeeway)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	client := cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	return &Verifier{
		issuer:   cfg.Issuer,
		clientID: cfg.ClientID,
		jwksURL:  jwksURL,
		client:   client,
		now:      now,
		life:     ctx,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{"RS256"}),
			jwt.WithIssuer(cfg.Issuer),
			jwt.WithAudience(cfg.ClientID),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithLeeway(leeway),
			jwt.WithTimeFunc(now),
		),
		refreshEvery: unknownKIDRefreshEvery,
		fetchTimeout: fetchTimeout,
		retryAfter:   firstFetchRetryAfter,
	}, nil
}

func checkHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q must have no query or fragment", s)
	}
	return nil
}

// VerifyIDToken verifies a Cognito ID token and returns its claims.
//
// raw is the compact JWT ("header.payload.signature"), optionally preceded by
// "Bearer " (any case), as it arrives in an Authorization header or the Lex
// session attribute; surrounding spaces are ignored.
//
// The checks are listed in the package comment. On failure the returned
// Claims is zero and the error wraps ErrInvalidToken; the error's text says
// which check failed (for logs, not for the client). A JWKS endpoint that
// cannot be reached is also reported as ErrInvalidToken: the verifier fails
// closed. ctx bounds the JWKS fetch this call may trigger.
func (v *Verifier) VerifyIDToken(ctx context.Context, raw string) (Claims, error) {
	tok, err := stripBearer(raw)
	if err != nil {
		return Claims{}, invalid(err)
	}
	ctx, cancel := v.bind(ctx)
	defer cancel()
	if err := context.Cause(ctx); err != nil {
		return Claims{}, invalid(err)
	}
	var cc cognitoClaims
	if _, err := v.parser.ParseWithClaims(tok, &cc, v.keyfunc(ctx)); err != nil {
		return Claims{}, invalid(err)
	}
	return cc.claims()
}

// invalid wraps reason with ErrInvalidToken. Its text is one line (jwkset and
// keyfunc join errors with newlines) so that a log record stays one record.
func invalid(reason error) error {
	return &invalidTokenError{reason: reason}
}

type invalidTokenError struct{ reason error }

func (e *invalidTokenError) Error() string {
	return ErrInvalidToken.Error() + ": " + strings.ReplaceAll(e.reason.Error(), "\n", "; ")
}

func (e *invalidTokenError) Unwrap() []error { return []error{ErrInvalidToken, e.reason} }

func stripBearer(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	const scheme = "bearer"
	if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) &&
		(len(s) == len(scheme) || s[len(scheme)] == ' ' || s[len(scheme)] == '\t') {
		s = strings.TrimSpace(s[len(scheme):])
	}
	switch {
	case s == "":
		return "", errEmptyToken
	case len(s) > maxTokenBytes:
		return "", fmt.Errorf("%w: %d bytes", errTokenTooLong, len(s))
	}
	return s, nil
}

// bind returns ctx, also cancelled when the Verifier's lifetime ends.
func (v *Verifier) bind(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(v.life, func() { cancel(errClosed) })
	return ctx, func() { stop(); cancel(nil) }
}

// keyfunc returns the jwt.Keyfunc for one verification. jwt calls it only
// after the token parsed and its alg passed WithValidMethods, so a malformed
// or wrongly-signed token never causes a JWKS fetch.
func (v *Verifier) keyfunc(ctx context.Context) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		// Cognito always sets kid. Without one, keyfunc would try every key
		// in the set; we insist on the lookup by kid instead.
		if kid, _ := t.Header[jwkset.HeaderKID].(string); kid == "" {
			return nil, errNoKID
		}
		// RFC 7515 4.1.11: a recipient that does not understand a listed
		// extension must reject the token; we understand none.
		if _, ok := t.Header["crit"]; ok {
			return nil, errCritical
		}
		kf, err := v.keys(ctx)
		if err != nil {
			return nil, err
		}
		// Looks the kid up in the cached set; if absent, jwkset refetches
		// the JWKS when the rate limiter allows (see keys) and looks again;
		// then checks that the JWK's alg, if set, equals the token's.
		return kf.KeyfuncCtx(ctx)(t)
	}
}

// keys returns the key lookup, building it (and so fetching the JWKS) on the
// first call.
func (v *Verifier) keys(ctx context.Context) (keyfunc.Keyfunc, error) {
	if kf := v.kf.Load(); kf != nil {
		return *kf, nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if kf := v.kf.Load(); kf != nil {
		return *kf, nil
	}
	if v.failedErr != nil && v.now().Sub(v.failedAt) < v.retryAfter {
		return nil, fmt.Errorf("%w: first fetch failed %v ago, not retried yet: %w",
			errJWKSUnavailable, v.now().Sub(v.failedAt).Round(time.Millisecond), v.failedErr)
	}

	// One fetch, now, with the request's context. RefreshInterval 0: no
	// background goroutine (it would be frozen between Lambda invocations
	// anyway); the keys stay until an unknown kid replaces them.
	store, err := jwkset.NewStorageFromHTTP(v.jwksURL, jwkset.HTTPClientStorageOptions{
		Client:      v.client,
		Ctx:         ctx,
		HTTPTimeout: v.fetchTimeout,
		// Used by jwkset when an unknown-kid refetch fails; the request then
		// gets "key not found", so the cause is logged here. No token in it.
		RefreshErrorHandler: func(ctx context.Context, err error) {
			slog.Default().WarnContext(ctx, "auth: JWKS refetch for an unknown kid failed",
				"url", v.jwksURL, "error", err)
		},
	})
	if err != nil {
		if ctx.Err() == nil { // the caller giving up says nothing about the endpoint
			v.failedAt, v.failedErr = v.now(), err
		}
		return nil, fmt.Errorf("%w: %w", errJWKSUnavailable, err)
	}
	v.failedErr = nil

	// On a kid missing from store, jwkset's client waits for a token of
	// this limiter (burst 1, one per refreshEvery), refetches, and reads
	// again. RateLimitWaitMax bounds the wait and the refetch together: when
	// the next token is further away than that, rate.Limiter.Wait returns at
	// once and the kid is refused without a request. A failed refetch keeps
	// the cached keys.
	client, err := jwkset.NewHTTPClient(jwkset.HTTPClientOptions{
		HTTPURLs:          map[string]jwkset.Storage{v.jwksURL: store},
		RateLimitWaitMax:  v.fetchTimeout,
		RefreshUnknownKID: rate.NewLimiter(rate.Every(v.refreshEvery), 1),
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errJWKSUnavailable, err)
	}
	kf, err := keyfunc.New(keyfunc.Options{Ctx: v.life, Storage: client})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errJWKSUnavailable, err)
	}
	v.kf.Store(&kf)
	return kf, nil
}
