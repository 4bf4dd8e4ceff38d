package childproc

import (
	"fmt"
	"net"
	"strconv"
)

// FreePort asks the kernel for a TCP port that is free on host ("" for all
// interfaces, "127.0.0.1" for loopback). Another program may take it before
// the child binds it: callers retry on a port-taken start-up error.
func FreePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("pick a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// CheckPort fails when port cannot be bound on host, as the child would
// fail, so that the caller learns it at once and not after a slow start.
func CheckPort(host string, port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return err
	}
	return l.Close()
}
