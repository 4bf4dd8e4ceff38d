// Package samtemplate is the one reader of the project's AWS SAM template
// (template.yaml): the local stack, the template checks, the route
// generator and the tests all read it through here, so that what runs
// locally and what the checks hold is what gets deployed.
//
// A Template offers three views of one parse of the file:
//
//   - Doc: the whole template as plain Go values with the short-form
//     intrinsic functions written in their long form (!Ref X is {"Ref":
//     "X"}), unresolved: for checks that care which resource a property
//     points at (dev/templatecheck).
//   - Properties: one resource's properties with intrinsic functions
//     resolved by goformation's processor (Ref to a parameter gives its
//     default; Ref to a resource and Fn::GetAtt give null, or, with
//     ParseOptions.ResourceRefs, the resource's logical ID), decoded
//     leniently into whatever the caller passes, e.g. a goformation struct.
//   - Typed: goformation's typed structs of the whole template, for the
//     template tests (typed.go).
//
// Why not goformation.Open on the whole template for everything:
// goformation decodes every resource into its generated structs with
// unknown fields disallowed, and one resource it cannot decode fails the
// whole parse. Its SAM and CloudFormation types date from 2024 and lack
// newer properties (AWS::Serverless::Function LoggingConfig, RecursiveLoop,
// SnapStart; AWS::DynamoDB::Table OnDemandThroughput, WarmThroughput, ...),
// so a valid template would stop loading as soon as someone uses one.
// Properties decodes only the resource a caller asks for, and ignores
// properties it has no field for.
package samtemplate

import (
	"encoding/json"
	"errors"

	"fmt"
	"os"
	"sync"

	"github.com/awslabs/goformation/v7/intrinsics"
)

// FileName is the template's name at the repository root.
const FileName = "template.yaml"

// Template is a parsed SAM template. It is read-only after Parse and safe
// for concurrent use.
type Template struct {
	data []byte
	doc  map[string]any // long form, unresolved (Doc)
	opts ParseOptions

	once       sync.Once
	resources  map[string]resource
	parameters map[string]parameter
	resolveErr error
}

// parameter is one entry of the template's Parameters section.
type parameter struct {
	Default any
}

// resource is one entry of the template's Resources section, resolved.
type resource struct {
	Type       string
	Properties json.RawMessage
}

// Load reads and parses the template at path; see Parse.
func Load(path string) (*Template, error) { return LoadWith(path, ParseOptions{}) }

// LoadWith reads and parses the template at path; see ParseWith.
func LoadWith(path string, opts ParseOptions) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	t, err := ParseWith(data, opts)
	if err != nil {
		return nil, fmt.Errorf("samtemplate: %s: %w", path, err)
	}
	return t, nil
}

// processMu serialises goformation's intrinsics processing.
var processMu sync.Mutex

// ProcessYAML is goformation's intrinsics.ProcessYAML, serialised:
// goformation keeps its intrinsic handlers in a package-level map that
// ProcessYAML writes to, so parallel calls race (seen under -race). Every
// caller in this module goes through here.
func ProcessYAML(data []byte, opts *intrinsics.ProcessorOptions) ([]byte, error) {
	processMu.Lock()
	defer processMu.Unlock()
	return intrinsics.ProcessYAML(data, opts)
}

// Parse parses a template in YAML (or JSON, a subset of YAML). It fails on
// invalid YAML, a template that is not a mapping or a Resources entry
// without a Type; it does not validate the resources' properties (see the
// package comment).
func Parse(data []byte) (*Template, error) { return ParseWith(data, ParseOptions{}) }

// ParseWith is Parse with options for how Properties resolves intrinsic
// functions.
func ParseWith(data []byte, opts ParseOptions) (*Template, error) {
	doc, err := fromYAML(data)
	if err != nil {
		return nil, err
	}
	resources, _ := doc["Resources"].(map[string]any)
	for id, r := range resources {
		if Get(r, "Type") == nil {
			return nil, fmt.Errorf("resource %q has no Type", id)
		}
	}
	t := &Template{data: data, doc: doc, opts: opts}
	if err := t.resolve(); err != nil {
		return nil, err
	}
	return t, nil
}

// WithResourceRefs is the same template whose Properties resolve a Ref to
// a resource to that resource's logical ID (see ParseOptions), without
// reading the file again.
func (t *Template) WithResourceRefs() *Template {
	if t.opts.ResourceRefs {
		return t
	}
	return &Template{data: t.data, doc: t.doc, opts: ParseOptions{ResourceRefs: true}}
}

// Doc is the template in long form, unresolved: map[string]any, []any,
// string, int64, float64, bool and nil, with every short-form intrinsic
// function written as its one-key map ({"Ref": "Table"}, {"Fn::Sub": ...},
// {"Fn::GetAtt": ["Table", "Arn"]}). Callers must not modify it.
func (t *Template) Doc() map[string]any { return t.doc }

// resolve runs goformation's intrinsics processor once, on first use.
func (t *Template) resolve() error {
	t.once.Do(func() {
		var po *intrinsics.ProcessorOptions
		if t.opts.ResourceRefs {
			po = &intrinsics.ProcessorOptions{IntrinsicHandlerOverrides: map[string]intrinsics.IntrinsicHandler{"Ref": refOrResource}}
		}
		resolved, err := ProcessYAML(t.data, po)
		if err != nil {
			t.resolveErr = err
			return
		}
		var doc struct {
			Parameters map[string]parameter
			Resources  map[string]resource
		}
		if err := json.Unmarshal(resolved, &doc); err != nil {
			t.resolveErr = fmt.Errorf("template structure: %w", err)
			return
		}
		t.resources, t.parameters = doc.Resources, doc.Parameters
	})
	return t.resolveErr
}

// Properties decodes the resolved Properties of resource logicalID into v,
// after checking that the resource exists and has type wantType (e.g.
// "AWS::DynamoDB::Table"). Unknown properties are ignored. v is typically a
// pointer to a goformation struct, or to a map.
func (t *Template) Properties(logicalID, wantType string, v any) error {
	if err := t.resolve(); err != nil {
		return fmt.Errorf("samtemplate: %w", err)
	}
	r, ok := t.resources[logicalID]
	if !ok {
		return fmt.Errorf("samtemplate: no resource %q in the template", logicalID)
	}
	if r.Type != wantType {
		return fmt.Errorf("samtemplate: resource %q is %s, want %s", logicalID, r.Type, wantType)
	}
	if len(r.Properties) == 0 || string(r.Properties) == "null" {
		return nil
	}
	if err := json.Unmarshal(r.Properties, v); err != nil {
		return fmt.Errorf("samtemplate: resource %q: %w", logicalID, err)
	}
	return nil
}

// _ is returned by readers that need a Resources section.
var _ = errors.New("samtemplate: the template has no Resources")
