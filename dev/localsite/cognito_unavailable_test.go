package localsite

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// proxyTo serves New's site with cognito-local at endpoint and the given
// /_cognito timeout, on a real port (the SDK needs a URL).
func proxyTo(t *testing.T, endpoint string, timeout time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(New(Options{
		WebDir:          t.TempDir(),
		Config:          AppConfig{Region: "us-east-1", UserPoolID: "local_1", UserPoolClientID: "c1"},
		CognitoEndpoint: endpoint,
		CognitoTimeout:  timeout,
		LastCode:        func(string) (string, bool) { return "", false },
		API:             fakeAPI{},
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// sdkCall signs in through /_cognito with the AWS SDK's Cognito client,
// as a client of cognito-local would, without retries.
func sdkCall(t *testing.T, site string) error {
	t.Helper()
	c := cip.New(cip.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(site + "/_cognito"),
		Credentials:  aws.AnonymousCredentials{},
		Retryer:      aws.NopRetryer{},
	})
	_, err := c.InitiateAuth(t.Context(), &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserPasswordAuth, ClientId: aws.String("c1"),
		AuthParameters: map[string]string{"USERNAME": "ann@example.com", "PASSWORD": "x"},
	})
	return err
}

// TestCognitoHangs: a cognito-local that accepts the request and never
// answers is a 504 after the proxy's timeout, in Cognito's error shape:
// the AWS SDK reads it as its modelled InternalErrorException (a server
// fault), and the raw answer has __type, message and x-amzn-ErrorType.
func TestCognitoHangs(t *testing.T) {
	release := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(release) })
	const timeout = 300 * time.Millisecond
	site := proxyTo(t, hanging.URL, timeout)

	start := time.Now()
	err := sdkCall(t, site)
	took := time.Since(start)
	var ie *types.InternalErrorException
	var re *awshttp.ResponseError
	if !errors.As(err, &ie) || !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusGatewayTimeout {
		t.Fatalf("error = %v (%T), want a 504 InternalErrorException", err, err)
	}
	if !strings.Contains(ie.ErrorMessage(), "did not answer within 300ms") {
		t.Errorf("message = %q", ie.ErrorMessage())
	}
	if took < timeout || took > timeout+2*time.Second {
		t.Errorf("answered after %s, want just after %s", took, timeout)
	}

	req, _ := http.NewRequest("POST", site+"/_cognito", strings.NewReader(`{}`))
	req.Header.Set("X-Amz-Target", targetPrefix+"SignUp")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 504 || body["__type"] != "InternalErrorException" || body["message"] == "" ||
		resp.Header.Get("X-Amzn-Errortype") != "InternalErrorException:" || resp.Header.Get("Content-Type") != "application/x-amz-json-1.1" {
		t.Errorf("raw answer %d %v %v", resp.StatusCode, resp.Header, body)
	}
}

// TestCognitoDown: a cognito-local that refuses connections is a 502 in
// the same shape, at once.
func TestCognitoDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	site := proxyTo(t, "http://"+addr, 5*time.Second)
	err = sdkCall(t, site)
	var ie *types.InternalErrorException
	var re *awshttp.ResponseError
	if !errors.As(err, &ie) || !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusBadGateway ||
		!strings.Contains(ie.ErrorMessage(), "cannot reach cognito-local") {
		t.Fatalf("error = %v, want a 502 InternalErrorException", err)
	}
}
