package notifywire

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestConfig: the sender comes from MAIL_FROM, else from the SES
// identity; a missing sender or site, a bad hour and a schedule group
// without its role fail the start, each named.
func TestConfig(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		from string
		errs []string
	}{
		{map[string]string{"MAIL_FROM": "bookings@example.com", "SES_IDENTITY": "example.com", "SITE_URL": "https://x/"}, "bookings@example.com", nil},
		{map[string]string{"SES_IDENTITY": "example.com", "SITE_URL": "https://x"}, "no-reply@example.com", nil},
		{map[string]string{"SES_IDENTITY": "cars@example.com", "SITE_URL": "https://x"}, "cars@example.com", nil},
		{map[string]string{"REMINDER_HOUR": "24", "SCHEDULE_GROUP": "g"}, "",
			[]string{"MAIL_FROM and SES_IDENTITY", "SITE_URL", "REMINDER_HOUR", "SCHEDULER_ROLE_ARN"}},
	} {
		c, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
		if c.From != tc.from || (err == nil) != (tc.errs == nil) {
			t.Errorf("%v: from %q, %v", tc.env, c.From, err)
		}
		for _, e := range tc.errs {
			if err == nil || !strings.Contains(err.Error(), e) {
				t.Errorf("%v: error %v lacks %s", tc.env, err, e)
			}
		}
	}
}

// TestHandler: the function builds without a network call; an
// event of no known shape is an error, not a silent success.
func TestHandler(t *testing.T) {
	env := map[string]string{"TABLE_NAME": "cars", "CURSOR_SECRET": strings.Repeat("s", 32), "DYNAMODB_ENDPOINT": "http://127.0.0.1:1",
		"SES_IDENTITY": "example.com", "SITE_URL": "https://cars.example.com", "SCHEDULE_GROUP": "g", "SCHEDULER_ROLE_ARN": "arn:aws:iam::1:role/r"}
	h, err := Handler(context.Background(), func(k string) string { return env[k] }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h(context.Background(), []byte(`{"hello":"world"}`)); err == nil || !strings.Contains(err.Error(), "not a stream batch") {
		t.Errorf("unknown event: %v", err)
	}
}
