package load

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/carrental/backend/dev/childproc"
)

// CPU use during the load, per process: on a machine of two CPUs the load
// generator, the stack and DynamoDB Local's JVM share them, and the
// throughput is only read right beside what each used.

// userHZ is the unit of /proc/PID/stat's times: USER_HZ, 100 on every
// Linux that Go runs on.
const userHZ = 100

// cpuSample is the CPU time used so far by the load generator and by the
// stack and each of its descendants, by pid.
type cpuSample struct {
	self  time.Duration
	procs map[int]procCPU
}

type procCPU struct {
	name string
	used time.Duration
}

// sampleCPU reads the CPU times now; without /proc only the load's own.
func sampleCPU(stackPID int) cpuSample {
	s := cpuSample{procs: map[int]procCPU{}}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if stackPID <= 0 {
		return s
	}
	pids := map[int]string{stackPID: "stack (cmd/local)"}
	if below, err := childproc.Descendants(stackPID); err == nil {
		for pid, cmdline := range below {
			pids[pid] = processName(cmdline)
		}
	}
	for pid, name := range pids {
		if used, ok := procTime(pid); ok {
			s.procs[pid] = procCPU{name: name, used: used}
		}
	}
	return s
}

// processName names the stack's children for the report.
func processName(cmdline string) string {
	switch {
	case strings.Contains(cmdline, "DynamoDBLocal"):
		return "DynamoDB Local (java)"
	case strings.Contains(cmdline, "cognito-local"):
		return "cognito-local (node)"
	}
	return filepath.Base(strings.Fields(cmdline + " ?")[0])
}

// procTime is the user and system CPU time of process pid.
func procTime(pid int) (time.Duration, bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt
	// cminflt majflt cmajflt utime stime, so utime and stime are the 12th
	// and 13th fields.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+s) * time.Second / userHZ, true
}

// cpuUse is "load generator 41 s, stack (cmd/local) 52 s, ...": what each
// process used between before and after, most first.
func cpuUse(before, after cpuSample) string {
	type use struct {
		name string
		d    time.Duration
	}
	uses := []use{{"load generator", after.self - before.self}}
	for pid, p := range after.procs {
		uses = append(uses, use{p.name, p.used - before.procs[pid].used})
	}
	slices.SortFunc(uses, func(a, b use) int { return int(b.d - a.d) })
	parts := make([]string, len(uses))
	for i, u := range uses {
		parts[i] = fmt.Sprintf("%s %.1f s", u.name, u.d.Seconds())
	}
	return strings.Join(parts, ", ")
}
