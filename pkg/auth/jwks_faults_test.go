package auth

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"

	"github.com/carrental/backend/dev/authtest"
)

// TestTokenAttackGaps adds to TestVerifyIDToken's table what it leaves
// out: a JWKS endpoint that is up but serves no usable keys, is not there
// at all or hangs (each fails closed, within the fetch timeout even for a
// caller without a deadline), and "none" spelled otherwise. Each case
// asserts the reason, so that a check that let the token through, or
// failed open, fails it.
func TestTokenAttackGaps(t *testing.T) {
	tests := []struct {
		name    string
		jwks    http.HandlerFunc // serves the JWKS URL; nil: the issuer's own
		url     string           // the JWKS URL; "": jwks's server or the issuer's
		token   func(t *testing.T, iss *authtest.Issuer) string
		wantErr error
	}{
		{
			name: "JWKS answers 200 with an HTML page",
			jwks: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte("<html>captive portal</html>"))
			},
			wantErr: errJWKSUnavailable,
		},
		{
			name: "JWKS answers an empty key set",
			jwks: func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write([]byte(`{"keys":[]}`))
			},
			wantErr: jwkset.ErrKeyNotFound,
		},
		{
			name:    "JWKS host refuses connections",
			url:     "http://127.0.0.1:1/pool/.well-known/jwks.json",
			wantErr: errJWKSUnavailable,
		},
		{
			name: "JWKS endpoint hangs",
			jwks: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
			},
			wantErr: errJWKSUnavailable,
		},
		{
			name: `alg "NONE" in capitals`,
			token: func(t *testing.T, iss *authtest.Issuer) string {
				return withHeader(t, iss.IDToken("user-1", "ann@example.com"), `{"alg":"NONE","kid":"`+iss.KID()+`"}`, "")
			},
			wantErr: jwt.ErrTokenUnverifiable, // no such method: refused before any key is looked up
		},
		{
			name: `alg "None" with the real signature kept`,
			token: func(t *testing.T, iss *authtest.Issuer) string {
				tok := iss.IDToken("user-1", "ann@example.com")
				return withHeader(t, tok, `{"alg":"None","kid":"`+iss.KID()+`"}`, tok[strings.LastIndex(tok, ".")+1:])
			},
			wantErr: jwt.ErrTokenUnverifiable, // no such method: refused before any key is looked up
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			iss := authtest.NewIssuer(t)
			url := tc.url
			if tc.jwks != nil {
				srv := httptest.NewServer(tc.jwks)
				t.Cleanup(srv.Close)
				url = srv.URL + "/pool/.well-known/jwks.json"
			}
			v := newVerifier(t, iss, func(c *Config) { c.JWKSURL = url })
			v.fetchTimeout = 300 * time.Millisecond
			tok := iss.IDToken("user-1", "ann@example.com")
			if tc.token != nil {
				tok = tc.token(t, iss)
			}
			start := time.Now()
			claims, err := v.VerifyIDToken(context.Background(), tok)
			wantInvalid(t, err, tc.wantErr)
			if claims.Subject != "" {
				t.Errorf("claims returned with an error: %+v", claims)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("refused after %v: the fetch timeout does not bound it", d)
			}
		})
	}
}

// withHeader is tok with its header replaced by header (JSON) and its
// signature by sig.
func withHeader(t *testing.T, tok, header, sig string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + parts[1] + "." + sig
}
