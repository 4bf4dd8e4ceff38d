package samtemplate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// FindRoot returns the repository root: the nearest folder at or above the
// working directory that holds go.mod. Tests run in their package's folder,
// so this lets any package find template.yaml (filepath.Join(root, FileName))
// and the tool cache. It fails when no go.mod is found up to the file-system
// root.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("samtemplate: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("samtemplate: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("samtemplate: no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// LoadRoot loads FileName from the repository root found by FindRoot.
func LoadRoot() (*Template, error) {
	root, err := FindRoot()
	if err != nil {
		return nil, err
	}
	return Load(filepath.Join(root, FileName))
}

// MustRoot is FindRoot for tests: it fails tb when there is no root.
func MustRoot(tb testing.TB) string {
	tb.Helper()
	root, err := FindRoot()
	if err != nil {
		tb.Fatal(err)
	}
	return root
}
