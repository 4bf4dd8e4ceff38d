//go:build unix

package localstack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/locals3"
	"github.com/carrental/backend/dev/samtemplate"
)

// running is a stack that Serve runs for a test.
type running struct {
	State
	out  *childproc.Tail // the start-up report (4 KiB is room enough)
	stop func()
}

// serveFor runs Serve with its own DynamoDB Local on dataDir until stop,
// which checks that it ended well.
func serveFor(t *testing.T, dataDir string) running {
	t.Helper()
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	statePath := filepath.Join(t.TempDir(), "state.json")
	out := &childproc.Tail{}
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, ServeOptions{Root: root, Port: 0, StatePath: statePath, Began: time.Now(), Out: out,
			Log: slog.New(slog.DiscardHandler), DataDir: dataDir})
	}()
	stop := func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		s, err := ReadState(statePath)
		if err == nil && strings.Contains(out.String(), "Ctrl-C stops everything") { // the report follows the state file
			return running{State: s, out: out, stop: stop}
		}
		select {
		case err := <-served:
			cancel()
			t.Fatalf("Serve ended: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatal("no stack after 90 s")
		}
	}
}

// call makes a request to the stack and returns the status and body.
func (r running) call(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, r.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", fmt.Sprintf("persist-%d", time.Now().UnixNano()))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// signUp signs email up through the pool's app client and confirms it
// with the code that cognito-local "emailed", as the web app does.
func (r running) signUp(t *testing.T, email, password string) {
	t.Helper()
	client, err := cognitolocal.NewClient(r.Cognito.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.SignUp(ctx, &cip.SignUpInput{ClientId: aws.String(r.Cognito.ClientID), Username: aws.String(email),
		Password: aws.String(password), UserAttributes: []types.AttributeType{{Name: aws.String("email"), Value: aws.String(email)}}}); err != nil {
		t.Fatal(err)
	}
	_, body := r.call(t, "GET", "/_local/last-code?email="+email, "", "")
	var code struct{ Code string }
	if err := json.Unmarshal([]byte(body), &code); err != nil || code.Code == "" {
		t.Fatalf("the sign-up code: %s", body)
	}
	if _, err := client.ConfirmSignUp(ctx, &cip.ConfirmSignUpInput{ClientId: aws.String(r.Cognito.ClientID), Username: aws.String(email),
		ConfirmationCode: aws.String(code.Code)}); err != nil {
		t.Fatal(err)
	}
}

// uploadPhoto posts a photo to the stack's bucket as the staff page will:
// a presigned POST made with the functions' local S3 settings.
func (r running) uploadPhoto(t *testing.T, key string, photo []byte) {
	t.Helper()
	client := s3.New(s3.Options{Region: locals3.Region, BaseEndpoint: aws.String(r.S3Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(locals3.AccessKey, locals3.SecretKey, "")})
	p, err := s3.NewPresignClient(client).PresignPostObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(r.ImageBucket), Key: aws.String(key)},
		func(o *s3.PresignPostOptions) {
			o.Conditions = []any{map[string]string{"Content-Type": "image/png"}, []any{"content-length-range", 1, 5 << 20}}
		})
	if err != nil {
		t.Fatal(err)
	}
	res, err := locals3.Post(context.Background(), locals3.Upload{URL: p.URL, Fields: p.Values, ContentType: "image/png", Origin: r.URL}, photo)
	if err != nil || res.Status != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Fatalf("upload: %v %d %v %s", err, res.Status, res.Header, res.Body)
	}
}

// TestDataSurvivesARestart: with a data folder, a customer who signed up,
// their booking and an uploaded photo are there after Ctrl-C and a new
// start (the same pool, the same cognito-local port, the fleet not loaded
// again); ResetDataDir, refused while the stack runs, makes the next start
// a first one.
func TestDataSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	const dora, password = "dora@example.com", "D0ra!secret"
	photo := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{9}, 64)...)
	pickup, ret := time.Now().AddDate(0, 0, 40).Format(time.DateOnly), time.Now().AddDate(0, 0, 43).Format(time.DateOnly)

	first := serveFor(t, dir)
	first.signUp(t, dora, password)
	token, err := cognitolocal.IDToken(context.Background(), first.Cognito.Pool(), dora, password)
	if err != nil {
		t.Fatal(err)
	}
	status, body := first.call(t, "POST", "/bookings", token, `{"carId":"ber-002","pickupDate":"`+pickup+`","returnDate":"`+ret+`"}`)
	if status != http.StatusCreated {
		t.Fatalf("booking: %d %s", status, body)
	}
	var booking struct{ ID string }
	_ = json.Unmarshal([]byte(body), &booking)
	first.uploadPhoto(t, "cars/ber-002/front.png", photo)
	if status, body := first.call(t, "GET", "/static/cars/ber-002/front.png", "", ""); status != 200 || body != string(photo) {
		t.Fatalf("the photo at /static: %d", status)
	}
	if !strings.Contains(first.out.String(), "table and fleet") {
		t.Errorf("first start's report: %s", first.out)
	}
	first.stop()

	again := serveFor(t, dir)
	if again.Cognito.UserPoolID != first.Cognito.UserPoolID || again.Cognito.Endpoint != first.Cognito.Endpoint {
		t.Errorf("pool %s at %s, want %s at %s", again.Cognito.UserPoolID, again.Cognito.Endpoint, first.Cognito.UserPoolID, first.Cognito.Endpoint)
	}
	if status, body := again.call(t, "GET", "/bookings", token, ""); status != 200 || !strings.Contains(body, booking.ID) {
		t.Errorf("dora's bookings with her token from before the restart: %d %s", status, body)
	}
	if _, err := cognitolocal.IDToken(context.Background(), again.Cognito.Pool(), dora, password); err != nil {
		t.Errorf("dora signs in after a restart: %v", err)
	}
	if status, _ := again.call(t, "GET", "/static/cars/ber-002/front.png", "", ""); status != 200 {
		t.Errorf("the photo after a restart: %d", status)
	}
	if !strings.Contains(again.out.String(), "its kept table") {
		t.Errorf("the report of a start on a kept table: %s", again.out)
	}
	if err := ResetDataDir(dir); err == nil || !strings.Contains(err.Error(), "another local stack uses the data folder") {
		t.Errorf("reset while the stack runs: %v", err)
	}
	again.stop()

	if err := ResetDataDir(dir); err != nil {
		t.Fatal(err)
	}
	fresh := serveFor(t, dir)
	defer fresh.stop()
	_, err = cognitolocal.IDToken(context.Background(), fresh.Cognito.Pool(), dora, password)
	var notAuthorized *types.NotAuthorizedException
	if !errors.As(err, &notAuthorized) {
		t.Errorf("dora after a reset: %v, want NotAuthorizedException", err)
	}
	if _, err := cognitolocal.IDToken(context.Background(), fresh.Cognito.Pool(), cognitolocal.DemoAlice, cognitolocal.DemoPassword); err != nil {
		t.Errorf("alice after a reset: %v", err)
	}
	if status, _ := fresh.call(t, "GET", "/cars/ber-002", "", ""); status != 200 {
		t.Errorf("the fleet after a reset: %d", status)
	}
	if status, _ := fresh.call(t, "GET", "/static/cars/ber-002/front.png", "", ""); status != 404 {
		t.Errorf("the photo after a reset: %d", status)
	}
}
