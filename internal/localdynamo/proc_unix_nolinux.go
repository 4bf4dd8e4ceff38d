//go:build unix && !linux

package localdynamo

import "syscall"

// sysProcAttr puts the JVM in its own process group. Outside Linux there is
// no Pdeathsig: a parent killed before Stop leaves the JVM running.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
