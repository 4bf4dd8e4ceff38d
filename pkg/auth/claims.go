package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims is what a verified Cognito ID token says about the user.
type Claims struct {
	// Subject is sub: the user's stable, unique id in the pool. Never empty.
	Subject string
	// Email is email; empty if the token has none.
	Email string
	// EmailVerified is email_verified (Cognito sends a JSON boolean; the
	// strings "true"/"false" are accepted too).
	EmailVerified bool
	// Username is cognito:username.
	Username string
	// Groups is cognito:groups; nil if the user is in no group.
	Groups []string
	// ExpiresAt is exp, in UTC.
	ExpiresAt time.Time
	// Raw holds every claim of the token as decoded from its JSON, with
	// numbers as json.Number (so exp, iat and auth_time keep their exact
	// digits), arrays as []any and objects as map[string]any.
	Raw map[string]any
}

// Cognito claim names.
const (
	claimSub           = "sub"
	claimEmail         = "email"
	claimEmailVerified = "email_verified"
	claimUsername      = "cognito:username"
	claimGroups        = "cognito:groups"
	claimTokenUse      = "token_use"
)

// apiGatewayTime is how API Gateway's Cognito authorizer renders exp and iat
// (Java's Date.toString in UTC), e.g. "Fri Jul 29 18:52:53 UTC 2016".
const apiGatewayTime = "Mon Jan 02 15:04:05 MST 2006"

// APIGatewayClaims returns the claims as API Gateway's Cognito user-pool
// authorizer (REST API) puts them into requestContext.authorizer.claims:
// every value a string.
//
//   - strings as they are;
//   - numbers as decimal digits, e.g. auth_time "1469814773";
//   - exp and iat as dates in UTC, "Fri Jul 29 18:52:53 UTC 2016";
//   - booleans as "true" / "false" (email_verified "true");
//   - arrays as their elements joined by "," with no space, e.g.
//     cognito:groups "admins,drivers" (one group: "admins");
//   - objects as their JSON text (this includes the elements of Cognito's
//     identities claim for federated users);
//   - null claims are left out.
//
// The date and scalar formats are the ones AWS's REST Cognito authorizer is
// observed to send; AWS does not document them. (An HTTP API's JWT
// authorizer renders differently: numeric exp, arrays as "[a b]".) A Claims
// that did not come from VerifyIDToken (Raw nil) gives an empty map.
func (c Claims) APIGatewayClaims() map[string]string {
	out := make(map[string]string, len(c.Raw))
	for name, v := range c.Raw {
		if name == "exp" || name == "iat" {
			if t, ok := unixTime(v); ok {
				out[name] = t.UTC().Format(apiGatewayTime)
				continue
			}
		}
		if s, ok := apiGatewayString(v); ok {
			out[name] = s
		}
	}
	return out
}

func unixTime(v any) (time.Time, bool) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return time.Time{}, false
		}
	case float64:
		f = n
	case int64:
		f = float64(n)
	case int:
		f = float64(n)
	default:
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0), true
}

func apiGatewayString(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := apiGatewayString(e); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ","), true
	case []string:
		return strings.Join(x, ","), true
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x), true
		}
		return string(b), true
	}
}

// cognitoClaims is the jwt.Claims the parser decodes into: a MapClaims whose
// numbers stay json.Number, plus the Cognito-specific checks, which jwt's
// validator runs after the signature verified and joins with its own errors.
type cognitoClaims struct {
	jwt.MapClaims
}

var _ jwt.ClaimsValidator = (*cognitoClaims)(nil)

func (c *cognitoClaims) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the claims object")
	}
	c.MapClaims = m
	return nil
}

// Validate implements jwt.ClaimsValidator.
func (c *cognitoClaims) Validate() error {
	var errs []error
	if use, _ := c.MapClaims[claimTokenUse].(string); use != "id" {
		errs = append(errs, fmt.Errorf("%w: %s", errTokenUse, describe(c.MapClaims[claimTokenUse])))
	}
	if sub, _ := c.MapClaims[claimSub].(string); sub == "" {
		errs = append(errs, errNoSubject)
	}
	// Cognito's ID token names one audience, as a string; jwt would also
	// take a list that contains the client id.
	if _, ok := c.MapClaims["aud"].(string); !ok {
		errs = append(errs, fmt.Errorf("%w: aud is %s, not a string", errClaimType, describe(c.MapClaims["aud"])))
	}
	for _, name := range []string{claimEmail, claimUsername} {
		if v, ok := c.MapClaims[name]; ok {
			if _, ok := v.(string); !ok {
				errs = append(errs, fmt.Errorf("%w: %s is %T, want string", errClaimType, name, v))
			}
		}
	}
	if v, ok := c.MapClaims[claimEmailVerified]; ok {
		if _, ok := boolClaim(v); !ok {
			errs = append(errs, fmt.Errorf("%w: %s is %s, want boolean", errClaimType, claimEmailVerified, describe(v)))
		}
	}
	if v, ok := c.MapClaims[claimGroups]; ok {
		if _, ok := stringsClaim(v); !ok {
			errs = append(errs, fmt.Errorf("%w: %s is %T, want array of strings", errClaimType, claimGroups, v))
		}
	}
	return errors.Join(errs...)
}

// describe names a claim value for an error message without echoing long or
// arbitrary input.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "missing"
	case string:
		if len(x) > 32 {
			x = x[:32] + "..."
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprintf("a %T", v)
	}
}

func boolClaim(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch x {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

func stringsClaim(v any) ([]string, bool) {
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// claims converts verified claims; Validate has checked the types.
func (c *cognitoClaims) claims() (Claims, error) {
	exp, err := c.GetExpirationTime()
	if err != nil || exp == nil { // unreachable: the parser required exp
		return Claims{}, invalid(fmt.Errorf("exp: %w", errClaimType))
	}
	sub, _ := c.MapClaims[claimSub].(string) // Validate refused a missing or empty sub
	out := Claims{
		Subject:   sub,
		ExpiresAt: exp.Time.UTC(),
		Raw:       c.MapClaims,
	}
	out.Email, _ = c.MapClaims[claimEmail].(string)
	out.Username, _ = c.MapClaims[claimUsername].(string)
	out.EmailVerified, _ = boolClaim(c.MapClaims[claimEmailVerified])
	if g, ok := stringsClaim(c.MapClaims[claimGroups]); ok && len(g) > 0 {
		out.Groups = g
	}
	return out, nil
}
