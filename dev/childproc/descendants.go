package childproc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Descendants maps the pid of every process below pid (children,
// grandchildren, ...) to its command line, read from /proc: what a caller
// notes before it stops a process, to check afterwards (Alive) that none
// of them outlived it. The error is for a system without /proc (not Linux).
func Descendants(pid int) (map[int]string, error) {
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("childproc: no /proc: %w", err)
	}
	parent := map[int]int{}
	for _, d := range dirs {
		p, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid ...; comm may hold spaces and parentheses.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) > 1 {
			parent[p], _ = strconv.Atoi(fields[1])
		}
	}
	out := map[int]string{}
	var walk func(int)
	walk = func(pp int) {
		for p, ppid := range parent {
			if ppid == pp {
				cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", p))
				out[p] = strings.ReplaceAll(string(cmdline), "\x00", " ")
				walk(p)
			}
		}
	}
	walk(pid)
	return out, nil
}
