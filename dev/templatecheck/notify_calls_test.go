package templatecheck

import (
	"reflect"
	"strings"
	"testing"

	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/notifyfn"
	"github.com/carrental/backend/pkg/schedules"
	"github.com/carrental/backend/pkg/sesmail"
)

// TestNotifyCallsAreGranted: every AWS call of the notify function's
// adapters (the methods of their client interfaces) is an action that
// its policies grant, so that what works locally is not refused by IAM
// in the cloud: the sent markers and the stream reader on the table, SES,
// EventBridge Scheduler.
func TestNotifyCallsAreGranted(t *testing.T) {
	tpl := load(t)
	sts, errs := tpl.statements("NotifyFunction", tpl.resources(functionType)["NotifyFunction"])
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	granted := map[string]bool{}
	for _, st := range sts {
		for _, a := range st.actions {
			granted[a] = true
		}
	}
	for prefix, client := range map[string]reflect.Type{
		"dynamodb:":  reflect.TypeOf((*dynamo.NoticeClient)(nil)).Elem(),
		"dynamodb: ": reflect.TypeOf((*notifyfn.StreamReader)(nil)).Elem(),
		"ses:":       reflect.TypeOf((*sesmail.Client)(nil)).Elem(),
		"scheduler:": reflect.TypeOf((*schedules.Client)(nil)).Elem(),
	} {
		for i := range client.NumMethod() {
			if a := strings.TrimSpace(prefix) + client.Method(i).Name; !granted[a] {
				t.Errorf("the notify function calls %s.%s, which needs %s: its policies do not grant it", client, client.Method(i).Name, a)
			}
		}
	}
}
