package templatecheck

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
)

func load(t *testing.T) *Template {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := Load(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// TestSchema: template.yaml validates against goformation's
// CloudFormation/SAM schema.
func TestSchema(t *testing.T) {
	if err := load(t).ValidateSchema(); err != nil {
		t.Fatal(err)
	}
}

// TestShortAndLongForm: !Ref X and {Ref: X}, !GetAtt A.B and
// {Fn::GetAtt: [A, B]} read alike.
func TestShortAndLongForm(t *testing.T) {
	short, err := Parse([]byte("Resources:\n  A:\n    Type: T\n    Properties: {X: !Ref B, Y: !GetAtt B.Arn, Z: !Sub 'a${B}'}\n"))
	if err != nil {
		t.Fatal(err)
	}
	long, err := Parse([]byte(`{"Resources":{"A":{"Type":"T","Properties":{"X":{"Ref":"B"},"Y":{"Fn::GetAtt":["B","Arn"]},"Z":{"Fn::Sub":"a${B}"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(short.doc) // maps marshal with sorted keys
	b, _ := json.Marshal(long.doc)
	if string(a) != string(b) || describe(get(short.doc, "Resources", "A", "Properties", "Y")) != "B.Arn" {
		t.Errorf("short %s != long %s", a, b)
	}
}
