package authtest_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/authtest"
)

func getJWKS(t *testing.T, url string) (int, map[string][]map[string]any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var set map[string][]map[string]any
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &set); err != nil {
			t.Fatalf("JWKS %s: %v", body, err)
		}
	}
	return resp.StatusCode, set
}

func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestIssuer(t *testing.T) {
	iss := authtest.NewIssuer(t)
	if !strings.HasSuffix(iss.Issuer(), "/local_pool") || iss.JWKSURL() != iss.Issuer()+"/.well-known/jwks.json" {
		t.Errorf("Issuer %q, JWKSURL %q", iss.Issuer(), iss.JWKSURL())
	}
	if iss.Fetches() != 0 {
		t.Errorf("Fetches before any request = %d", iss.Fetches())
	}

	status, set := getJWKS(t, iss.JWKSURL())
	if status != http.StatusOK || len(set["keys"]) != 1 {
		t.Fatalf("JWKS: %d %v", status, set)
	}
	k := set["keys"][0]
	if k["kty"] != "RSA" || k["alg"] != "RS256" || k["use"] != "sig" || k["kid"] != iss.KID() || k["n"] == nil || k["d"] != nil {
		t.Errorf("JWK = %v", k)
	}

	iss.SetDown(true)
	if status, _ := getJWKS(t, iss.JWKSURL()); status != http.StatusServiceUnavailable {
		t.Errorf("down: status %d", status)
	}
	iss.SetDown(false)

	old := iss.KID()
	iss.RotateKey()
	_, set = getJWKS(t, iss.JWKSURL())
	if len(set["keys"]) != 2 || iss.KID() == old {
		t.Errorf("after RotateKey: kid %q, JWKS %v", iss.KID(), set)
	}
	if got := iss.Fetches(); got != 3 {
		t.Errorf("Fetches = %d, want 3", got)
	}

	parts := strings.Split(iss.IDToken("user-1", "ann@example.com", authtest.WithGroups("a")), ".")
	h, c := decodeSegment(t, parts[0]), decodeSegment(t, parts[1])
	if h["alg"] != "RS256" || h["kid"] != iss.KID() || h["typ"] != nil {
		t.Errorf("header = %v", h)
	}
	if c["iss"] != iss.Issuer() || c["aud"] != iss.ClientID() || c["token_use"] != "id" || c["sub"] != "user-1" ||
		c["email_verified"] != true || c["cognito:username"] != "user-1" || c["exp"] == nil {
		t.Errorf("claims = %v", c)
	}

	parts = strings.Split(iss.AccessToken("user-1"), ".")
	c = decodeSegment(t, parts[1])
	if c["token_use"] != "access" || c["aud"] != nil || c["client_id"] != iss.ClientID() {
		t.Errorf("access token claims = %v", c)
	}

	tok := iss.IDToken("user-1", "ann@example.com")
	forged := authtest.TamperClaim(t, tok, "sub", "user-2")
	fp, tp := strings.Split(forged, "."), strings.Split(tok, ".")
	if fp[0] != tp[0] || fp[2] != tp[2] || decodeSegment(t, fp[1])["sub"] != "user-2" {
		t.Errorf("TamperClaim changed more or less than the claim")
	}
}
