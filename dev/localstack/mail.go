package localstack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/carrental/backend/dev/localesm"
	"github.com/carrental/backend/dev/localschedule"
	"github.com/carrental/backend/dev/seslocal"
	"github.com/carrental/backend/pkg/notify"
)

// Mail writes the last n emails of the running stack's local SES, oldest
// first: when, to whom, the subject; with bodies, the text of each too.
func Mail(ctx context.Context, statePath string, n int, bodies bool, w io.Writer) error {
	s, err := ReadState(statePath)
	if err != nil {
		return err
	}
	list, err := seslocal.Emails(ctx, s.SESEndpoint)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "no email yet (%s/_local/mail shows them as they come)\n", s.URL)
		return err
	}
	list = list[max(0, len(list)-n):]
	var b strings.Builder
	for _, e := range list {
		fmt.Fprintf(&b, "%s  to %s  %s\n", e.Time().UTC().Format("2006-01-02 15:04:05 UTC"), strings.Join(e.Destination.To, ", "), e.Subject)
		if bodies {
			fmt.Fprintf(&b, "\n%s\n\n", strings.TrimSpace(e.Body.Text))
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// Remind runs the target of booking bookingID's reminder schedule on the
// running stack now, as EventBridge Scheduler would at its time, and
// writes the result ({"result":"sent"}, or seen, notDue, noAddress).
// Errors: no stack, no schedule for the booking (cancelled, a pick-up too
// soon, or no such booking), the function's.
func Remind(ctx context.Context, statePath, bookingID string, w io.Writer) error {
	s, err := ReadState(statePath)
	if err != nil {
		return err
	}
	var list []localschedule.Schedule
	if err := getJSON(ctx, s.URL+"/_local/schedules", &list); err != nil {
		return err
	}
	for _, sc := range list {
		if sc.Input.BookingID == bookingID {
			fmt.Fprintf(w, "remind: running %s (%s %s) now\n", sc.Name, sc.Expression, sc.Zone)
			return notifyOnStack(ctx, s, notify.ReminderEvent{Reminder: &sc.Input}, w)
		}
	}
	return fmt.Errorf("no reminder is scheduled for booking %s: it is cancelled, its pick-up is too soon for one, or there is no such booking (%d scheduled: %s/_local/schedules)",
		bookingID, len(list), s.URL)
}

// DeadLetters writes the running stack's dead letters of the notify
// mapping: why, how many records, the sequence numbers, the bookings.
func DeadLetters(ctx context.Context, statePath string, w io.Writer) error {
	s, letters, err := deadLetters(ctx, statePath)
	if err != nil {
		return err
	}
	if len(letters) == 0 {
		_, err := fmt.Fprintln(w, "no dead letters")
		return err
	}
	for i, l := range letters {
		var ids []string
		for _, r := range l.Records {
			ids = append(ids, r.Change.NewImage["id"].String()+" v"+r.Change.NewImage["version"].Number())
		}
		fmt.Fprintf(w, "%d. %s %s after %d invocations: %d records, %s to %s (bookings %s)\n", i+1, l.Timestamp,
			l.RequestContext.Condition, l.RequestContext.ApproximateInvokeCount, len(l.Records),
			l.BatchInfo.StartSequenceNumber, l.BatchInfo.EndSequenceNumber, strings.Join(ids, ", "))
	}
	_, err = fmt.Fprintf(w, "resend them: go run ./cmd/local resend (%s/_local/dead-letters)\n", s.URL)
	return err
}

// Resend hands each dead letter of the running stack to the notify
// function again, as an operator does in the cloud (docs/operations.md):
// the function reads the batch back from the stream and sends what was
// not sent. The letters stay listed; a second resend sends nothing more.
func Resend(ctx context.Context, statePath string, w io.Writer) error {
	s, letters, err := deadLetters(ctx, statePath)
	if err != nil {
		return err
	}
	if len(letters) == 0 {
		_, err := fmt.Fprintln(w, "no dead letters to resend")
		return err
	}
	for _, l := range letters {
		if err := notifyOnStack(ctx, s, l.DeadLetter, w); err != nil {
			return err
		}
	}
	return nil
}

func deadLetters(ctx context.Context, statePath string) (State, []localesm.Letter, error) {
	s, err := ReadState(statePath)
	if err != nil {
		return State{}, nil, err
	}
	var letters []localesm.Letter
	err = getJSON(ctx, s.URL+"/_local/dead-letters", &letters)
	return s, letters, err
}

// notifyOnStack has the running stack run its notify function once on
// event (POST /_local/notify), so that what it schedules is the stack's,
// and writes the answer.
func notifyOnStack(ctx context.Context, s State, event any, w io.Writer) error {
	raw, err := json.Marshal(event)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, invokeTimeout+30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/_local/notify", bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("X-Local-Stack", "1")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("notify: %s %s", resp.Status, bytes.TrimSpace(out))
	}
	_, err = w.Write(out)
	return err
}

// getJSON reads url's JSON into v (fetch: a 200 within 5 s).
func getJSON(ctx context.Context, url string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	body, err := fetch(ctx, url)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, v)
}
