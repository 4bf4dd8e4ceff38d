package localstack

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2"
	"github.com/aws/aws-sdk-go-v2/service/lexruntimev2/types"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/pkg/lexbot"
)

// ChatOptions configures Chat.
type ChatOptions struct {
	// StatePath is the running stack's state file (StatePath).
	StatePath string
	// Email and Password sign the user in at the stack's cognito-local;
	// "" are alice@example.com and the demo password.
	Email, Password string
	// In is what the user types, a line a message; Chat ends at its end.
	In io.Reader
	// Out gets the bot's messages; Echo, when set, also what was read
	// from In (for a script's transcript: a terminal shows it already).
	Out  io.Writer
	Echo bool
	// TimeZone is the IANA time zone that "tomorrow" is counted in (the
	// request attribute x-amz-lex:time-zone); "" is this machine's.
	TimeZone string
}

// Chat holds a conversation with the running stack's bot (its live alias,
// through the Lex V2 runtime on the stack's origin, with the AWS SDK's
// client as the web app's chat panel uses it) as the signed-in user: a
// line read is a message sent, with the user's fresh ID token as the
// session attribute idToken and the session attributes the bot returned;
// the bot's messages are written as "bot: ...", and a response card's
// buttons numbered ("  1. Yes"), so that a number alone picks that button
// (its value is sent). It ends at the end of the input. Errors: no stack
// running, a sign-in refused, the runtime unreachable; a turn that fails
// (a 424 from the code hook, say) is reported and the chat goes on.
func Chat(ctx context.Context, o ChatOptions) error {
	s, err := ReadState(o.StatePath)
	if err != nil {
		return err
	}
	if s.Lex.BotID == "" {
		return errors.New("the running stack serves no chatbot (started by an older cmd/local?): restart it with make run")
	}
	if o.Email == "" {
		o.Email = cognitolocal.DemoAlice
	}
	if o.Password == "" {
		o.Password = cognitolocal.DemoPassword
	}
	if o.TimeZone == "" {
		o.TimeZone = localTimeZone()
	}
	tokens := &tokenSource{pool: s.Cognito.Pool(), email: o.Email, password: o.Password}
	if _, err := tokens.get(ctx); err != nil { // a wrong password shows before the first message
		return err
	}
	client := lexruntimev2.New(lexruntimev2.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL),
		// The local runtime checks no signature.
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
	c := &chat{client: client, lex: s.Lex, session: "chat-" + randomHex(8), out: o.Out,
		reqAttrs: map[string]string{}, attrs: map[string]string{}}
	if o.TimeZone != "" {
		c.reqAttrs["x-amz-lex:time-zone"] = o.TimeZone
	}
	in := bufio.NewScanner(o.In)
	in.Buffer(make([]byte, 64<<10), 64<<10)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		if o.Echo {
			fmt.Fprintf(o.Out, "you: %s\n", line)
		}
		text := c.choice(line)
		token, err := tokens.get(ctx)
		if err != nil {
			return err
		}
		if err := c.send(ctx, text, token); err != nil {
			return err
		}
	}
	return in.Err()
}

// chat is a conversation's state on this side: the session and what the
// last answer offered.
type chat struct {
	client   *lexruntimev2.Client
	lex      LexState
	session  string
	out      io.Writer
	reqAttrs map[string]string
	attrs    map[string]string // the session attributes the bot returned
	buttons  []types.Button    // the last answer's, numbered from 1
}

// choice is what to send for line: the value of button N when line is N.
func (c *chat) choice(line string) string {
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.buttons) {
		return aws.ToString(c.buttons[n-1].Value)
	}
	return line
}

// send sends one message and writes the answer.
func (c *chat) send(ctx context.Context, text, token string) error {
	attrs := map[string]string{}
	for k, v := range c.attrs {
		attrs[k] = v
	}
	attrs[lexbot.AttrIDToken] = token
	out, err := c.client.RecognizeText(ctx, &lexruntimev2.RecognizeTextInput{BotId: aws.String(c.lex.BotID),
		BotAliasId: aws.String(c.lex.BotAliasID), LocaleId: aws.String(c.lex.LocaleID), SessionId: aws.String(c.session),
		Text: aws.String(text), SessionState: &types.SessionState{SessionAttributes: attrs}, RequestAttributes: c.reqAttrs})
	var apiErr interface{ ErrorCode() string }
	switch {
	case errors.As(err, &apiErr):
		fmt.Fprintf(c.out, "(the bot failed: %v)\n", err)
		return nil
	case err != nil:
		return fmt.Errorf("RecognizeText at the local stack: %w", err)
	}
	if out.SessionState != nil {
		c.attrs = out.SessionState.SessionAttributes
		delete(c.attrs, lexbot.AttrIDToken) // a fresh one goes with every message
	}
	c.buttons = nil
	for _, m := range out.Messages {
		if card := m.ImageResponseCard; card != nil {
			fmt.Fprintf(c.out, "bot: [%s]\n", aws.ToString(card.Title))
			for _, b := range card.Buttons {
				c.buttons = append(c.buttons, b)
				fmt.Fprintf(c.out, "  %d. %s\n", len(c.buttons), aws.ToString(b.Text))
			}
			continue
		}
		for _, l := range strings.Split(aws.ToString(m.Content), "\n") {
			fmt.Fprintf(c.out, "bot: %s\n", l)
		}
	}
	return nil
}

// tokenSource signs a user in at cognito-local and keeps the ID token
// until it has less than five minutes left.
type tokenSource struct {
	pool            cognitolocal.Pool
	email, password string
	token           string
	expires         time.Time
}

func (s *tokenSource) get(ctx context.Context) (string, error) {
	if s.token != "" && time.Until(s.expires) > 5*time.Minute {
		return s.token, nil
	}
	t, err := cognitolocal.IDToken(ctx, s.pool, s.email, s.password)
	if err != nil {
		return "", fmt.Errorf("signing %s in: %w", s.email, err)
	}
	s.token, s.expires = t, expiry(t)
	return t, nil
}

// expiry is the exp claim of a JWT; the zero time when it has none.
func expiry(token string) time.Time {
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if jwtPayload(token, &claims) != nil || claims.Exp == 0 {
		return time.Time{}
	}
	return time.Unix(claims.Exp, 0)
}

// localTimeZone is this machine's IANA time zone: $TZ, else what
// /etc/localtime links to; "" when neither says.
func localTimeZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			return tz
		}
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, zone, ok := strings.Cut(target, "zoneinfo/"); ok {
			return zone
		}
	}
	return ""
}
