package notify

import (
	"context"
	"testing"
	"time"

	"github.com/carrental/backend/pkg/rental"
)

func p(b rental.Booking) *rental.Booking { return &b }

// TestApplyOncePerChange: a booking, a change and a cancellation send one
// email each; the same records again, and an older record after a newer
// one, send nothing more.
func TestApplyOncePerChange(t *testing.T) {
	r := newRig()
	ctx := context.Background()
	b := booking()
	later := moved(b, "2027-03-10", 24500)
	gone := cancelled(later)
	changes := []Change{{New: p(b)}, {Old: p(b), New: p(later)}, {Old: p(later), New: p(gone)}}
	want := []Result{Sent, Sent, Sent}
	for i, c := range changes {
		if res, err := r.n.Apply(ctx, c); err != nil || res != want[i] {
			t.Fatalf("change %d: %q, %v", i, res, err)
		}
	}
	for i, c := range append(changes, changes[0], changes[1]) { // duplicates, and late ones
		if res, err := r.n.Apply(ctx, c); err != nil || res != Seen {
			t.Errorf("again %d: %q, %v; want seen", i, res, err)
		}
	}
	if len(r.mail.sent) != 3 {
		t.Fatalf("%d emails, want 3", len(r.mail.sent))
	}
	for i, want := range []string{"Booking confirmed", "Booking changed", "Booking cancelled"} {
		if got := r.mail.sent[i].Subject; len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("email %d: %q, want %s", i, got, want)
		}
	}
}

// TestApplyLateRecordSendsNothing: a change seen before the booking's
// first record (re-ordered): the first record then sends nothing.
func TestApplyLateRecordSendsNothing(t *testing.T) {
	r := newRig()
	b := booking()
	later := moved(b, "2027-03-10", 24500)
	if res, _ := r.n.Apply(context.Background(), Change{Old: p(b), New: p(later)}); res != Sent {
		t.Fatalf("change: %q", res)
	}
	if res, _ := r.n.Apply(context.Background(), Change{New: p(b)}); res != Seen {
		t.Errorf("the older record: %q, want seen", res)
	}
	if len(r.mail.sent) != 1 || r.rem.set[b.ID].Day() != 4 {
		t.Errorf("%d emails, reminder %v: want 1, and the reminder of the change's pick-up", len(r.mail.sent), r.rem.set[b.ID])
	}
}

// TestApplyRetry: SES failing leaves no marker, so the retry sends; the
// marker failing after SES accepted fails the record too (the retry may
// send again: the one window of a second email).
func TestApplyRetry(t *testing.T) {
	r := newRig()
	b := booking()
	r.mail.fail = 2
	for i := range 2 {
		if _, err := r.n.Apply(context.Background(), Change{New: p(b)}); err == nil {
			t.Fatalf("attempt %d with SES failing: no error", i)
		}
	}
	if res, err := r.n.Apply(context.Background(), Change{New: p(b)}); err != nil || res != Sent || len(r.mail.sent) != 1 {
		t.Fatalf("third attempt: %q, %v; %d emails", res, err, len(r.mail.sent))
	}
	r.marks.failSent = true
	if _, err := r.n.Apply(context.Background(), Change{Old: p(b), New: p(cancelled(b))}); err == nil {
		t.Error("marker not written, but no error")
	}
}

// TestApplyWithoutAddressOrChange: an old booking without an address,
// and a write that changes nothing the customer sees, send nothing.
func TestApplyWithoutAddressOrChange(t *testing.T) {
	r := newRig()
	b := booking()
	b.Email = ""
	if res, err := r.n.Apply(context.Background(), Change{New: p(b)}); err != nil || res != NoAddress {
		t.Errorf("no address: %q, %v", res, err)
	}
	b = booking()
	if res, err := r.n.Apply(context.Background(), Change{Old: p(b), New: p(b)}); err != nil || res != Ignored {
		t.Errorf("same version: %q, %v", res, err)
	}
	if len(r.mail.sent) != 0 || len(r.rem.set) != 0 {
		t.Errorf("sent %d, scheduled %d", len(r.mail.sent), len(r.rem.set))
	}
}

// TestReminderSchedule: confirmed sets the reminder at 18:00 the day
// before at the location, a change moves it, a cancellation clears it; a
// pick-up too soon for one gets none.
func TestReminderSchedule(t *testing.T) {
	r := newRig()
	ctx := context.Background()
	b := booking()
	if _, err := r.n.Apply(ctx, Change{New: p(b)}); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2027, 3, 4, 17, 0, 0, 0, time.UTC) // 18:00 in Berlin (CET)
	if at := r.rem.set[b.ID]; !at.Equal(want) || at.Location().String() != "Europe/Berlin" {
		t.Errorf("reminder at %v, want %v in Europe/Berlin", at, want)
	}
	earlier := b
	earlier.Period.Pickup, earlier.Version = rental.MustDate("2027-03-03"), 2
	if _, err := r.n.Apply(ctx, Change{Old: p(b), New: p(earlier)}); err != nil {
		t.Fatal(err)
	}
	if at := r.rem.set[b.ID]; at.Day() != 2 {
		t.Errorf("moved reminder at %v, want 2 March", at)
	}
	if _, err := r.n.Apply(ctx, Change{Old: p(earlier), New: p(cancelled(earlier))}); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.rem.set[b.ID]; ok {
		t.Error("a cancelled booking keeps its reminder")
	}
	soon := booking()
	soon.ID, soon.Period = "soon", rental.Period{Pickup: rental.MustDate("2026-11-30"), Return: rental.MustDate("2026-12-02")}
	if _, err := r.n.Apply(ctx, Change{New: p(soon)}); err != nil {
		t.Fatal(err)
	}
	if at, ok := r.rem.set["soon"]; ok {
		t.Errorf("a pick-up today got a reminder at %v", at)
	}
}

// TestRemind: a reminder goes once for the booking's pick-up day; none
// for a cancelled or moved booking, or one that is gone.
func TestRemind(t *testing.T) {
	r := newRig()
	ctx := context.Background()
	b := booking()
	r.books[b.ID] = b
	task := ReminderTask{UserID: b.UserID, BookingID: b.ID, Pickup: b.Period.Pickup}
	for i, want := range []Result{Sent, Seen} {
		if res, err := r.n.Remind(ctx, task); err != nil || res != want {
			t.Errorf("reminder %d: %q, %v; want %q", i, res, err, want)
		}
	}
	if len(r.mail.sent) != 1 || r.mail.sent[0].Subject != "Reminder: pick up your Volkswagen Golf tomorrow at Berlin Hauptbahnhof" {
		t.Fatalf("sent %+v", r.mail.sent)
	}
	stale := task
	stale.Pickup = rental.MustDate("2027-03-01")
	r.books["gone"] = cancelled(b)
	for name, tk := range map[string]ReminderTask{"moved": stale, "unknown": {UserID: "x", BookingID: "y", Pickup: b.Period.Pickup},
		"another user's": {UserID: "mallory", BookingID: b.ID, Pickup: b.Period.Pickup}} {
		if res, err := r.n.Remind(ctx, tk); err != nil || res != NotDue {
			t.Errorf("%s: %q, %v", name, res, err)
		}
	}
	c := cancelled(b)
	r.books[b.ID] = c
	r.marks.m = map[string]Mark{}
	if res, _ := r.n.Remind(ctx, task); res != NotDue {
		t.Errorf("cancelled: %q", res)
	}
	if len(r.mail.sent) != 1 {
		t.Errorf("%d emails", len(r.mail.sent))
	}
}

func TestReminderAt(t *testing.T) {
	for _, tc := range []struct {
		day, zone string
		want      time.Time
	}{
		{"2027-03-05", "Europe/Berlin", time.Date(2027, 3, 4, 17, 0, 0, 0, time.UTC)},
		{"2027-07-05", "Europe/Berlin", time.Date(2027, 7, 4, 16, 0, 0, 0, time.UTC)},       // summer time
		{"2027-01-05", "Pacific/Auckland", time.Date(2027, 1, 4, 5, 0, 0, 0, time.UTC)},     // NZDT, +13
		{"2027-03-15", "America/Los_Angeles", time.Date(2027, 3, 15, 1, 0, 0, 0, time.UTC)}, // PDT from 14 March
	} {
		got, err := ReminderAt(rental.MustDate(tc.day), tc.zone, DefaultReminderHour)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s in %s: %v, %v; want %v", tc.day, tc.zone, got, err, tc.want)
		}
	}
	if _, err := ReminderAt(rental.MustDate("2027-01-05"), "Mars/Olympus", 18); err == nil {
		t.Error("an unknown zone")
	}
}
