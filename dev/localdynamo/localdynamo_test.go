//go:build unix

package localdynamo

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/samtemplate"
)

func jarDir(t *testing.T) string {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, ".cache", "dynamodb-local")
}

// TestStartStop starts a real DynamoDB Local (about 3 s), asks it something,
// checks that a second server on the same port is refused with a clear
// error, and that Stop leaves no process behind.
func TestStartStop(t *testing.T) {
	ctx := context.Background()
	s, err := Start(ctx, Options{JarDir: jarDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })

	u, err := url.Parse(s.Endpoint())
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		t.Fatalf("Endpoint() = %q", s.Endpoint())
	}
	client, err := NewClient(ctx, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.ListTables(ctx, &dynamodb.ListTablesInput{}); err != nil {
		t.Fatal(err)
	}

	port, _ := strconv.Atoi(u.Port())
	if _, err := Start(ctx, Options{JarDir: jarDir(t), Port: port}); err == nil || !strings.Contains(err.Error(), "port "+u.Port()+" is taken") {
		t.Errorf("second Start on port %d: error = %v, want port taken", port, err)
	}

	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(s.proc.Pid(), 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("JVM pid %d after Stop: kill -0 = %v, want ESRCH", s.proc.Pid(), err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestStartErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Start(ctx, Options{JarDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "run make tools") {
		t.Errorf("Start without jar: error = %v, want a hint to run make tools", err)
	}

	t.Setenv("PATH", t.TempDir())
	_, err = Start(ctx, Options{JarDir: jarDir(t)})
	if err == nil || !strings.Contains(err.Error(), "install a Java 17 runtime") {
		t.Errorf("Start without java: error = %v, want a hint to install Java", err)
	}
}

func TestNewClientRejectsBadEndpoint(t *testing.T) {
	if _, err := NewClient(context.Background(), "127.0.0.1:8000"); err == nil {
		t.Error("endpoint without scheme: no error")
	}
}
