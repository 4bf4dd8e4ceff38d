package coldstart

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// issuer stands in for the Cognito user pool of the Lex function: it
// serves a JWKS at <issuer>/.well-known/jwks.json and mints ID tokens, so
// that the function's first invocation does what it does in Lambda: fetch
// the pool's keys (pkg/auth fetches them lazily, on the first token),
// verify the token, then read the user's bookings.
type issuer struct {
	srv *http.Server
	url string // the iss of the tokens: http://127.0.0.1:port/pool
	key *rsa.PrivateKey
}

const (
	issuerKID      = "bench-key"
	issuerClientID = "bench-client"
)

func newIssuer() (*issuer, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	i := &issuer{url: "http://" + ln.Addr().String() + "/pool", key: key}
	jwks, err := json.Marshal(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "alg": "RS256", "use": "sig", "kid": issuerKID,
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()),
	}}})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /pool/.well-known/jwks.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(jwks)
	})
	i.srv = &http.Server{Handler: mux}
	go i.srv.Serve(ln)
	return i, nil
}

// idToken is a Cognito-shaped ID token of user sub, valid for an hour.
func (i *issuer) idToken(sub string) (string, error) {
	now := time.Now()
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"sub": sub, "iss": i.url, "aud": issuerClientID, "token_use": "id", "email": "bench@example.com",
		"email_verified": true, "cognito:username": sub, "auth_time": now.Unix(), "iat": now.Unix(),
		"exp": now.Add(time.Hour).Unix(),
	})
	t.Header["kid"] = issuerKID
	return t.SignedString(i.key)
}

func (i *issuer) close() { i.srv.Close() }
