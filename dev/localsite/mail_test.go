package localsite

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/seslocal"
)

func mailSite(emails []seslocal.Email, notify func(context.Context, json.RawMessage) (any, error)) http.Handler {
	return New(Options{API: fakeAPI{}, ImageBaseURL: "http://localhost:3000/static",
		Emails: func(context.Context) ([]seslocal.Email, error) { return emails, nil }, Notify: notify,
		Schedules: func() any { return []string{"reminder-1"} }})
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost:3000"+path, nil))
	return rec
}

// TestMailPage: /_local/mail lists the emails newest first, their text
// escaped, with the site's security headers; /_local/mail/<id> is an
// email's HTML under a policy that allows no script and no request.
func TestMailPage(t *testing.T) {
	var a, b seslocal.Email
	a.MessageID, a.Subject, a.Body.Text, a.Body.HTML, a.At = "ses-1", "Booking confirmed", "first", "<p>first</p>", 1
	b.MessageID, b.Subject, b.Body.Text, b.At = "ses-2", "Booking <cancelled>", "second & last", 2
	b.Destination.To = []string{"alice@example.com"}
	h := mailSite([]seslocal.Email{a, b}, nil)
	page := get(h, "/_local/mail")
	body := page.Body.String()
	if page.Code != http.StatusOK || !strings.Contains(page.Header().Get("Content-Security-Policy"), "script-src 'self'") ||
		strings.Index(body, "Booking &lt;cancelled&gt;") > strings.Index(body, "Booking confirmed") ||
		!strings.Contains(body, "second &amp; last") || !strings.Contains(body, `href="/_local/mail/ses-1"`) ||
		!strings.Contains(body, "alice@example.com") {
		t.Errorf("mail page %d %v:\n%s", page.Code, page.Header(), body)
	}
	one := get(h, "/_local/mail/ses-1")
	if one.Body.String() != "<p>first</p>" || !strings.Contains(one.Header().Get("Content-Security-Policy"), "default-src 'none'") ||
		!strings.Contains(one.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("one email: %v %s", one.Header(), one.Body)
	}
	if r := get(h, "/_local/mail/ses-9"); r.Code != http.StatusNotFound {
		t.Errorf("an unknown email: %d", r.Code)
	}
	if r := get(h, "/_local/schedules"); r.Body.String() != "[\"reminder-1\"]\n" {
		t.Errorf("schedules: %s", r.Body)
	}
	if r := get(h, "/_local/dead-letters"); r.Body.String() != "[]\n" {
		t.Errorf("dead letters: %s", r.Body)
	}
}

// TestNotifyNeedsItsHeader: POST /_local/notify runs the function only
// with the header X-Local-Stack, which a page of another origin cannot
// send without a preflight.
func TestNotifyNeedsItsHeader(t *testing.T) {
	ran := 0
	h := mailSite(nil, func(context.Context, json.RawMessage) (any, error) {
		ran++
		return map[string]string{"result": "sent"}, nil
	})
	post := func(header bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "http://localhost:3000/_local/notify", strings.NewReader(`{"reminder":{}}`))
		if header {
			req.Header.Set("X-Local-Stack", "1")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if r := post(false); r.Code != http.StatusForbidden || ran != 0 {
		t.Errorf("without the header: %d, ran %d", r.Code, ran)
	}
	if r := post(true); r.Code != http.StatusOK || ran != 1 || r.Body.String() != "{\"result\":\"sent\"}\n" {
		t.Errorf("with the header: %d %s, ran %d", r.Code, r.Body, ran)
	}
}
