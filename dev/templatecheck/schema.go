package templatecheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/awslabs/goformation/v7/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaURL names goformation's schema inside the compiler.
const schemaURL = "https://github.com/awslabs/goformation/schema/sam.schema.json"

// fullSchema is goformation's CloudFormation + SAM JSON schema (draft 4,
// schema.SamSchema), decoded once.
var fullSchema = sync.OnceValues(func() (map[string]any, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema.SamSchema))
	if err != nil {
		return nil, err
	}
	return doc.(map[string]any), nil
})

// samSchema is the part of fullSchema that a template needs, compiled.
// The whole schema (7.7 MB, 7,400 definitions, its Resources an anyOf over
// 1,400 resource types) takes 20 s to compile and answers a mistake with
// an error from every type. So the checks take the top-level sections'
// schemas (#/properties/<Section>) and the definitions of the resource
// types used (#/definitions/<Type>), with the definitions these refer to,
// and apply to each resource its own type's definition.
type samSchema struct {
	c    *jsonschema.Compiler
	root map[string]any
}

// newSamSchema is the schema of the given sections and resource types.
func newSamSchema(sections, types []string) (*samSchema, error) {
	full, err := fullSchema()
	if err != nil {
		return nil, err
	}
	defs, _ := full["definitions"].(map[string]any)
	props, _ := full["properties"].(map[string]any)
	root := map[string]any{"definitions": map[string]any{}, "properties": map[string]any{}}
	keep := root["definitions"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				name := strings.TrimPrefix(ref, "#/definitions/")
				if d, ok := defs[name]; ok && keep[name] == nil {
					keep[name] = d
					walk(d)
				}
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, s := range sections {
		if p, ok := props[s]; ok {
			root["properties"].(map[string]any)[s] = p
			walk(p)
		}
	}
	for _, t := range types {
		walk(map[string]any{"$ref": "#/definitions/" + t})
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource(schemaURL, root); err != nil {
		return nil, err
	}
	return &samSchema{c: c, root: root}, nil
}

// at compiles the subschema at the JSON pointer made of ptr, e.g.
// "definitions", "AWS::Logs::LogGroup"; nil when there is none.
func (s *samSchema) at(ptr ...string) (*jsonschema.Schema, error) {
	var v any = s.root
	for _, p := range ptr {
		m, _ := v.(map[string]any)
		if v = m[p]; v == nil {
			return nil, nil
		}
	}
	var frag strings.Builder
	for _, p := range ptr {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1")
		frag.WriteString("/" + url.PathEscape(p))
	}
	return s.c.Compile(schemaURL + "#" + frag.String())
}

// problem is one schema violation: its place in the template (a JSON
// pointer, "/Resources/GetCarFunction/Properties") and what is wrong.
type problem struct {
	where, message string
}

func (p problem) String() string { return p.where + ": " + p.message }

// validateSchema validates doc (long form, see fromYAML) against the
// schema, after replacing intrinsic functions by placeholders; violations
// that an exemption covers pass. The error lists each violation with its
// place in the template.
func validateSchema(doc map[string]any) error {
	problems, err := schemaProblems(doc)
	if err != nil {
		return err
	}
	var msgs []string
	for _, p := range problems {
		if exempted(p) == nil {
			msgs = append(msgs, p.String())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return fmt.Errorf("the template breaks the CloudFormation/SAM schema:\n  %s", strings.Join(msgs, "\n  "))
}

// schemaProblems are all the violations of doc, exempted or not: each
// top-level section checked against the schema's property of that name,
// each resource against the definition of its Type.
func schemaProblems(doc map[string]any) ([]problem, error) {
	inst := withPlaceholders(doc)
	var sections, types []string
	for section, v := range inst {
		if section != "Resources" { // its schema is the anyOf over every type
			sections = append(sections, section)
			continue
		}
		resources, _ := v.(map[string]any)
		for _, r := range resources {
			typ, _ := r.(map[string]any)["Type"].(string)
			types = append(types, typ)
		}
	}
	s, err := newSamSchema(sections, types)
	if err != nil {
		return nil, fmt.Errorf("load the schema: %w", err)
	}
	var problems []problem
	check := func(where string, v any, ptr ...string) error {
		sch, err := s.at(ptr...)
		if err != nil {
			return err
		}
		if sch == nil {
			problems = append(problems, problem{where, "the schema has no " + strings.Join(ptr, "/")})
			return nil
		}
		ps, err := validate(sch, v, where)
		problems = append(problems, ps...)
		return err
	}
	for _, section := range []string{"Transform", "Resources"} {
		if _, ok := inst[section]; !ok {
			problems = append(problems, problem{"/", "no " + section})
		}
	}
	for section, v := range inst {
		if section != "Resources" {
			if err := check("/"+section, v, "properties", section); err != nil {
				return nil, err
			}
			continue
		}
		resources, _ := v.(map[string]any)
		for id, r := range resources {
			typ, _ := r.(map[string]any)["Type"].(string)
			if err := check("/Resources/"+id, r, "definitions", typ); err != nil {
				return nil, err
			}
		}
	}
	return problems, nil
}

var english = message.NewPrinter(language.English)

// validate validates v against sch and returns the innermost violations
// (what is actually wrong, without the chain of $refs above them), placed
// under where.
func validate(sch *jsonschema.Schema, v any, where string) ([]problem, error) {
	inst, err := jsonValue(v)
	if err != nil {
		return nil, err
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return nil, err
	}
	var out []problem
	for _, leaf := range leaves(ve) {
		out = append(out, problem{strings.Join(append([]string{where}, leaf.InstanceLocation...), "/"),
			leaf.ErrorKind.LocalizedString(english)})
	}
	return out, nil
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// jsonValue converts v to what the validator takes (numbers as
// json.Number), through JSON.
func jsonValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
}
