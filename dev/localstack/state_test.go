package localstack

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "local-stack.json")
	if _, err := ReadState(path); !errors.Is(err, ErrNotRunning) {
		t.Errorf("no file: %v, want ErrNotRunning", err)
	}
	s := State{PID: os.Getpid(), URL: "http://localhost:3000", Port: 3000, Cognito: CognitoState{UserPoolID: "local_1", ClientID: "c"}}
	if err := WriteState(path, s); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode: %v %v, want 0600 (it holds the cursor secret)", info, err)
	}
	got, err := ReadState(path)
	if err != nil || got.URL != s.URL || got.Cognito.Pool().ID != "local_1" {
		t.Errorf("ReadState = %+v, %v", got, err)
	}
	if err := RemoveState(path, os.Getpid()+1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error("RemoveState removed another process's file")
	}
	if err := RemoveState(path, os.Getpid()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("RemoveState left the file: %v", err)
	}

	// A stack that died without removing its file is not running.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	s.PID = dead.Process.Pid
	if err := WriteState(path, s); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadState(path); !errors.Is(err, ErrNotRunning) {
		t.Errorf("dead pid: %v, want ErrNotRunning", err)
	}
	if _, err := Token(t.Context(), path, "alice@example.com", ""); !errors.Is(err, ErrNotRunning) {
		t.Errorf("Token without a stack: %v", err)
	}
}

func TestStatePath(t *testing.T) {
	t.Setenv(EnvStateFile, "")
	if got := StatePath("/repo"); got != "/repo/.cache/local-stack.json" {
		t.Errorf("StatePath = %q", got)
	}
	t.Setenv(EnvStateFile, "/tmp/other.json")
	if got := StatePath("/repo"); got != "/tmp/other.json" {
		t.Errorf("StatePath with %s = %q", EnvStateFile, got)
	}
}
