package lambdafn

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// logicalIDSuffix ends the logical ID of every function in template.yaml.
const logicalIDSuffix = "Function"

// folderPattern is what a function folder may be called: words of two or
// more lower-case letters and digits, each starting with a letter, joined
// by single hyphens. Two characters a word keep capitals apart in the
// logical ID, so the Makefile's sed (a hyphen between a lower-case letter
// or digit and a capital) reads it back the same way.
var folderPattern = regexp.MustCompile(`^[a-z][a-z0-9]+(-[a-z][a-z0-9]+)*$`)

// logicalIDPattern is what LogicalID makes: Pascal-case words, each a
// capital and one or more lower-case letters and digits, then "Function".
var logicalIDPattern = regexp.MustCompile(`^([A-Z][a-z0-9]+)+Function$`)

// LogicalID is the template's logical ID of the function in folder, e.g.
// "get-car" -> "GetCarFunction". folder must match the folder pattern
// (see Folder); otherwise the result is "".
func LogicalID(folder string) string {
	if !folderPattern.MatchString(folder) {
		return ""
	}
	var b strings.Builder
	for _, word := range strings.Split(folder, "-") {
		b.WriteString(strings.ToUpper(word[:1]) + word[1:])
	}
	return b.String() + logicalIDSuffix
}

// Folder is the folder under functions/ of the template's function
// logicalID, e.g. "GetCarFunction" -> "get-car": LogicalID's inverse. It
// fails for a logical ID that LogicalID cannot make (no "Function" suffix,
// consecutive capitals such as "GetURLFunction").
func Folder(logicalID string) (string, error) {
	if !logicalIDPattern.MatchString(logicalID) {
		return "", fmt.Errorf("lambdafn: %q is not a function logical ID (PascalCaseFunction, one capital per word)", logicalID)
	}
	name := strings.TrimSuffix(logicalID, logicalIDSuffix)
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// Folders lists the function folders below root/functions: those holding a
// main.go, sorted.
func Folders(root string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(root, "functions", "*", "main.go"))
	if err != nil {
		return nil, err
	}
	if len(matches) == 0 {
		if _, err := os.Stat(filepath.Join(root, "functions")); err != nil {
			return nil, fmt.Errorf("lambdafn: %w", err)
		}
	}
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		out = append(out, filepath.Base(filepath.Dir(m)))
	}
	sort.Strings(out)
	return out, nil
}
