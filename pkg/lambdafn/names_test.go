package lambdafn_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/carrental/backend/pkg/lambdafn"
)

func TestLogicalIDAndFolder(t *testing.T) {
	for folder, id := range map[string]string{
		"list-locations":  "ListLocationsFunction",
		"get-car":         "GetCarFunction",
		"cancel-booking":  "CancelBookingFunction",
		"lex-fulfillment": "LexFulfillmentFunction",
		"v2-export":       "V2ExportFunction",
		"get2-car":        "Get2CarFunction",
	} {
		if got := lambdafn.LogicalID(folder); got != id {
			t.Errorf("LogicalID(%q) = %q, want %q", folder, got, id)
		}
		if got, err := lambdafn.Folder(id); err != nil || got != folder {
			t.Errorf("Folder(%q) = %q, %v; want %q", id, got, err, folder)
		}
	}
	// Folder names whose logical ID would not read back the same way.
	for _, folder := range []string{"", "Get-car", "get_car", "get--car", "-get", "get-", "a-b", "get-c", "2fa-setup", "get-2car"} {
		if got := lambdafn.LogicalID(folder); got != "" {
			t.Errorf("LogicalID(%q) = %q, want \"\"", folder, got)
		}
	}
	for _, id := range []string{"", "Function", "GetCar", "getCarFunction", "GetURLFunction", "Get-CarFunction", "GetCarFunctions"} {
		if got, err := lambdafn.Folder(id); err == nil {
			t.Errorf("Folder(%q) = %q, want an error", id, got)
		}
	}
}

func TestFolders(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"functions/get-car", "functions/list-cars", "functions/notes"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"functions/get-car/main.go", "functions/list-cars/main.go", "functions/notes/README.md"} {
		if err := os.WriteFile(filepath.Join(root, f), []byte("package main\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := lambdafn.Folders(root)
	if err != nil || !slices.Equal(got, []string{"get-car", "list-cars"}) {
		t.Errorf("Folders = %v, %v; want the two folders with a main.go", got, err)
	}
	if _, err := lambdafn.Folders(t.TempDir()); err == nil {
		t.Error("Folders without a functions folder: no error")
	}
}
