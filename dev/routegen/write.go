package routegen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/carrental/backend/api"
	"github.com/carrental/backend/dev/samtemplate"
)

// Root joins and generates from the repository's own template.yaml and
// api/openapi.yaml: the generated files by path, or the problems of Join as
// one error.
func Root() (root string, files map[string][]byte, err error) {
	if root, err = samtemplate.FindRoot(); err != nil {
		return "", nil, err
	}
	tpl, err := samtemplate.Load(filepath.Join(root, samtemplate.FileName))
	if err != nil {
		return "", nil, err
	}
	spec, err := api.Load()
	if err != nil {
		return "", nil, err
	}
	routes, problems, err := Join(tpl, spec)
	if err != nil {
		return "", nil, err
	}
	if len(problems) > 0 {
		return "", nil, errors.New("template.yaml and api/openapi.yaml disagree:\n  " + strings.Join(problems, "\n  "))
	}
	files, err = Generate(routes)
	return root, files, err
}

// Stale lists, sorted, the generated files whose content on disk under root
// differs from files (or that are missing).
func Stale(root string, files map[string][]byte) []string {
	var stale []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	return stale
}

// WriteRoot writes the stale generated files of the repository and returns
// their names.
func WriteRoot() ([]string, error) {
	root, files, err := Root()
	if err != nil {
		return nil, err
	}
	stale := Stale(root, files)
	for _, name := range stale {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	return stale, nil
}
