package load

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/rental"
)

// Seen is what the users were shown, for the audit.
type Seen struct {
	Users      []string                // the load's users (subs)
	Created    map[string]string       // booking id answered 201 -> its user
	Versions   map[string]ShownVersion // booking id -> the highest version any answer showed
	Unanswered map[string]int          // user -> creates that ended without a 201 or a 4xx
}

// ShownVersion is a booking's highest version shown, and whose it is.
type ShownVersion struct {
	User    string
	Version int64
}

// AuditResult is what the audit found. Lost counts confirmed bookings
// missing from their car's schedule (Findings.Lost), 201s whose booking is
// not stored (Missing), and bookings stored at an older version than a
// client was shown (Stale): all of them a write that a client was told of
// and that is not there.
type AuditResult struct {
	Findings    storetest.Findings
	Missing     []string
	Stale       []string
	Unannounced []string // users with more bookings than 201s, beyond their creates that got no answer
	Users       int      // users with bookings in the table
	Cars        int
	Bookings    int
	Confirmed   int
}

// Counts are the audit line's numbers but the 5xx.
func (r AuditResult) Counts() (overlaps, lost, orphans int) {
	return len(r.Findings.Overlaps), len(r.Findings.Lost) + len(r.Missing) + len(r.Stale), len(r.Findings.Orphans)
}

// Line is the audit's last line, with the 5xx answers counted by the load.
func (r AuditResult) Line(serverErrors int) string {
	o, l, orph := r.Counts()
	return fmt.Sprintf("audit: %d overlaps, %d lost, %d orphans, %d 5xx", o, l, orph, serverErrors)
}

// Audit reads the whole table: every car's schedule and every user's
// bookings (the keys from a Scan, the items through pkg/dynamo's store as
// the API reads them), checks the store's invariants with
// storetest.Audit (no overlapping ranges in a schedule; every confirmed
// booking in its car's schedule with its period, and nothing else there),
// then holds the store to what the users were shown (seen). Bookings whose
// return day has come anywhere on Earth may have been pruned from their
// schedule and are not counted lost.
func Audit(ctx context.Context, db *dynamodb.Client, table string, seen Seen, now time.Time) (AuditResult, error) {
	users, cars, err := scanKeys(ctx, db, table)
	if err != nil {
		return AuditResult{}, err
	}
	store := dynamo.New(db, table, []byte(rand.Text()))
	// The date in the last time zone to reach a day (UTC+14).
	today := rental.DateOf(now.UTC().Add(14 * time.Hour))
	r := AuditResult{Users: len(users), Cars: len(cars)}
	if r.Findings, err = storetest.Audit(ctx, store, users, cars, today); err != nil {
		return r, fmt.Errorf("audit: %w", err)
	}
	stored := map[string]rental.Booking{}
	for _, u := range users {
		bs, err := allBookings(ctx, store, u)
		if err != nil {
			return r, fmt.Errorf("audit: bookings of %s: %w", u, err)
		}
		for _, b := range bs {
			stored[b.ID] = b
			if b.Status == rental.Confirmed {
				r.Confirmed++
			}
		}
	}
	r.Bookings = len(stored)
	r.holdTo(seen, stored)
	return r, nil
}

// holdTo checks stored against what the users were shown.
func (r *AuditResult) holdTo(seen Seen, stored map[string]rental.Booking) {
	for id, user := range seen.Created {
		if b, ok := stored[id]; !ok || b.UserID != user {
			r.Missing = append(r.Missing, fmt.Sprintf("%s of %s: answered 201, not stored", id, user))
		}
	}
	for id, v := range seen.Versions {
		if b, ok := stored[id]; ok && b.UserID == v.User && b.Version < v.Version {
			r.Stale = append(r.Stale, fmt.Sprintf("%s: shown at version %d, stored at %d", id, v.Version, b.Version))
		}
	}
	unannounced := map[string]int{}
	for id, b := range stored {
		if _, ok := seen.Created[id]; !ok {
			unannounced[b.UserID]++
		}
	}
	for _, u := range seen.Users {
		if n := unannounced[u]; n > seen.Unanswered[u] {
			r.Unannounced = append(r.Unannounced, fmt.Sprintf("%s: %d bookings no 201 announced, %d creates without an answer", u, n, seen.Unanswered[u]))
		}
	}
	slices.Sort(r.Missing)
	slices.Sort(r.Stale)
	slices.Sort(r.Unannounced)
}

// Key prefixes of the table (pkg/dynamo/keys.go, template.yaml's Table).
const (
	userPrefix    = "USER#"
	bookingPrefix = "BOOKING#"
	carPrefix     = "CAR#"
	carSortKey    = "CAR"
)

// scanKeys lists the users that have bookings and the cars, from a Scan
// of the keys: the audit covers the whole table, whoever booked.
func scanKeys(ctx context.Context, db *dynamodb.Client, table string) (users, cars []string, err error) {
	seenUser := map[string]bool{}
	p := dynamodb.NewScanPaginator(db, &dynamodb.ScanInput{TableName: aws.String(table), ProjectionExpression: aws.String("PK, SK"),
		ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("audit: scan %s: %w", table, err)
		}
		for _, item := range page.Items {
			pk, sk := stringAttr(item["PK"]), stringAttr(item["SK"])
			switch {
			case strings.HasPrefix(pk, userPrefix) && strings.HasPrefix(sk, bookingPrefix):
				if u := strings.TrimPrefix(pk, userPrefix); !seenUser[u] {
					seenUser[u] = true
					users = append(users, u)
				}
			case strings.HasPrefix(pk, carPrefix) && sk == carSortKey:
				cars = append(cars, strings.TrimPrefix(pk, carPrefix))
			}
		}
	}
	slices.Sort(users)
	slices.Sort(cars)
	return users, cars, nil
}

// allBookings is every booking of user, page after page.
func allBookings(ctx context.Context, store rental.Store, user string) ([]rental.Booking, error) {
	q := rental.PageRequest{Limit: rental.MaxPageSize, Scope: "load-audit|" + user}
	var out []rental.Booking
	for {
		page, err := store.ListBookings(ctx, user, rental.BookingFilter{PageRequest: q})
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out, nil
		}
		q.Cursor = page.NextCursor
	}
}

// stringAttr is a string attribute's value; "" for any other.
func stringAttr(v types.AttributeValue) string {
	if s, ok := v.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}
