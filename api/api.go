// Package api holds the REST contract of the car-rental API (openapi.yaml,
// OpenAPI 3.0.3) and loads it for tests and tools.
package api

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// Spec is openapi.yaml, byte for byte.
//
//go:embed openapi.yaml
var Spec []byte

// Load parses Spec, resolves its references and validates it as an
// OpenAPI document (examples included). Each call returns a fresh document.
func Load() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(Spec)
	if err != nil {
		return nil, fmt.Errorf("api: load openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("api: validate openapi.yaml: %w", err)
	}
	return doc, nil
}
