package memsize

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// FullVCPU is the memory size at which Lambda gives a function one whole
// vCPU; below it, a share in proportion to memory. See "Configuring
// Lambda function memory":
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
const FullVCPU = 1769

// cfsPeriod is the CFS scheduler period the quotas are a share of (the
// kernel's default, 100 ms).
const cfsPeriod = 100000 // µs

// cgroupRoot is where the cgroup v1 controllers are mounted.
var cgroupRoot = "/sys/fs/cgroup"

// cgroup is one cgroup v1 group in the cpu and memory controllers that a
// bootstrap runs in: CPU time capped at memoryMB/FullVCPU of one CPU per
// CFS period (the Linux CFS bandwidth control that also caps containers'
// CPU, https://docs.kernel.org/scheduler/sched-bwc.html), memory at
// memoryMB, as Lambda caps a function of that size.
type cgroup struct {
	cpu, mem string // the group's folders
}

// newCgroup creates the group name sized for memoryMB. It needs root and
// cgroup v1 (this machine's); the error says what is missing.
func newCgroup(name string, memoryMB int) (*cgroup, error) {
	g := &cgroup{cpu: filepath.Join(cgroupRoot, "cpu", name), mem: filepath.Join(cgroupRoot, "memory", name)}
	if _, err := os.Stat(filepath.Join(cgroupRoot, "cpu", "cpu.cfs_quota_us")); err != nil {
		return nil, fmt.Errorf("no cgroup v1 cpu controller at %s (the bench needs one, and root): %w", cgroupRoot, err)
	}
	for _, dir := range []string{g.cpu, g.mem} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	quota := cfsPeriod * memoryMB / FullVCPU
	writes := []struct{ dir, file, value string }{
		{g.cpu, "cpu.cfs_period_us", strconv.Itoa(cfsPeriod)},
		{g.cpu, "cpu.cfs_quota_us", strconv.Itoa(quota)},
		{g.mem, "memory.limit_in_bytes", strconv.Itoa(memoryMB << 20)},
	}
	for _, w := range writes {
		if err := os.WriteFile(filepath.Join(w.dir, w.file), []byte(w.value), 0o644); err != nil {
			g.remove()
			return nil, fmt.Errorf("cgroup %s: %w", w.file, err)
		}
	}
	return g, nil
}

// command is bin started inside the group: a shell puts itself in it and
// execs bin, so that nothing of bin runs outside, its start included.
func (g *cgroup) command(bin string) *exec.Cmd {
	script := `echo $$ > "$1/cgroup.procs" && echo $$ > "$2/cgroup.procs" && exec "$0"`
	return exec.Command("/bin/sh", "-c", script, bin, g.cpu, g.mem)
}

// remove deletes the group (empty once its process is gone).
func (g *cgroup) remove() {
	os.Remove(g.cpu)
	os.Remove(g.mem)
}
