// Package authtest is a stand-in Cognito user pool for tests: it serves a JWKS
// over HTTP on the loopback interface and mints real RS256 ID and access
// tokens shaped like Cognito's, with options to break each part a verifier
// must check.
//
//	iss := authtest.NewIssuer(t)
//	v, _ := auth.New(ctx, auth.Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
//	claims, err := v.VerifyIDToken(ctx, iss.IDToken("user-1", "ann@example.com"))
//
// It does not import package auth, so auth's own internal tests can use it.
package authtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
)

const (
	// PoolID is the user-pool id in the issuer URL.
	PoolID = "local_pool"
	// DefaultClientID is the app client id tokens are minted for (aud of ID
	// tokens, client_id of access tokens).
	DefaultClientID = "authtest-client"
	// JWKSPath is the JWKS path under the issuer, as Cognito serves it.
	JWKSPath = "/.well-known/jwks.json"
	// TokenLifetime is exp - iat of minted tokens (Cognito's default is 1 h).
	TokenLifetime = time.Hour
)

// Issuer is a fake user pool: an httptest.Server serving its JWKS at
// Issuer()+"/.well-known/jwks.json", and the RSA keys that sign its tokens.
// Its methods are safe for concurrent use.
type Issuer struct {
	t   testing.TB
	srv *httptest.Server

	requests atomic.Int64

	mu    sync.Mutex
	keys  []signingKey // all are published; the last one signs
	down  bool
	clock func() time.Time
}

type signingKey struct {
	kid  string
	priv *rsa.PrivateKey
}

// NewIssuer generates a 2048-bit RSA key and starts the JWKS server; both
// go away when the test ends.
func NewIssuer(t testing.TB) *Issuer {
	t.Helper()
	i := &Issuer{t: t, clock: time.Now}
	i.keys = []signingKey{newKey(t)}
	i.srv = httptest.NewServer(http.HandlerFunc(i.serve))
	t.Cleanup(i.srv.Close)
	return i
}

func newKey(t testing.TB) signingKey {
	t.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("authtest: generate RSA key: %v", err)
	}
	id := make([]byte, 18)
	if _, err := rand.Read(id); err != nil {
		t.Fatalf("authtest: kid: %v", err)
	}
	return signingKey{kid: base64.StdEncoding.EncodeToString(id), priv: priv}
}

// Issuer returns the pool's issuer, the server's URL + "/local_pool", e.g.
// "http://127.0.0.1:40123/local_pool": the iss of every token minted.
func (i *Issuer) Issuer() string { return i.srv.URL + "/" + PoolID }

// ClientID returns DefaultClientID.
func (i *Issuer) ClientID() string { return DefaultClientID }

// JWKSURL returns Issuer() + "/.well-known/jwks.json".
func (i *Issuer) JWKSURL() string { return i.Issuer() + JWKSPath }

// KID returns the kid of the current signing key.
func (i *Issuer) KID() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.keys[len(i.keys)-1].kid
}

// Fetches returns how many HTTP requests the server has received, on any
// path and whatever it answered (503s included): every one of them is a
// verifier's attempt to fetch the JWKS.
func (i *Issuer) Fetches() int { return int(i.requests.Load()) }

// SetDown makes the JWKS endpoint answer 503 (true) or serve the keys again
// (false).
func (i *Issuer) SetDown(down bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.down = down
}

// RotateKey generates a new key with a new kid and signs with it from now on.
// The JWKS then lists the new key and the old ones, as Cognito's does while a
// rotation is under way, so earlier tokens still verify.
func (i *Issuer) RotateKey() {
	k := newKey(i.t)
	i.mu.Lock()
	defer i.mu.Unlock()
	i.keys = append(i.keys, k)
}

// SetClock sets the clock minted tokens take iat from (default time.Now),
// for tests whose verifier runs on a fake clock.
func (i *Issuer) SetClock(now func() time.Time) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.clock = now
}

func (i *Issuer) serve(w http.ResponseWriter, r *http.Request) {
	i.requests.Add(1)
	if r.URL.Path != "/"+PoolID+JWKSPath {
		http.NotFound(w, r)
		return
	}
	i.mu.Lock()
	down, keys := i.down, append([]signingKey(nil), i.keys...)
	i.mu.Unlock()
	if down {
		http.Error(w, "JWKS endpoint down (authtest.SetDown)", http.StatusServiceUnavailable)
		return
	}
	body, err := jwksJSON(r.Context(), keys)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// jwksJSON renders the public keys as Cognito does: kty RSA, alg RS256,
// use sig, kid, n, e.
func jwksJSON(ctx context.Context, keys []signingKey) ([]byte, error) {
	set := jwkset.NewMemoryStorage()
	for _, k := range keys {
		jwk, err := jwkset.NewJWKFromKey(&k.priv.PublicKey, jwkset.JWKOptions{
			Metadata: jwkset.JWKMetadataOptions{ALG: jwkset.AlgRS256, KID: k.kid, USE: jwkset.UseSig},
		})
		if err != nil {
			return nil, fmt.Errorf("authtest: JWK: %w", err)
		}
		if err := set.KeyWrite(ctx, jwk); err != nil {
			return nil, err
		}
	}
	return set.JSONPublic(ctx)
}

// Option changes one part of a minted token, usually to break it.
type Option func(*spec)

type spec struct {
	clientID   string
	iss        *string
	tokenUse   *string
	kid        *string
	noKID      bool
	header     map[string]any
	alg        string
	foreignKey bool
	iat        *time.Time
	exp        *time.Time
	noExp      bool
	nbf        *time.Time
	username   *string
	groups     []string
	edits      []func(jwt.MapClaims)
}

// WithClientID mints for another app client: aud of an ID token, client_id
// of an access token.
func WithClientID(id string) Option { return func(s *spec) { s.clientID = id } }

// WithIssuerClaim sets iss to iss instead of Issuer().
func WithIssuerClaim(iss string) Option { return func(s *spec) { s.iss = &iss } }

// WithTokenUse sets token_use ("id" for ID tokens, "access" for access
// tokens by default).
func WithTokenUse(use string) Option { return func(s *spec) { s.tokenUse = &use } }

// WithKID puts kid in the header instead of the signing key's kid (the
// token is still signed by the current key).
func WithKID(kid string) Option { return func(s *spec) { s.kid = &kid } }

// WithHeader adds name: value to the token's header (e.g. crit).
func WithHeader(name string, value any) Option {
	return func(s *spec) {
		if s.header == nil {
			s.header = map[string]any{}
		}
		s.header[name] = value
	}
}

// WithoutKID leaves kid out of the header.
func WithoutKID() Option { return func(s *spec) { s.noKID = true } }

// WithAlg signs with another algorithm: "RS256" (default), "RS384", "RS512",
// "PS256", "PS384", "PS512" with the issuer's RSA key; "HS256", "HS384",
// "HS512" with the PEM of the issuer's RSA public key as the HMAC secret (the
// algorithm-confusion attack); "none" unsigned.
func WithAlg(alg string) Option { return func(s *spec) { s.alg = alg } }

// WithForeignKey signs with a freshly generated RSA key that is not in the
// JWKS, keeping the current key's kid in the header.
func WithForeignKey() Option { return func(s *spec) { s.foreignKey = true } }

// WithIssuedAt sets iat and auth_time (and, unless WithExpiresAt is given,
// exp = t + TokenLifetime). Default: the issuer's clock.
func WithIssuedAt(t time.Time) Option { return func(s *spec) { s.iat = &t } }

// WithExpiresAt sets exp.
func WithExpiresAt(t time.Time) Option { return func(s *spec) { s.exp = &t } }

// WithoutExpiry leaves exp out.
func WithoutExpiry() Option { return func(s *spec) { s.noExp = true } }

// WithNotBefore adds nbf (Cognito sets none).
func WithNotBefore(t time.Time) Option { return func(s *spec) { s.nbf = &t } }

// WithUsername sets cognito:username (ID token) or username (access token);
// default: the sub.
func WithUsername(name string) Option { return func(s *spec) { s.username = &name } }

// WithGroups adds cognito:groups.
func WithGroups(groups ...string) Option {
	return func(s *spec) { s.groups = append([]string{}, groups...) }
}

// WithClaim sets any claim, after all other options.
func WithClaim(name string, value any) Option {
	return func(s *spec) { s.edits = append(s.edits, func(c jwt.MapClaims) { c[name] = value }) }
}

// WithoutClaim removes a claim, after all other options.
func WithoutClaim(name string) Option {
	return func(s *spec) { s.edits = append(s.edits, func(c jwt.MapClaims) { delete(c, name) }) }
}

// IDToken mints a Cognito-shaped ID token for sub and email, signed RS256 by
// the current key, with kid, iss = Issuer(), aud = ClientID(),
// token_use "id", email_verified true, cognito:username = sub, iat now and
// exp = iat + 1 h, unless opts say otherwise.
func (i *Issuer) IDToken(sub, email string, opts ...Option) string {
	i.t.Helper()
	s := spec{clientID: DefaultClientID, alg: "RS256"}
	for _, o := range opts {
		o(&s)
	}
	c := i.baseClaims(sub, &s, "id")
	c["aud"] = s.clientID
	c["email"] = email
	c["email_verified"] = true
	c["cognito:username"] = sub
	if s.username != nil {
		c["cognito:username"] = *s.username
	}
	return i.sign(c, &s)
}

// AccessToken mints a Cognito-shaped access token: token_use "access",
// client_id (and no aud), scope, username; otherwise as IDToken.
func (i *Issuer) AccessToken(sub string, opts ...Option) string {
	i.t.Helper()
	s := spec{clientID: DefaultClientID, alg: "RS256"}
	for _, o := range opts {
		o(&s)
	}
	c := i.baseClaims(sub, &s, "access")
	c["client_id"] = s.clientID
	c["scope"] = "aws.cognito.signin.user.admin"
	c["username"] = sub
	if s.username != nil {
		c["username"] = *s.username
	}
	return i.sign(c, &s)
}

func (i *Issuer) baseClaims(sub string, s *spec, use string) jwt.MapClaims {
	i.mu.Lock()
	now := i.clock()
	i.mu.Unlock()
	iat := now
	if s.iat != nil {
		iat = *s.iat
	}
	exp := iat.Add(TokenLifetime)
	if s.exp != nil {
		exp = *s.exp
	}
	c := jwt.MapClaims{
		"sub":        sub,
		"iss":        i.Issuer(),
		"token_use":  use,
		"auth_time":  iat.Unix(),
		"iat":        iat.Unix(),
		"exp":        exp.Unix(),
		"jti":        randomID(i.t),
		"origin_jti": randomID(i.t),
		"event_id":   randomID(i.t),
	}
	if s.noExp {
		delete(c, "exp")
	}
	if s.iss != nil {
		c["iss"] = *s.iss
	}
	if s.tokenUse != nil {
		c["token_use"] = *s.tokenUse
	}
	if s.nbf != nil {
		c["nbf"] = s.nbf.Unix()
	}
	if s.groups != nil {
		c["cognito:groups"] = s.groups
	}
	return c
}

func (i *Issuer) sign(c jwt.MapClaims, s *spec) string {
	i.t.Helper()
	i.mu.Lock()
	key := i.keys[len(i.keys)-1]
	i.mu.Unlock()
	// WithClaim / WithoutClaim come last, after the token-kind claims.
	for _, e := range s.edits {
		e(c)
	}
	priv := key.priv
	if s.foreignKey {
		priv = newKey(i.t).priv
	}
	method, signKey := i.signingMethod(s.alg, priv, key.priv)

	tok := jwt.NewWithClaims(method, c)
	delete(tok.Header, "typ") // Cognito's header is {"kid","alg"}
	switch {
	case s.noKID:
	case s.kid != nil:
		tok.Header["kid"] = *s.kid
	default:
		tok.Header["kid"] = key.kid
	}
	for k, v := range s.header {
		tok.Header[k] = v
	}
	out, err := tok.SignedString(signKey)
	if err != nil {
		i.t.Fatalf("authtest: sign token: %v", err)
	}
	return out
}

// rsaMethods are the algorithms of WithAlg that sign with an RSA key.
var rsaMethods = map[string]jwt.SigningMethod{
	"RS256": jwt.SigningMethodRS256,
	"RS384": jwt.SigningMethodRS384,
	"RS512": jwt.SigningMethodRS512,
	"PS256": jwt.SigningMethodPS256,
	"PS384": jwt.SigningMethodPS384,
	"PS512": jwt.SigningMethodPS512,
}

// signingMethod is the method of WithAlg's alg and the key it signs with:
// priv for the RSA algorithms; for HS256/384/512 the PEM of the issuer's
// public key (of issuerKey) as the HMAC secret; for "none", none.
func (i *Issuer) signingMethod(alg string, priv, issuerKey *rsa.PrivateKey) (jwt.SigningMethod, any) {
	i.t.Helper()
	if method, ok := rsaMethods[alg]; ok {
		return method, priv
	}
	switch alg {
	case "HS256", "HS384", "HS512":
		der, err := x509.MarshalPKIXPublicKey(&issuerKey.PublicKey)
		if err != nil {
			i.t.Fatalf("authtest: marshal public key: %v", err)
		}
		return jwt.GetSigningMethod(alg), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	case "none":
		return jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType
	}
	i.t.Fatalf("authtest: WithAlg(%q) is not supported", alg)
	return nil, nil
}

func randomID(t testing.TB) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("authtest: random id: %v", err)
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// TamperClaim returns token with one payload claim set to value (nil
// deletes it), header and signature unchanged: a forgery the signature check
// must catch.
func TamperClaim(t testing.TB, token, name string, value any) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("authtest: TamperClaim: not a compact JWT (%d parts)", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("authtest: TamperClaim: payload: %v", err)
	}
	var c map[string]any
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber() // keep exp/iat digits as they were
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("authtest: TamperClaim: payload: %v", err)
	}
	if value == nil {
		delete(c, name)
	} else {
		c[name] = value
	}
	payload, err = json.Marshal(c)
	if err != nil {
		t.Fatalf("authtest: TamperClaim: %v", err)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}
