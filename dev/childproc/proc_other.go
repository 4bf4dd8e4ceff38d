//go:build !unix

package childproc

import (
	"os"
	"syscall"
)

// sysProcAttr: no process groups here; Stop kills the child process only.
func sysProcAttr() *syscall.SysProcAttr { return nil }

// killGroup kills the process pid.
func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}
