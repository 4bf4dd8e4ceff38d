package notify_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoAWSImport keeps the notices' rules and their rendering free of
// AWS, as the domain is: SES, Scheduler, the stream and the table are the
// adapters' (pkg/sesmail, pkg/schedules, pkg/notifyfn, pkg/dynamo).
func TestNoAWSImport(t *testing.T) {
	for _, p := range []string{"github.com/carrental/backend/pkg/notify", "github.com/carrental/backend/pkg/say"} {
		out, err := exec.Command("go", "list", "-deps", p).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		for _, pkg := range strings.Fields(string(out)) {
			if strings.Contains(pkg, "github.com/aws/") || strings.Contains(pkg, "lambda") {
				t.Errorf("%s depends on %s", p, pkg)
			}
		}
	}
}
