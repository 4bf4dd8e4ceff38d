package apigw

import (
	"slices"
	"strings"

	"github.com/carrental/backend/pkg/rental"
)

// StaffGroup is the Cognito group whose members are staff (template.yaml's
// AdminsGroup).
const StaffGroup = "admins"

// staffOnly lets through a signed-in member of StaffGroup: anyone else
// signed in is 403 forbidden. The admin routes sit behind the same
// Cognito authorizer as the customers' (any signed-in user passes it), so
// the function decides.
func staffOnly(c *call) error {
	if _, err := signedIn(c); err != nil {
		return err
	}
	if !slices.Contains(groups(c.claim("cognito:groups")), StaffGroup) {
		return rental.Errorf(rental.CodeForbidden, "this is for staff only")
	}
	return nil
}

// groups reads the cognito:groups claim as API Gateway's REST Cognito
// authorizer passes it, every claim a string: a list as "[admins staff]"
// (space-separated in brackets). A comma-separated or JSON-array string is
// read alike, as a hand-made event may hold one.
func groups(claim string) []string {
	claim = strings.TrimSpace(claim)
	claim = strings.TrimSuffix(strings.TrimPrefix(claim, "["), "]")
	var out []string
	for _, g := range strings.FieldsFunc(claim, func(r rune) bool { return r == ' ' || r == ',' }) {
		if g = strings.Trim(g, `"`); g != "" {
			out = append(out, g)
		}
	}
	return out
}
