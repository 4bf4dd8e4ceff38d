package seslocal

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/notify"
	"github.com/carrental/backend/pkg/sesmail"
)

// TestSendAndRead: an email sent through pkg/sesmail, as the notify
// function sends it, is in the store with its subject, both bodies and
// its addresses; a request from a web page (an Origin header, another
// Host) is refused; after Stop the port is free.
func TestSendAndRead(t *testing.T) {
	ctx := context.Background()
	s, err := Start(ctx, Options{Dir: filepath.Join(samtemplate.MustRoot(t), ".cache", "ses-local")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	msg := notify.Message{To: "alice@example.com", From: "bookings@example.com", Subject: "Booking confirmed: € and ü",
		Text: "plain", HTML: "<p>html</p>"}
	if err := sesmail.New(Client(s.Endpoint())).Send(ctx, msg); err != nil {
		t.Fatal(err)
	}
	got, err := Emails(ctx, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Subject != msg.Subject || got[0].Body.Text != "plain" || got[0].Body.HTML != "<p>html</p>" ||
		got[0].From != msg.From || strings.Join(got[0].Destination.To, ",") != msg.To || got[0].MessageID == "" {
		t.Fatalf("store = %+v", got)
	}
	for name, set := range map[string]func(*http.Request){
		"Origin": func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") },
		"Host":   func(r *http.Request) { r.Host = "evil.example" },
	} {
		req, _ := http.NewRequest(http.MethodGet, s.Endpoint()+"/store", nil)
		set(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("a request with another %s: %s, want 403", name, resp.Status)
		}
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := Emails(ctx, s.Endpoint()); err == nil {
		t.Error("the server answers after Stop")
	}
}
