//go:build unix && !linux

package childproc

import "syscall"

// sysProcAttr puts the child in its own process group. Outside Linux there
// is no Pdeathsig: a parent killed before Stop leaves the child running.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
