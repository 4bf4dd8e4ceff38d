package localstack

import (
	"fmt"
	"io"
	"time"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/localapi"
)

// reportInput is what the start-up report tells.
type reportInput struct {
	state     State
	api       *localapi.API
	startup   time.Duration
	took      map[string]time.Duration // StartBackends' parts
	ownDynamo bool
	webBuilt  bool
	webSource bool
	dataDir   string // "" in memory
	fleet     bool   // the sample fleet was loaded (a new or empty table)
}

// report writes the start-up report: what to open, who to sign in as,
// where the services are, how long the start took.
func report(w io.Writer, in reportInput) {
	s := in.state
	dynamo := "DynamoDB Local (in memory, started for this run)"
	data := "in memory: gone at exit (LOCAL_DATA_DIR=DIR keeps it; make run keeps it in " + DefaultDataDir + ")"
	if in.dataDir != "" {
		dynamo = "DynamoDB Local (its tables in " + in.dataDir + ")"
		data = "kept in " + in.dataDir + " (accounts, bookings, the fleet, photos): make reset, or make run FRESH=1, forgets it"
	}
	fleet := "its kept table"
	if in.fleet {
		fleet = "table and fleet"
	}
	if !in.ownDynamo {
		dynamo = "DYNAMODB_ENDPOINT (the table is dropped at exit)"
	}
	web := s.URL + "  (web/dist)"
	switch {
	case !in.webBuilt && in.webSource:
		web = s.URL + "  (web app not built: cd web && npm ci && npm run build, or make run)"
	case !in.webBuilt:
		web = s.URL + "  (no web app in this checkout: the API only)"
	}
	protected := 0
	for _, r := range in.api.Routes {
		if r.Authorizer != "" {
			protected++
		}
	}
	fmt.Fprintf(w, `
Car rental local stack: first request served %.1f s after start
(DynamoDB with %s %.1f s, cognito-local with pool and users %.1f s, aws-ses-v2-local %.1f s, side by side).

  Open        %s
  Sign in     %s or %s, or %s (staff: group %s), password %s
  API         %s/locations ... (%d routes of template.yaml, %d behind the Cognito authorizer; stage %s)
  Token       go run ./cmd/local token %s
  Mail        %s/_local/mail  (go run ./cmd/local mail), sent by aws-ses-v2-local at %s
  Chatbot     go run ./cmd/local chat  (Lex V2 runtime: %s/bots/%s/botAliases/%s/botLocales/%s/...)
  DynamoDB    %s  table %s, %s
  Cognito     %s  pool %s, app client %s (cognito-local)
  Images      %s  (bucket %s in the local S3 at %s)
  Data        %s

Ctrl-C stops everything.
`, in.startup.Seconds(), fleet, in.took["dynamodb"].Seconds(), in.took["cognito"].Seconds(), in.took["ses"].Seconds(), web, cognitolocal.DemoAlice, cognitolocal.DemoBob,
		cognitolocal.DemoStaff, cognitolocal.AdminsGroup, cognitolocal.DemoPassword,
		s.URL, len(in.api.Routes), protected, in.api.Stage, cognitolocal.DemoAlice, s.URL, s.SESEndpoint, s.URL, s.Lex.BotID, s.Lex.BotAliasID, s.Lex.LocaleID,
		s.DynamoDBEndpoint, s.TableName, dynamo, s.Cognito.Endpoint, s.Cognito.UserPoolID, s.Cognito.ClientID,
		s.ImageBaseURL, s.ImageBucket, s.S3Endpoint, data)
}
