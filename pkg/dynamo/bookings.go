package dynamo

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/rental"
)

// MaxBookingScan bounds the bookings one page of a status-filtered list
// may read to fill itself: past it, the page is short (or empty) and its
// cursor leads on.
const MaxBookingScan = 1000

// ListBookings queries the user's partition, newest first (booking ids
// are ULIDs), strongly consistent. With a status filter it reads on, a
// chunk at a time, until the page holds f.Limit bookings of that status,
// the partition ends, or it has read MaxBookingScan bookings: a page comes
// back short while more match only past that bound. A cursor that decrypts
// but does not fit the query (another partition, a key that is not a
// booking's) is validation_failed, as a foreign one is.
func (s *Store) ListBookings(ctx context.Context, userID string, f rental.BookingFilter) (rental.Page[rental.Booking], error) {
	var after keyCursor
	resumed, err := s.cursors.decode(f.Scope, f.Cursor, &after)
	if err != nil {
		return rental.Page[rental.Booking]{}, err
	}
	if resumed && !after.isBookingOf(userID) {
		return rental.Page[rental.Booking]{}, rental.ErrForeignCursor()
	}
	r := bookingReader{s: s, userID: userID, status: f.Status, want: f.Limit}
	if resumed {
		r.start = after.attrs()
	}
	if r.want <= 0 {
		r.want = MaxBookingScan
	}
	if err := r.fill(ctx); err != nil {
		return rental.Page[rental.Booking]{}, err
	}
	page := rental.Page[rental.Booking]{Items: r.kept}
	if r.next != nil {
		if page.NextCursor, err = s.cursors.encode(f.Scope, r.next); err != nil {
			return rental.Page[rental.Booking]{}, internal(err)
		}
	}
	if page.Items == nil {
		page.Items = []rental.Booking{}
	}
	return page, nil
}

// isBookingOf reports whether k is exactly a key of one of userID's
// bookings: the only position a list of their bookings may resume from.
func (k keyCursor) isBookingOf(userID string) bool {
	return len(k) == 2 && k[attrPK] == userPK(userID) && strings.HasPrefix(k[attrSK], bookingPrefix)
}

// bookingReader fills one page of a user's bookings.
type bookingReader struct {
	s      *Store
	userID string
	status rental.BookingStatus
	want   int
	start  map[string]types.AttributeValue

	kept []rental.Booking
	seen int
	next keyCursor // where the next page starts; nil at the end
}

// fill reads chunks until the page is full, the partition ends or
// MaxBookingScan bookings were read.
func (r *bookingReader) fill(ctx context.Context) error {
	for {
		n := r.want - len(r.kept)
		if r.status != "" {
			n = min(max(n, minChunk), MaxBookingScan-r.seen)
		}
		items, more, err := r.s.query(ctx, &dynamodb.QueryInput{
			KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :sk)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":pk": str(userPK(r.userID)), ":sk": str(bookingPrefix)},
			ScanIndexForward: aws.Bool(false),
			ConsistentRead:   aws.Bool(true),
		}, n, r.start)
		if err != nil {
			return err
		}
		done, err := r.look(items, more)
		if err != nil || done {
			return err
		}
	}
}

// look takes items, one chunk; done is true when the page is finished
// (r.next set when more follow).
func (r *bookingReader) look(items []map[string]types.AttributeValue, more bool) (done bool, err error) {
	for i, it := range items {
		if len(r.kept) >= r.want { // and another booking follows
			return true, r.resumeAfter(items[i-1])
		}
		b, err := bookingFrom(it)
		if err != nil {
			return true, internal(err)
		}
		r.seen++
		if r.status == "" || b.Status == r.status {
			r.kept = append(r.kept, b)
		}
	}
	if !more || len(items) == 0 {
		return true, nil
	}
	last := items[len(items)-1]
	if len(r.kept) >= r.want || r.seen >= MaxBookingScan {
		return true, r.resumeAfter(last)
	}
	k, err := keyOf(last, attrPK, attrSK)
	if err != nil {
		return true, internal(err)
	}
	r.start = k.attrs()
	return false, nil
}

// resumeAfter sets the next page to start after item.
func (r *bookingReader) resumeAfter(item map[string]types.AttributeValue) error {
	k, err := keyOf(item, attrPK, attrSK)
	if err != nil {
		return internal(err)
	}
	r.next = k
	return nil
}
