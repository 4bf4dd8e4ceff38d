package auth

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/carrental/backend/dev/authtest"
)

func TestAPIGatewayClaims(t *testing.T) {
	// The times of the API Gateway sample in the package docs.
	iat := time.Date(2016, 7, 29, 17, 52, 53, 0, time.UTC)
	clock := &fakeClock{t: iat.Add(time.Minute)}
	iss := authtest.NewIssuer(t)
	iss.SetClock(func() time.Time { return iat })
	v := newVerifier(t, iss, func(c *Config) { c.Now = clock.Now })

	tok := iss.IDToken("cdad23f0-2ad6-4dc1-993d-bbb3f6f8c707", "sarah@example.com",
		authtest.WithUsername("sarah"),
		authtest.WithGroups("admins", "drivers"),
		authtest.WithClaim("custom:tier", "gold"),
		authtest.WithClaim("custom:score", 42),
		authtest.WithClaim("phone_number_verified", false),
		authtest.WithClaim("identities", []any{map[string]any{"providerName": "Google", "primary": "true"}}),
		authtest.WithClaim("nickname", nil),
	)
	c, err := v.VerifyIDToken(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	got := c.APIGatewayClaims()
	want := map[string]string{
		"sub":                   "cdad23f0-2ad6-4dc1-993d-bbb3f6f8c707",
		"aud":                   iss.ClientID(),
		"iss":                   iss.Issuer(),
		"token_use":             "id",
		"email":                 "sarah@example.com",
		"email_verified":        "true",
		"phone_number_verified": "false",
		"cognito:username":      "sarah",
		"cognito:groups":        "admins,drivers",
		"auth_time":             "1469814773",
		"iat":                   "Fri Jul 29 17:52:53 UTC 2016",
		"exp":                   "Fri Jul 29 18:52:53 UTC 2016",
		"custom:tier":           "gold",
		"custom:score":          "42",
		"identities":            `{"primary":"true","providerName":"Google"}`,
		"jti":                   c.Raw["jti"].(string),
		"origin_jti":            c.Raw["origin_jti"].(string),
		"event_id":              c.Raw["event_id"].(string),
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got[k] != want[k] {
			t.Errorf("%s = %q, want %q", k, got[k], want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected claim %s = %q (null claims are left out)", k, got[k])
		}
	}

	one, err := v.VerifyIDToken(context.Background(), iss.IDToken("u", "u@example.com", authtest.WithGroups("admins")))
	if err != nil {
		t.Fatal(err)
	}
	if g := one.APIGatewayClaims()["cognito:groups"]; g != "admins" {
		t.Errorf("one group = %q, want %q", g, "admins")
	}
	if _, ok := one.APIGatewayClaims()["cognito:groups"]; !ok {
		t.Error("cognito:groups missing")
	}

	if m := (Claims{}).APIGatewayClaims(); len(m) != 0 {
		t.Errorf("zero Claims: %v", m)
	}
}
