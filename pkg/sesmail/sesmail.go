// Package sesmail sends pkg/notify's emails through Amazon SES API v2
// (SendEmail with simple content: subject, text and HTML bodies, UTF-8).
// In the cloud the client reaches SES; on the local stack, the
// aws-ses-v2-local server (dev/seslocal), which speaks the same API.
package sesmail

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"

	"github.com/carrental/backend/pkg/notify"
)

// Client is the part of *sesv2.Client that Mailer uses.
type Client interface {
	SendEmail(ctx context.Context, in *sesv2.SendEmailInput, opts ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

// Mailer is notify.Mailer on SES.
type Mailer struct{ c Client }

var _ notify.Mailer = (*Mailer)(nil)

// New is a Mailer on c.
func New(c Client) *Mailer { return &Mailer{c: c} }

// utf8 is the charset of every part: the emails spell € and place names.
const utf8 = "UTF-8"

// Send sends m as one SendEmail call ("SendEmail", Content.Simple:
// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html).
// The error is the SDK's after its own retries (throttling, 5xx), with
// SES's code, such as MessageRejected or MailFromDomainNotVerifiedException.
func (m *Mailer) Send(ctx context.Context, msg notify.Message) error {
	content := func(s string) *types.Content { return &types.Content{Data: aws.String(s), Charset: aws.String(utf8)} }
	_, err := m.c.SendEmail(ctx, &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(msg.From),
		Destination:      &types.Destination{ToAddresses: []string{msg.To}},
		Content: &types.EmailContent{Simple: &types.Message{
			Subject: content(msg.Subject),
			Body:    &types.Body{Text: content(msg.Text), Html: content(msg.HTML)},
		}},
	})
	if err != nil {
		return fmt.Errorf("ses: %w", err)
	}
	return nil
}
