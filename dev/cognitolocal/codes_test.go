package cognitolocal

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// testdata/console-5.3.0.log is cognito-local 5.3.0's console, ANSI colours
// and all, after SignUp and ForgotPassword for carol@example.com, an
// unsupported USER_SRP_AUTH and an AdminCreateUser with an emailed
// temporary password for erin@example.com.
func TestCodeLogReadsTheConsole(t *testing.T) {
	console, err := os.ReadFile("testdata/console-5.3.0.log")
	if err != nil {
		t.Fatal(err)
	}
	// Every chunking must give the same result: pipes split writes anywhere.
	for _, chunk := range []int{1, 7, 64, len(console)} {
		l := newCodeLog()
		for rest := console; len(rest) > 0; {
			n := min(chunk, len(rest))
			if _, err := l.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if code, ok := l.last("Carol@Example.com"); !ok || code != "655242" {
			t.Errorf("chunks of %d: code of carol = %q, %v; want the ForgotPassword code 655242", chunk, code, ok)
		}
		if code, ok := l.last("erin@example.com"); ok {
			t.Errorf("chunks of %d: code of erin = %q, want none (a temporary password is not a code)", chunk, code)
		}
	}
}

func TestCodeLogWait(t *testing.T) {
	l := newCodeLog()
	box := func(email, code string) []byte {
		return []byte("[1] INFO: ab12 SignUp ╭────╮\n│   Destination: " + email + "   │\n│   Code:        " + code + " │\n╰────╯ {}\n")
	}
	got := make(chan string)
	go func() {
		code, _ := l.wait(context.Background(), "dan@example.com", "")
		got <- code
	}()
	time.Sleep(10 * time.Millisecond) // let it wait; the result is the same if not
	l.Write(box("other@example.com", "111111"))
	l.Write(box("dan@example.com", "222222"))
	if code := <-got; code != "222222" {
		t.Errorf("wait = %q, want 222222", code)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.wait(ctx, "dan@example.com", "222222"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("wait for a newer code than the last: error = %v, want the deadline", err)
	}
	l.Write(box("dan@example.com", "333333"))
	if code, err := l.wait(context.Background(), "dan@example.com", "222222"); err != nil || code != "333333" {
		t.Errorf("wait after a new code = %q, %v; want 333333", code, err)
	}
}
