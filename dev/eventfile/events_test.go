package eventfile_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carrental/backend/dev/samtemplate"

	"github.com/carrental/backend/pkg/lambdafn"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/pkg/lexbot"
	"github.com/carrental/backend/pkg/notify"
)

// TestEventsDecode: every events/*.json decodes strictly (unknown
// properties are errors: `sam local invoke` would drop a misspelt one
// silently) as the event type of its function, both as it is, its
// placeholders unrendered (they stand in strings), and rendered
// (dev/eventfile): lex-*.json as lexbot.Event, the code hook's;
// <folder>.json as events.APIGatewayProxyRequest for the REST function of
// that folder; and every REST function has its file.
func TestEventsDecode(t *testing.T) {
	for _, rendered := range []bool{false, true} {
		t.Run(map[bool]string{false: "as-is", true: "rendered"}[rendered], func(t *testing.T) { eventsDecode(t, rendered) })
	}
}

func eventsDecode(t *testing.T, rendered bool) {
	root := samtemplate.MustRoot(t)
	folders, err := lambdafn.Folders(root)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "events", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events/*.json (%v)", err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		var err error
		switch {
		case strings.HasPrefix(name, "lex-"):
			var ev lexbot.Event
			if err = decodeStrict(path, rendered, &ev); err == nil && (ev.SessionState.Intent == nil && len(ev.Interpretations) == 0) {
				t.Errorf("events/%s.json: no intent", name)
			}
		case name == "notify":
			var ev events.DynamoDBEvent
			if err = decodeStrict(path, rendered, &ev); err == nil && (len(ev.Records) == 0 || ev.Records[0].Change.NewImage == nil) {
				t.Errorf("events/%s.json: no record with a new image", name)
			}
			seen[name] = true
		case strings.HasPrefix(name, "notify-") && rendered:
			var ev notify.ReminderEvent
			if err = decodeStrict(path, rendered, &ev); err == nil && (ev.Reminder == nil || ev.Reminder.BookingID == "") {
				t.Errorf("events/%s.json: no reminder", name)
			}
		case strings.HasPrefix(name, "notify-"): // a day of the domain, which ${DATE+N} is not before rendering
			var ev struct {
				Reminder struct{ UserID, BookingID, PickupDate string }
			}
			err = decodeStrict(path, rendered, &ev)
		case slices.Contains(folders, name):
			var ev events.APIGatewayProxyRequest
			if err = decodeStrict(path, rendered, &ev); err == nil && (ev.HTTPMethod == "" || ev.Resource == "" || ev.RequestContext.RequestID == "") {
				t.Errorf("events/%s.json: no httpMethod, resource or requestContext.requestId", name)
			}
			seen[name] = true
		default:
			t.Errorf("events/%s.json: no function %s, and not a lex- event", name, name)
		}
		if err != nil {
			t.Errorf("events/%s.json: %v", name, err)
		}
	}
	for _, f := range folders {
		if f != "lex-fulfillment" && !seen[f] {
			t.Errorf("functions/%s has no events/%s.json", f, f)
		}
	}
}

// decodeStrict decodes the event file at path into v, rejecting unknown
// properties; rendered renders it first, for an arbitrary day and user.
func decodeStrict(path string, rendered bool, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if rendered {
		data, err = eventfile.Render(data, eventfile.Values{Today: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC),
			IDToken: "header.payload.signature", Sub: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Email: "someone@example.com"})
		if err != nil {
			return err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the event")
	}
	return nil
}
