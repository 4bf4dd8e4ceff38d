package templatecheck

import (
	"fmt"

	"github.com/carrental/backend/dev/samtemplate"
)

// Template is a template to check, read by dev/samtemplate (its Doc: the
// long form, unresolved).
type Template struct {
	doc map[string]any
}

// Load reads the template at path.
func Load(path string) (*Template, error) {
	tpl, err := samtemplate.Load(path)
	if err != nil {
		return nil, err
	}
	return &Template{doc: tpl.Doc()}, nil
}

// Parse parses a template in YAML or JSON.
func Parse(data []byte) (*Template, error) {
	tpl, err := samtemplate.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("templatecheck: %w", err)
	}
	return &Template{doc: tpl.Doc()}, nil
}

// ValidateSchema validates the template against goformation's
// CloudFormation and SAM JSON schema.
func (t *Template) ValidateSchema() error { return validateSchema(t.doc) }
