package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/notify"
	"github.com/carrental/backend/pkg/rental"
)

// noticePrefix starts the partition key of every sent marker: a
// partition of their own, so that IAM can give the notify function
// writes there and nowhere else (dynamodb:LeadingKeys), and no query of a
// user's bookings ever meets one.
const noticePrefix = "NOTICE#"

// The sent marker's attributes: PK NOTICE#<bookingId>, SK NOTICE.
const (
	noticeSK       = "NOTICE"
	attrSent       = "sentVersion" // N: the highest version whose notice SES accepted
	attrReminded   = "remindedFor" // S: the pick-up day whose reminder it accepted
	attrExpiresAt  = "expiresAt"   // N: epoch seconds, the table's TTL attribute
	attrNoticeKind = "kind"
)

// NoticeClient is the part of *dynamodb.Client that Notices uses.
type NoticeClient interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}

// Notices are pkg/notify's sent markers in the table: one small item per
// booking (under 100 bytes: a read unit to read, a write unit to write),
// deleted by the table's TTL once the booking is long over.
type Notices struct {
	db    NoticeClient
	table string
}

var _ notify.Marks = (*Notices)(nil)

// NewNotices is the sent markers of table through db.
func NewNotices(db NoticeClient, table string) *Notices { return &Notices{db: db, table: table} }

func noticeKey(bookingID string) map[string]types.AttributeValue {
	return key(noticePrefix+bookingID, noticeSK)
}

// Get reads booking bookingID's marker, strongly consistent: a marker
// written by the previous attempt is always seen. The zero Mark when there
// is none.
func (n *Notices) Get(ctx context.Context, bookingID string) (notify.Mark, error) {
	res, err := n.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &n.table, Key: noticeKey(bookingID),
		ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String(attrSent + ", " + attrReminded)})
	if err != nil {
		return notify.Mark{}, fmt.Errorf("dynamo: read sent marker: %w", err)
	}
	var m notify.Mark
	if v, ok := res.Item[attrSent].(*types.AttributeValueMemberN); ok {
		if m.Version, err = strconv.ParseInt(v.Value, 10, 64); err != nil {
			return notify.Mark{}, fmt.Errorf("dynamo: sent marker of %s: %w", bookingID, err)
		}
	}
	if v, ok := res.Item[attrReminded].(*types.AttributeValueMemberS); ok {
		if m.Reminded, err = rental.ParseDate(v.Value); err != nil {
			return notify.Mark{}, fmt.Errorf("dynamo: sent marker of %s: %w", bookingID, err)
		}
	}
	return m, nil
}

// Sent raises the marker to version v with one UpdateItem under the
// condition that it is absent or below v: of two writers of one version
// the second changes nothing, and a late, older version never lowers it.
// That condition failing is no error. See "Condition expressions":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
func (n *Notices) Sent(ctx context.Context, bookingID string, v int64, expires time.Time) error {
	u := newUpdate()
	name := u.name(attrSent)
	u.set(name, u.value(num(v)))
	n.common(u, expires)
	u.cond("(attribute_not_exists(" + name + ") OR " + name + " < " + u.value(num(v)) + ")")
	return n.update(ctx, u, bookingID)
}

// Reminded records that the reminder of the pick-up on day was accepted.
func (n *Notices) Reminded(ctx context.Context, bookingID string, day rental.Date, expires time.Time) error {
	u := newUpdate()
	u.set(u.name(attrReminded), u.value(str(day.String())))
	n.common(u, expires)
	return n.update(ctx, u, bookingID)
}

// common sets what every marker write sets: the kind and the expiry.
func (n *Notices) common(u *update, expires time.Time) {
	u.set(u.name(attrNoticeKind), u.value(str("notice")))
	u.set(u.name(attrExpiresAt), u.value(num(expires.Unix())))
}

func (n *Notices) update(ctx context.Context, u *update, bookingID string) error {
	in := u.build(n.table, noticeKey(bookingID))
	_, err := n.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: in.TableName, Key: in.Key,
		UpdateExpression: in.UpdateExpression, ConditionExpression: in.ConditionExpression,
		ExpressionAttributeNames: in.ExpressionAttributeNames, ExpressionAttributeValues: in.ExpressionAttributeValues})
	var failed *types.ConditionalCheckFailedException
	if errors.As(err, &failed) {
		return nil // at v or above already
	}
	if err != nil {
		return fmt.Errorf("dynamo: write sent marker: %w", err)
	}
	return nil
}

// BookingFromItem reads a booking item as the table holds it (a stream
// record's image, say); ok is false for an item of another kind (a car, an
// account, a sent marker). Errors: a booking item that does not decode.
func BookingFromItem(av map[string]types.AttributeValue) (b rental.Booking, ok bool, err error) {
	kind, _ := av["kind"].(*types.AttributeValueMemberS)
	if kind == nil || kind.Value != "booking" {
		return rental.Booking{}, false, nil
	}
	b, err = bookingFrom(av)
	return b, err == nil, err
}
