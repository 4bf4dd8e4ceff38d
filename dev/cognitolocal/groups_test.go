//go:build unix

package cognitolocal

import (
	"slices"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
)

// groups is the cognito:groups claim of a token, as strings.
func groups(t *testing.T, token string) []string {
	t.Helper()
	_, claims := decode(t, token)
	raw, _ := claims["cognito:groups"].([]any)
	var out []string
	for _, g := range raw {
		s, _ := g.(string)
		out = append(out, s)
	}
	return out
}

// TestStaffIsAnAdmin: the template's groups are created in cognito-local,
// and the demo staff user's ID token says cognito:groups ["admins"], as a
// Cognito token does; a customer's has no such claim. Running the seeding
// again (a kept pool) changes nothing and fails nothing.
func TestStaffIsAnAdmin(t *testing.T) {
	t.Parallel()
	_, pool := provision(t, "")
	ctx := t.Context()
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := CreateGroups(ctx, pool, tpl); err != nil {
			t.Fatal(err)
		}
		if err := SeedDemoUsers(ctx, pool); err != nil {
			t.Fatal(err)
		}
		if err := SeedStaff(ctx, pool); err != nil {
			t.Fatal(err)
		}
	}
	staff, err := IDToken(ctx, pool, DemoStaff, DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if got := groups(t, staff); !slices.Equal(got, []string{AdminsGroup}) {
		t.Errorf("staff's cognito:groups = %v, want [%s]", got, AdminsGroup)
	}
	alice, err := IDToken(ctx, pool, DemoAlice, DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, claims := decode(t, alice); claims["cognito:groups"] != nil {
		t.Errorf("alice's cognito:groups = %v, want none", claims["cognito:groups"])
	}
}

// TestProvisionOnce: with a kept data folder, a restarted cognito-local
// gives back the same pool and client, and the users signed up before the
// restart sign in; a new folder gets a new pool.
func TestProvisionOnce(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tpl, err := samtemplate.LoadRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func() (*Server, Pool) {
		s, err := Start(ctx, Options{Dir: installDir(t), DataDir: dir, Stdout: testWriter{t}})
		if err != nil {
			t.Fatal(err)
		}
		pool, err := ProvisionOnce(ctx, s.Endpoint(), tpl)
		if err != nil {
			t.Fatal(err)
		}
		return s, pool
	}
	s, first := run()
	if _, err := SeedUser(ctx, first, "carol@example.com", "Car0l!secret"); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	s, again := run()
	defer s.Stop()
	if again.ID != first.ID || again.ClientID != first.ClientID {
		t.Errorf("after a restart: pool %s client %s, want %s %s", again.ID, again.ClientID, first.ID, first.ClientID)
	}
	if _, err := IDToken(ctx, again, "carol@example.com", "Car0l!secret"); err != nil {
		t.Errorf("carol after a restart: %v", err)
	}
	_, other := provision(t, "")
	if other.ID == first.ID {
		t.Errorf("a new folder reuses pool %s", first.ID)
	}
}
