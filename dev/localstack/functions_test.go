package localstack

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/authtest"
	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/localapi"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/auth"
	"github.com/carrental/backend/pkg/lambdafn"
)

// TestEveryTemplateRouteReachesItsHandler: every Api route of template.yaml
// is served, through the gateway, by the handler of its own function (the
// invocation's log line names the function and the route), with the
// authorizer where the template puts one.
func TestEveryTemplateRouteReachesItsHandler(t *testing.T) {
	_, table := testbed.Table(t)
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	refs, err := samtemplate.LoadWith(filepath.Join(root, samtemplate.FileName), samtemplate.ParseOptions{ResourceRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	api, err := localapi.Read(refs)
	if err != nil {
		t.Fatal(err)
	}
	iss := authtest.NewIssuer(t)
	logs := &childproc.Tail{} // safe for the handlers' concurrent writes
	log := slog.New(slog.NewJSONHandler(logs, nil))
	env := FunctionEnv{TableName: table, DynamoDBEndpoint: os.Getenv(testbed.EnvEndpoint), CursorSecret: strings.Repeat("s", 32),
		AllowedOrigins: "*", ImageBaseURL: "http://localhost/static", CognitoIssuer: iss.Issuer(), CognitoClientID: iss.ClientID()}
	ctx := context.Background()
	handlers, err := RESTHandlers(ctx, api, env, log)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := auth.New(ctx, auth.Config{Issuer: iss.Issuer(), ClientID: iss.ClientID()})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := localapi.New(localapi.Options{API: api, Handlers: handlers, Verifier: verifier, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gw)
	defer srv.Close()

	token := iss.IDToken("user-1", "ann@example.com")
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, r := range api.Routes {
		folder, err := lambdafn.Folder(r.Function)
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(r.Method, srv.URL+param.ReplaceAllString(r.Path, "x1"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Authorizer != "" {
			req.Header.Set("Authorization", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		line := lastLine(t, logs, "invocation")
		if line["function"] != folder || line["route"] != folder || line["resource"] != r.Path || line["method"] != r.Method {
			t.Errorf("%s: served as %v (status %d %s), want function and route %s", r, line, resp.StatusCode, body, folder)
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode >= 500 {
			t.Errorf("%s: %d %s", r, resp.StatusCode, body)
		}

		if r.Authorizer == "" {
			continue
		}
		req.Header.Del("Authorization")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s without a token: %d, want the authorizer's 401", r, resp.StatusCode)
		}
	}
	if n := len(lambdafn.RESTRoutes()); len(handlers) != len(api.Routes) || len(api.Routes) != n {
		t.Errorf("%d handlers for %d routes, want one each for the %d routes", len(handlers), len(api.Routes), n)
	}
}

// lastLine is the last complete JSON log line of logs with message msg,
// decoded (the tail may start in the middle of a line).
func lastLine(t *testing.T, logs *childproc.Tail, msg string) map[string]any {
	t.Helper()
	var found map[string]any
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line["msg"] == msg {
			found = line
		}
	}
	if found == nil {
		t.Fatalf("no %q line in the log:\n%s", msg, logs)
	}
	return found
}
