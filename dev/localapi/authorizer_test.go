package localapi

import (
	"net/http"
	"testing"

	"github.com/carrental/backend/dev/authtest"
)

// TestAuthorizer: on a route with the Cognito authorizer, a valid ID token
// (raw or after "Bearer ") reaches the handler with its claims as API
// Gateway passes them; no token or a bad one is API Gateway's 401 with
// the gateway response's CORS headers, and the handler is not called.
func TestAuthorizer(t *testing.T) {
	b := newBed(t, Options{})
	rec := b.recs["PutThingFunction"]
	token := b.iss.IDToken("user-1", "ann@example.com")

	for _, value := range []string{token, "Bearer " + token} {
		w := b.do("PUT", "/things/a", `{}`, "Authorization", value, "Content-Type", "application/json")
		if w.Code != http.StatusOK {
			t.Fatalf("valid token: status %d %s", w.Code, w.Body)
		}
		claims, _ := rec.last(t).RequestContext.Authorizer["claims"].(map[string]any)
		if claims["sub"] != "user-1" || claims["email"] != "ann@example.com" || claims["token_use"] != "id" {
			t.Errorf("claims = %v", claims)
		}
		if _, isString := claims["exp"].(string); !isString {
			t.Errorf("exp = %#v, want a string as API Gateway sends it", claims["exp"])
		}
	}
	calls := rec.calls()

	bad := map[string]string{
		"missing":       "",
		"garbage":       "not-a-token",
		"other client":  b.iss.IDToken("user-1", "ann@example.com", authtest.WithClientID("someone-else")),
		"access token":  b.iss.AccessToken("user-1"),
		"foreign key":   b.iss.IDToken("user-1", "ann@example.com", authtest.WithForeignKey()),
		"bearer, empty": "Bearer ",
	}
	for name, value := range bad {
		var header []string
		if value != "" {
			header = []string{"Authorization", value}
		}
		w := b.do("PUT", "/things/a", `{}`, header...)
		t.Run(name, func(t *testing.T) {
			wantGatewayError(t, w, http.StatusUnauthorized, "Unauthorized")
			if got := headerValue(w.Header(), "x-amzn-ErrorType"); got != "UnauthorizedException" {
				t.Errorf("x-amzn-ErrorType = %q", got)
			}
		})
	}
	if rec.calls() != calls {
		t.Errorf("the handler ran %d times for refused tokens", rec.calls()-calls)
	}

	// A public route ignores the header, as API Gateway does.
	if w := b.do("GET", "/things", "", "Authorization", "garbage"); w.Code != http.StatusOK {
		t.Errorf("public route with a bad token: %d", w.Code)
	}
}

// TestAuthorizerGroups: the groups of a staff member's token reach the
// function as API Gateway's REST Cognito authorizer passes a list claim,
// one string, the names joined by commas ("admins,staff"; one group:
// "admins"), and a customer's token has no cognito:groups claim at all.
// (The "[admins staff]" form is an HTTP API JWT authorizer's, not a REST
// API's.)
func TestAuthorizerGroups(t *testing.T) {
	b := newBed(t, Options{})
	rec := b.recs["PutThingFunction"]
	for _, tc := range []struct {
		groups []string
		want   any
	}{
		{[]string{"admins", "staff"}, "admins,staff"},
		{[]string{"admins"}, "admins"},
		{nil, nil},
	} {
		var opts []authtest.Option
		if tc.groups != nil {
			opts = append(opts, authtest.WithGroups(tc.groups...))
		}
		w := b.do("PUT", "/things/a", `{}`, "Authorization", b.iss.IDToken("user-1", "ann@example.com", opts...), "Content-Type", "application/json")
		if w.Code != http.StatusOK {
			t.Fatalf("groups %v: status %d %s", tc.groups, w.Code, w.Body)
		}
		claims, _ := rec.last(t).RequestContext.Authorizer["claims"].(map[string]any)
		if got := claims["cognito:groups"]; got != tc.want {
			t.Errorf("groups %v: cognito:groups = %#v, want %#v", tc.groups, got, tc.want)
		}
	}
}
