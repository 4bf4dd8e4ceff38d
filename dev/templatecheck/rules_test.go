package templatecheck

import "testing"

func TestRules(t *testing.T) {
	if err := load(t).Check(); err != nil {
		t.Fatal(err)
	}
}
