//go:build unix

package childproc

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStopKillsTheGroup starts a shell that leaves a grandchild behind (as
// npx or a launcher script would), and checks that Stop takes both.
func TestStopKillsTheGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "grandchild")
	cmd := exec.Command("sh", "-c", `sleep 60 & echo $! > "$1"; wait`, "sh", pidFile)
	p, err := Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Stop() })

	var grandchild int
	for deadline := time.Now().Add(5 * time.Second); grandchild == 0; {
		if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
			grandchild, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
		if time.Now().After(deadline) {
			t.Fatal("the shell did not report its child")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if pgid, _ := syscall.Getpgid(p.Pid()); pgid != p.Pid() {
		t.Errorf("child's process group = %d, want its own (%d)", pgid, p.Pid())
	}

	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.Done():
	default:
		t.Error("Done not closed after Stop")
	}
	if err := syscall.Kill(p.Pid(), 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("child %d after Stop: kill -0 = %v, want ESRCH (reaped)", p.Pid(), err)
	}
	// SIGKILL to a group returns before every member has died.
	for deadline := time.Now().Add(5 * time.Second); Alive(grandchild); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("grandchild %d still running 5s after Stop", grandchild)
		}
	}
	if err := p.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestAlive(t *testing.T) {
	if !Alive(os.Getpid()) {
		t.Error("Alive(own pid) = false")
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if Alive(cmd.Process.Pid) {
		t.Errorf("Alive(reaped pid %d) = true", cmd.Process.Pid)
	}
}

func TestStartMissingBinary(t *testing.T) {
	if _, err := Start(exec.Command(filepath.Join(t.TempDir(), "nothing"))); err == nil {
		t.Error("Start of a missing binary: no error")
	}
}

func TestTailKeepsTheEnd(t *testing.T) {
	var tl Tail
	tl.Write([]byte(strings.Repeat("a", tailSize)))
	tl.Write([]byte("end"))
	if s := tl.String(); len(s) != tailSize || !strings.HasSuffix(s, "aend") {
		t.Errorf("Tail = %d bytes ending %q, want %d ending in \"aend\"", len(s), s[len(s)-4:], tailSize)
	}
}

func TestPorts(t *testing.T) {
	port, err := FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckPort("127.0.0.1", port); err != nil {
		t.Errorf("CheckPort(free port %d) = %v", port, err)
	}
}

func TestWaitReady(t *testing.T) {
	out := &Tail{}
	cmd := exec.Command("sh", "-c", "echo starting; sleep 60")
	cmd.Stdout = out
	p, err := Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Stop() })
	calls := 0
	ready := Readiness{Name: "sleeper", Probe: "the third call", Timeout: 5 * time.Second, Interval: time.Millisecond, Output: out,
		Ready: func(context.Context) bool { calls++; return calls == 3 }}
	if err := p.WaitReady(context.Background(), ready); err != nil || calls != 3 {
		t.Errorf("WaitReady = %v after %d probes, want ready at the third", err, calls)
	}

	ready.Ready = func(context.Context) bool { return false }
	ready.Timeout = 20 * time.Millisecond
	err = p.WaitReady(context.Background(), ready)
	if err == nil || !strings.Contains(err.Error(), "sleeper did not answer the third call in time") || !strings.Contains(err.Error(), "starting") {
		t.Errorf("WaitReady on a server that never answers: %v, want a timeout quoting the output", err)
	}

	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("interrupted"))
	if err := p.WaitReady(ctx, ready); err == nil || !strings.Contains(err.Error(), "start-up of sleeper: interrupted") {
		t.Errorf("WaitReady with a cancelled context: %v", err)
	}

	_ = p.Stop()
	ready.Timeout = 5 * time.Second
	if err := p.WaitReady(context.Background(), ready); err == nil || !strings.Contains(err.Error(), "sleeper exited during start-up") {
		t.Errorf("WaitReady after the child ended: %v", err)
	}
}

// TestExitErr: a child that ends by itself says how, for the message of a
// watcher that did not expect it to end.
func TestExitErr(t *testing.T) {
	p, err := Start(exec.Command("sh", "-c", "exit 3"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.ExitErr(); err == nil || err.Error() != "exit status 3" {
		t.Errorf("ExitErr = %v, want exit status 3", err)
	}
	killed, err := Start(exec.Command("sh", "-c", "kill -9 $$"))
	if err != nil {
		t.Fatal(err)
	}
	if err := killed.ExitErr(); err == nil || err.Error() != "signal: killed" {
		t.Errorf("ExitErr = %v, want signal: killed", err)
	}
	if got := killed.Ended(nil); got != "signal: killed; no output" {
		t.Errorf("Ended = %q", got)
	}
	out := &Tail{}
	cmd := exec.Command("sh", "-c", "echo the port is gone; exit 1")
	cmd.Stdout = out
	talked, err := Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	if got := talked.Ended(out); got != "exit status 1; its last output:\nthe port is gone" {
		t.Errorf("Ended = %q", got)
	}
}
