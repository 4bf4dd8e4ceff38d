package localdynamo

import "syscall"

// sysProcAttr puts the JVM in its own process group and has the kernel send
// it SIGKILL when the thread that started it dies (see start).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
