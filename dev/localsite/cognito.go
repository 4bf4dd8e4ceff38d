package localsite

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"time"
)

// targetPrefix is the X-Amz-Target prefix of the Cognito user-pool API.
const targetPrefix = "AWSCognitoIdentityProviderService."

// userPoolOperations are the operations that /_cognito forwards: those the
// web app's Amplify Auth (v6, USER_PASSWORD_AUTH; web/src/auth/amplify.ts)
// calls — sign-in and its challenges, sign-up, its confirmation and a new
// code, the forgotten password, the token refresh, sign-out — the user's
// own GetUser and ChangePassword, and the setting up of a second factor
// (an authenticator app: web/src/auth/mfa.ts). In the cloud each of them is
// public or needs the user's own access token. Everything else, above all
// the Admin* operations, ListUsers and the pool's configuration, needs
// IAM credentials in the cloud, which cognito-local does not check: a web
// page open in the developer's browser must not reach them through this
// origin. Tools that need them (cmd/local token, dev/load) call
// cognito-local at its own endpoint.
var userPoolOperations = []string{
	"InitiateAuth", "RespondToAuthChallenge",
	"SignUp", "ConfirmSignUp", "ResendConfirmationCode",
	"ForgotPassword", "ConfirmForgotPassword",
	"GetTokensFromRefreshToken", "RevokeToken", "GlobalSignOut",
	"GetUser", "ChangePassword",
	"AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference",
}

// codeOperations are the forwarded operations that "email" a code.
var codeOperations = []string{"SignUp", "ForgotPassword", "ResendConfirmationCode"}

// codeWait bounds how long the answer to a code operation is held until
// cognito-local's console shows the code it sent.
const codeWait = 2 * time.Second

// cognitoHandler serves POST /_cognito (and /_cognito/): the Cognito
// user-pool API of cognito-local at endpoint, as the browser's Amplify
// calls it with userPoolEndpoint "/_cognito", for userPoolOperations only.
// Another operation is a 400 in Cognito's error shape
// ({"__type":"NotAuthorizedException","message":...}), logged to log when
// it is not nil; another method a 405, another path below /_cognito a
// 404. The answers carry no CORS headers (cognito-local's
// Access-Control-Allow-Origin: * is removed): the web app calls it from
// its own origin, and Vite's dev server proxies it.
//
// The answer to a code operation (codeOperations) that succeeded is held,
// for up to codeWait, until codes shows a new code for the address: the
// code is read from cognito-local's console, which arrives a moment after
// its answer, so that a GET /_local/last-code right after the answer
// gets the new code, not the one before.
//
// An exchange with cognito-local that takes longer than timeout (0:
// DefaultCognitoTimeout) is a 504, one that cannot reach it a 502, each in
// the same error shape (cognitoUnavailable).
func cognitoHandler(endpoint string, codes codeSource, timeout time.Duration, log *slog.Logger) http.Handler {
	proxy := cognitoProxy(endpoint, codes, timeout)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.EscapedPath(); p != "/_cognito" && p != "/_cognito/" {
			cognitoError(w, http.StatusNotFound, "ResourceNotFoundException",
				"the local stack serves only the user-pool API here: POST /_cognito")
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			cognitoError(w, http.StatusMethodNotAllowed, "MethodNotAllowedException",
				"the user-pool API takes POST only")
			return
		}
		targets := r.Header.Values("X-Amz-Target")
		op, ok := "", false
		if len(targets) == 1 {
			op, ok = strings.CutPrefix(targets[0], targetPrefix)
		}
		if !ok || !slices.Contains(userPoolOperations, op) {
			if log != nil {
				log.LogAttrs(r.Context(), slog.LevelWarn, "refused a user-pool operation at /_cognito",
					slog.String("target", strings.Join(targets, ", ")), slog.String("origin", r.Header.Get("Origin")))
			}
			cognitoError(w, http.StatusBadRequest, "NotAuthorizedException", fmt.Sprintf(
				"X-Amz-Target %q is not available through the local stack's /_cognito proxy: it forwards only %s%s",
				strings.Join(targets, ", "), targetPrefix, strings.Join(userPoolOperations, ", ")))
			return
		}
		if op == "SignUp" {
			if typ, msg, refused := signUpRefusal(peekBody(r)); refused {
				cognitoError(w, http.StatusBadRequest, typ, msg)
				return
			}
		}
		if slices.Contains(codeOperations, op) && codes.wait != nil {
			r = withPendingCode(r, codes)
		}
		proxy.ServeHTTP(w, r)
	})
}

// cognitoError writes an error as Cognito does: the type in __type and in
// x-amzn-ErrorType, and a message.
func cognitoError(w http.ResponseWriter, status int, typ, message string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header()["x-amzn-ErrorType"] = []string{typ + ":"}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": typ, "message": message})
}

// cognitoProxy forwards to cognito-local's endpoint at its root, without
// CORS headers in the answer, waiting for a pending code (withPendingCode)
// before it answers, and giving up after timeout (see cognitoUnavailable).
func cognitoProxy(endpoint string, codes codeSource, timeout time.Duration) http.Handler {
	target, err := url.Parse(endpoint)
	if err != nil || target.Scheme == "" || target.Host == "" {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cognitoError(w, http.StatusBadGateway, internalErrorType, "cognito-local is not running")
		})
	}
	if timeout <= 0 {
		timeout = DefaultCognitoTimeout
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.Out.URL.Path, pr.Out.URL.RawPath = "/", ""
			pr.SetXForwarded()
			// cognito-local refuses requests with an Origin: a web page's
			// (dev/cognitolocal's preload.cjs). This one passed the
			// operations and Host checks here.
			pr.Out.Header.Del("Origin")
		},
		ModifyResponse: func(resp *http.Response) error {
			for name := range resp.Header {
				if strings.HasPrefix(strings.ToLower(name), "access-control-") {
					delete(resp.Header, name)
				}
			}
			if pc, ok := resp.Request.Context().Value(pendingCodeKey{}).(pendingCode); ok && resp.StatusCode == http.StatusOK {
				ctx, cancel := context.WithTimeout(resp.Request.Context(), codeWait)
				defer cancel()
				_, _ = codes.wait(ctx, pc.email, pc.prev) // after codeWait, the answer goes on anyway
			}
			return nil
		},
		ErrorHandler: cognitoUnavailable(timeout),
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		proxy.ServeHTTP(w, r.WithContext(ctx))
	})
}

// codeSource is where the codes that cognito-local "emailed" are read
// (cognitolocal.Server's LastCode and WaitCode).
type codeSource struct {
	last func(email string) (string, bool)
	wait func(ctx context.Context, email, prev string) (string, error)
}

type pendingCodeKey struct{}

// pendingCode is a code operation's address and the code that address had
// before it.
type pendingCode struct{ email, prev string }

// maxCodeBody bounds the part of a code operation's body read for its
// address; the body is forwarded whole.
const maxCodeBody = 64 << 10

// withPendingCode reads the address from a code operation's body (the
// email attribute of SignUp, else Username) and returns r with it and the
// address's last code in its context, and its body intact. r is returned
// as it is when the body names no address.
func withPendingCode(r *http.Request, codes codeSource) *http.Request {
	head := peekBody(r)
	if head == nil {
		return r
	}
	var in struct {
		Username       string
		UserAttributes []struct{ Name, Value string }
	}
	if json.Unmarshal(head, &in) != nil {
		return r
	}
	email := in.Username
	for _, a := range in.UserAttributes {
		if a.Name == "email" && a.Value != "" {
			email = a.Value
		}
	}
	if email == "" {
		return r
	}
	prev, _ := codes.last(email)
	return r.WithContext(context.WithValue(r.Context(), pendingCodeKey{}, pendingCode{email: email, prev: prev}))
}

// peekBody is the first maxCodeBody bytes of r's body (nil when it cannot
// be read), leaving the body whole for the proxy.
func peekBody(r *http.Request) []byte {
	head, err := io.ReadAll(io.LimitReader(r.Body, maxCodeBody))
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	if err != nil {
		return nil
	}
	return head
}

// signUpRefusal is Cognito's answer to a SignUp that sets attributes an
// app client may not write (cognito-local 5.3 takes any, a sub too: a
// new user would then sign in as another): sub and the verified flags
// belong to Cognito, and the pool (template.yaml, UserPool's Schema)
// defines no custom attributes. The messages are Cognito's.
func signUpRefusal(body []byte) (typ, message string, refused bool) {
	var in struct{ UserAttributes []struct{ Name string } }
	if json.Unmarshal(body, &in) != nil {
		return "", "", false // cognito-local answers a malformed body itself
	}
	for _, a := range in.UserAttributes {
		switch name := a.Name; {
		case name == "sub" || name == "email_verified" || name == "phone_number_verified" || strings.HasPrefix(name, "cognito:"):
			return "NotAuthorizedException", "A client attempted to write unauthorized attribute", true
		case strings.Contains(name, ":"):
			return "InvalidParameterException", "Attributes did not conform to the schema: Type for attribute {" + name +
				"} could not be determined", true
		}
	}
	return "", "", false
}

// lastCodeHandler answers GET /_local/last-code?email=ADDRESS with
// {"code":"123456"}, the last code cognito-local printed for that address
// (sign-up, forgotten password), or a 404 {"message":...} when it has
// printed none; a missing email is a 400. Browser tests read sign-up codes
// here; the cloud has no such thing. A code requested through /_cognito
// is here by the time that request has been answered (cognitoHandler).
func lastCodeHandler(lastCode func(string) (string, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		email := r.URL.Query().Get("email")
		status, body := http.StatusOK, map[string]string{}
		if email == "" {
			status, body["message"] = http.StatusBadRequest, "give the address: /_local/last-code?email=ADDRESS"
		} else if code, ok := lastCode(email); ok {
			body["code"] = code
		} else {
			status, body["message"] = http.StatusNotFound, "cognito-local has sent no code to "+email
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
}
