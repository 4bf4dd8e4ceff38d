package templatecheck

import (
	"fmt"
	"os"
)

// Template is a template in long form (see fromYAML).
type Template struct {
	doc map[string]any
}

// Load reads the template at path.
func Load(path string) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse parses a template in YAML or JSON.
func Parse(data []byte) (*Template, error) {
	doc, err := fromYAML(data)
	if err != nil {
		return nil, fmt.Errorf("templatecheck: %w", err)
	}
	return &Template{doc: doc}, nil
}

// ValidateSchema validates the template against goformation's
// CloudFormation and SAM JSON schema.
func (t *Template) ValidateSchema() error { return validateSchema(t.doc) }
