// Package childproc runs a helper server (DynamoDB Local's JVM, cognito-local's
// node) as a child process that cannot outlive the program that started it.
//
// The child runs in its own process group, so a Ctrl-C in the terminal
// reaches the parent, not the child, and the parent decides when to stop it;
// Stop kills the whole group (a launcher's own children included) and waits
// until the child has been reaped. On Linux the child also gets SIGKILL when
// its parent dies (Pdeathsig), as a backstop for a parent that is killed
// before it can call Stop.
package childproc

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// stopTimeout bounds the wait for the kernel to reap a killed group.
const stopTimeout = 10 * time.Second

// Process is a started child. Stop it when done.
type Process struct {
	pid      int
	done     chan struct{} // closed when the child has exited and been reaped
	waitErr  error         // cmd.Wait's, set before done is closed
	stopOnce sync.Once
	stopErr  error
}

// Start starts cmd in a new process group with Pdeathsig (Linux), replacing
// cmd.SysProcAttr. cmd's output must be set by the caller; Start does not
// wait for anything but the fork. The error is exec's, e.g. a missing
// binary.
func Start(cmd *exec.Cmd) (*Process, error) {
	cmd.SysProcAttr = sysProcAttr()
	p := &Process{done: make(chan struct{})}
	// Pdeathsig fires when the OS thread that forked the child exits, not the
	// process. Starting and reaping the child on one locked thread keeps that
	// thread alive exactly as long as the child.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer close(p.done)
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		p.pid = cmd.Process.Pid
		started <- nil
		p.waitErr = cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return p, nil
}

// Pid is the child's process id, which is also its process group id.
func (p *Process) Pid() int { return p.pid }

// Done is closed once the child has exited and been reaped, and its output
// copied to the writers of the exec.Cmd.
func (p *Process) Done() <-chan struct{} { return p.done }

// ExitErr waits until Done is closed and says how the child ended: nil
// for exit status 0, else cmd.Wait's error ("exit status 1", "signal:
// killed"). After Stop it says only that our SIGKILL ended it.
func (p *Process) ExitErr() error {
	<-p.done
	return p.waitErr
}

// Ended waits until Done is closed and says how the child ended, with
// the last lines of its output (out, which may be nil), for a message
// about a child that ended by itself: "signal: killed; its last output:
// ...".
func (p *Process) Ended(out *Tail) string {
	how := "exit status 0"
	if err := p.ExitErr(); err != nil {
		how = err.Error()
	}
	if last := strings.TrimSpace(out.String()); last != "" {
		return how + "; its last output:\n" + last
	}
	return how + "; no output"
}

// Stop sends SIGKILL to the child's process group and waits until the child
// has been reaped. It is safe to call more than once and from several
// goroutines; the error (the same on every call) says that the kill failed
// or that the child was still there 10 s later.
func (p *Process) Stop() error {
	p.stopOnce.Do(func() {
		select {
		case <-p.done:
			return // already exited
		default:
		}
		if err := killGroup(p.pid); err != nil {
			p.stopErr = fmt.Errorf("stop pid %d: %w", p.pid, err)
		}
		select {
		case <-p.done:
		case <-time.After(stopTimeout):
			p.stopErr = fmt.Errorf("pid %d still running %s after SIGKILL", p.pid, stopTimeout)
		}
	})
	return p.stopErr
}
