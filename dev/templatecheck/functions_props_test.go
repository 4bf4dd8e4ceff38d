package templatecheck

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/rental"
)

// TestGlobals: the runtime, architecture and limits of every function, and
// the environment that pkg/lambdafn reads.
func TestGlobals(t *testing.T) {
	tpl := loadTyped(t)
	g, err := tpl.GetServerlessGlobalFunction()
	if err != nil {
		t.Fatal(err)
	}
	if g.Runtime == nil || *g.Runtime != "provided.al2023" || g.Handler == nil || *g.Handler != "bootstrap" {
		t.Errorf("Runtime %v, Handler %v; want provided.al2023 and bootstrap", g.Runtime, g.Handler)
	}
	if g.Architectures == nil || !slices.Equal(*g.Architectures, []string{"arm64"}) {
		t.Errorf("Architectures = %v, want [arm64] (make build targets arm64)", g.Architectures)
	}
	if g.Tracing == nil || *g.Tracing != "Active" {
		t.Errorf("Tracing = %v, want Active", g.Tracing)
	}
	// API Gateway gives up after 29 s: a function must answer before.
	if g.Timeout == nil || *g.Timeout >= 29 || g.MemorySize == nil {
		t.Errorf("Timeout %v, MemorySize %v; want a timeout under 29 s", g.Timeout, g.MemorySize)
	}
	// goformation leaves a !Sub's ${Resource.Attribute} as it is.
	want := map[string]string{"TABLE_NAME": "Table", "CURSOR_SECRET": "CursorSecret", "ALLOWED_ORIGINS": "*",
		"IMAGE_BASE_URL": "https://${ImageDistribution.DomainName}", "BOOKING_LIMIT": "5"}
	if g.Environment == nil {
		t.Fatal("no Globals Environment")
	}
	for k, v := range want {
		got, ok := g.Environment.Variables[k]
		if !ok || got != v {
			t.Errorf("environment %s = %q (set %v), want %q", k, got, ok, v)
		}
	}
	secret := tpl.Parameters["CursorSecret"]
	if secret.NoEcho == nil || !*secret.NoEcho || secret.MinLength == nil || *secret.MinLength < 32 || secret.Default != nil {
		t.Errorf("CursorSecret = %+v, want NoEcho, MinLength 32 and no default", secret)
	}
	// A stage may set a limit that the functions accept (lambdafn refuses
	// to start otherwise): 1 to rental.MaxBookingLimit, 5 by default.
	limit := tpl.Parameters["BookingLimit"]
	if fmt.Sprint(limit.Default) != fmt.Sprint(rental.DefaultBookingLimit) || limit.AllowedPattern == nil {
		t.Fatalf("BookingLimit = %+v, want default %d and an AllowedPattern", limit, rental.DefaultBookingLimit)
	}
	pattern := regexp.MustCompile(*limit.AllowedPattern)
	for n := -1; n <= rental.MaxBookingLimit+2; n++ {
		if ok := pattern.MatchString(strconv.Itoa(n)); ok != (rental.CheckBookingLimit(n) == nil) {
			t.Errorf("BookingLimit's AllowedPattern %s allows %d: %v; the functions accept it: %v",
				*limit.AllowedPattern, n, ok, rental.CheckBookingLimit(n) == nil)
		}
	}
}

// staffPolicies are the staff functions' policies: every customer's
// bookings to read (StaffReadPolicy, GSI2 among it), the fleet's
// partitions to write, or the bookings' (the desk's changes), and the
// photos under cars/ of the image bucket.
var staffPolicies = map[string][]string{
	"create-car":          {"StaffReadPolicy", "FleetWritePolicy"},
	"update-car":          {"StaffReadPolicy", "FleetWritePolicy", "PhotoReadPolicy"},
	"retire-car":          {"StaffReadPolicy", "FleetWritePolicy"},
	"create-photo-upload": {"StaffReadPolicy", "PhotoUploadPolicy"},
	"create-location":     {"StaffReadPolicy", "FleetWritePolicy"},
	"update-location":     {"StaffReadPolicy", "FleetWritePolicy"},
	"get-desk":            {"StaffReadPolicy"},
	"set-booking-status":  {"StaffReadPolicy", "BookingWritePolicy"},
}

// TestPolicies: the functions reach the table through the managed
// policies only; reads are GetItem, BatchGetItem and Query on the table and its GSIs,
// the public routes' only in the catalogue's partitions, writes are Put
// and Update inside transactions; no Scan, no wildcard.
func TestPolicies(t *testing.T) {
	tpl := loadTyped(t)
	for _, r := range lambdafn.RESTRoutes() {
		route, id := r.Method+" "+r.Path, lambdafn.LogicalID(r.Function)
		fn := tpl.GetAllServerlessFunctionResources()[id]
		want := []string{"TableReadPolicy"}
		if r.Authorizer == "" {
			want = []string{"CatalogReadPolicy"}
		}
		if !strings.HasPrefix(route, "GET ") {
			want = append(want, "BookingWritePolicy")
		}
		if staff, ok := staffPolicies[r.Function]; ok {
			want = staff
		}
		if fn.Policies == nil || fn.Policies.StringArray == nil || !slices.Equal(*fn.Policies.StringArray, want) {
			t.Errorf("%s (%s): Policies = %+v, want references to %v only", id, route, fn.Policies, want)
		}
	}

	statements := func(name string) []map[string]any {
		p, err := tpl.GetIAMManagedPolicyWithName(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := p.PolicyDocument.(map[string]any)
		raw, _ := doc["Statement"].([]any)
		var out []map[string]any
		for _, s := range raw {
			out = append(out, s.(map[string]any))
		}
		return out
	}
	check := func(name string, actions, resources []string, transactionsOnly bool) {
		sts := statements(name)
		if len(sts) != 1 {
			t.Fatalf("%s: %d statements, want 1", name, len(sts))
		}
		s := sts[0]
		if s["Effect"] != "Allow" || !slices.Equal(strs(s["Action"]), actions) || !slices.Equal(strs(s["Resource"]), resources) {
			t.Errorf("%s: %v %v on %v; want Allow %v on %v", name, s["Effect"], s["Action"], s["Resource"], actions, resources)
		}
		for _, r := range strs(s["Resource"]) {
			if strings.Contains(r, "*") {
				t.Errorf("%s: wildcard resource %s", name, r)
			}
		}
		cond := fmt.Sprint(s["Condition"])
		if got := strings.Contains(cond, "dynamodb:EnclosingOperation:[TransactWriteItems]"); got != transactionsOnly {
			t.Errorf("%s: Condition %s; transactions only: %v, want %v", name, cond, got, transactionsOnly)
		}
	}
	// GSI2, every customer's bookings by location, is the staff's alone.
	if !slices.Contains(tableGSIs(t, tpl), "GSI2") {
		t.Fatal("the table has no GSI2")
	}
	check("TableReadPolicy", []string{"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"}, []string{"Table.Arn", "${Table.Arn}/index/GSI1"}, false)
	check("BookingWritePolicy", []string{"dynamodb:PutItem", "dynamodb:UpdateItem"}, []string{"Table.Arn"}, true)

	catalog := statements("CatalogReadPolicy")
	want := []string{
		"map[Action:[dynamodb:GetItem dynamodb:Query] Condition:map[ForAllValues:StringLike:map[dynamodb:LeadingKeys:[LOCATIONS CAR#*]]] " +
			"Effect:Allow Resource:Table.Arn Sid:ReadLocationsAndCars]",
		"map[Action:dynamodb:Query Condition:map[ForAllValues:StringLike:map[dynamodb:LeadingKeys:[LOC#*]]] " +
			"Effect:Allow Resource:${Table.Arn}/index/GSI1 Sid:SearchCars]",
	}
	if len(catalog) != len(want) {
		t.Fatalf("CatalogReadPolicy: %v, want %d statements", catalog, len(want))
	}
	for i, st := range catalog {
		if got := fmt.Sprint(st); got != want[i] {
			t.Errorf("CatalogReadPolicy statement %d = %s, want %s", i, got, want[i])
		}
	}
}

func tableGSIs(t *testing.T, tpl *samtemplate.Typed) []string {
	tbl, err := tpl.GetDynamoDBTableWithName("Table")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range tbl.GlobalSecondaryIndexes {
		out = append(out, g.IndexName)
	}
	return out
}

// TestAPICORS: API Gateway's preflight and its own error responses send the
// CORS headers that the functions send (pkg/apigw's constants), so a
// browser reads the authorizer's 401 as a 401.
func TestAPICORS(t *testing.T) {
	tpl := loadTyped(t)
	a, err := tpl.GetServerlessApiWithName("Api")
	if err != nil {
		t.Fatal(err)
	}
	q := func(s string) string { return "'" + s + "'" }
	if a.Cors == nil || a.Cors.CorsConfiguration == nil {
		t.Fatal("Api without a Cors configuration")
	}
	c := a.Cors.CorsConfiguration
	if c.AllowOrigin != q("*") || deref(c.AllowHeaders) != q(apigw.CORSAllowHeaders) ||
		deref(c.AllowMethods) != q(apigw.CORSAllowMethods) || deref(c.MaxAge) != q(apigw.CORSMaxAge) {
		t.Errorf("Cors = %+v", c)
	}
	want := map[string]string{
		"Access-Control-Allow-Origin":   c.AllowOrigin,
		"Access-Control-Allow-Headers":  q(apigw.CORSAllowHeaders),
		"Access-Control-Allow-Methods":  q(apigw.CORSAllowMethods),
		"Access-Control-Expose-Headers": q(apigw.CORSExposeHeaders),
		"Vary":                          q("Origin"),
	}
	for _, typ := range []string{"DEFAULT_4XX", "DEFAULT_5XX"} {
		got := tpl.GatewayResponses[typ].ResponseParameters.Headers
		for k, v := range want {
			if got[k] != v {
				t.Errorf("GatewayResponses %s header %s = %q, want %q", typ, k, got[k], v)
			}
		}
	}
}

// TestAuthorizer: the Cognito authorizer checks the pool's ID tokens in the
// Authorization header, and no route gets it by default.
func TestAuthorizer(t *testing.T) {
	tpl := loadTyped(t)
	a, err := tpl.GetServerlessApiWithName("Api")
	if err != nil {
		t.Fatal(err)
	}
	if a.Auth == nil {
		t.Fatal("Api without Auth")
	}
	if a.Auth.DefaultAuthorizer != nil {
		t.Errorf("DefaultAuthorizer = %s: public routes and preflights would need a token", *a.Auth.DefaultAuthorizer)
	}
	got := fmt.Sprint(samtemplate.Get(a.Auth.Authorizers, "CognitoAuthorizer"))
	if got != "map[Identity:map[Header:Authorization] UserPoolArn:UserPool.Arn]" {
		t.Errorf("CognitoAuthorizer = %s", got)
	}
}

// TestCognito: sign-up by email verified with a link (on the pool's
// domain), recovery by email, and a public client for the web app; the
// social providers only when configured.
func TestCognito(t *testing.T) {
	tpl := loadTyped(t)
	pool, err := tpl.GetCognitoUserPoolWithName("UserPool")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pool.UsernameAttributes, []string{"email"}) || !slices.Equal(pool.AutoVerifiedAttributes, []string{"email"}) {
		t.Errorf("UsernameAttributes %v, AutoVerifiedAttributes %v; want email", pool.UsernameAttributes, pool.AutoVerifiedAttributes)
	}
	if v := pool.VerificationMessageTemplate; v == nil || deref(v.DefaultEmailOption) != "CONFIRM_WITH_LINK" ||
		!strings.Contains(deref(v.EmailMessageByLink), "{##") {
		t.Errorf("VerificationMessageTemplate = %+v, want a link", v)
	}
	if r := pool.AccountRecoverySetting; r == nil || len(r.RecoveryMechanisms) != 1 || deref(r.RecoveryMechanisms[0].Name) != "verified_email" {
		t.Errorf("AccountRecoverySetting = %+v, want verified_email only", r)
	}
	if p := pool.Policies; p == nil || p.PasswordPolicy == nil || p.PasswordPolicy.MinimumLength == nil || *p.PasswordPolicy.MinimumLength < 8 {
		t.Errorf("Policies = %+v, want a password policy of 8 or more characters", p)
	}
	domain, err := tpl.GetCognitoUserPoolDomainWithName("UserPoolDomain")
	if err != nil || domain.UserPoolId != "UserPool" {
		t.Errorf("UserPoolDomain = %+v, %v; the verification link needs a domain on UserPool", domain, err)
	}

	client, err := tpl.GetCognitoUserPoolClientWithName("UserPoolClient")
	if err != nil {
		t.Fatal(err)
	}
	if client.UserPoolId != "UserPool" || client.GenerateSecret == nil || *client.GenerateSecret {
		t.Errorf("client of %s, GenerateSecret %v; want a public client of UserPool", client.UserPoolId, client.GenerateSecret)
	}
	flows := []string{"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
	if !slices.Equal(client.ExplicitAuthFlows, flows) || !slices.Equal(client.AllowedOAuthFlows, []string{"code"}) {
		t.Errorf("ExplicitAuthFlows %v, AllowedOAuthFlows %v", client.ExplicitAuthFlows, client.AllowedOAuthFlows)
	}
	if len(client.CallbackURLs) == 0 || !slices.Contains(client.AllowedOAuthScopes, "openid") {
		t.Errorf("CallbackURLs %v, scopes %v", client.CallbackURLs, client.AllowedOAuthScopes)
	}

	for name, cond := range map[string]string{"GoogleIdentityProvider": "HasGoogle", "FacebookIdentityProvider": "HasFacebook"} {
		p, err := tpl.GetCognitoUserPoolIdentityProviderWithName(name)
		if err != nil {
			t.Error(err)
			continue
		}
		if p.AWSCloudFormationCondition != cond || p.UserPoolId != "UserPool" || p.AttributeMapping == nil {
			t.Errorf("%s: condition %q, pool %q, mapping %v", name, p.AWSCloudFormationCondition, p.UserPoolId, p.AttributeMapping)
		}
	}
}

// TestOutputs: what the web app and the deployer need to know.
func TestOutputs(t *testing.T) {
	tpl := loadTyped(t)
	for _, name := range []string{"ApiUrl", "UserPoolId", "UserPoolClientId", "UserPoolDomain", "TableName"} {
		if _, ok := tpl.Outputs[name]; !ok {
			t.Errorf("no output %s", name)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestStoreCallsAreGranted: every DynamoDB call of the store (the methods
// of dynamo.Client) is an action that the table policies grant, so that
// what works on DynamoDB Local is not refused by IAM in the cloud.
// TransactWriteItems and TransactGetItems are authorized by their items'
// actions (PutItem, UpdateItem; GetItem), and PutItem alone is the seed's and the fleet's, granted in
// transactions only.
func TestStoreCallsAreGranted(t *testing.T) {
	tpl := loadTyped(t)
	granted := map[string]bool{}
	for _, name := range []string{"TableReadPolicy", "BookingWritePolicy"} {
		p, err := tpl.GetIAMManagedPolicyWithName(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.PolicyDocument.(map[string]any)["Statement"].([]any) {
			for _, a := range samtemplate.Strs(s.(map[string]any)["Action"]) {
				granted[a] = true
			}
		}
	}
	client := reflect.TypeOf((*dynamo.Client)(nil)).Elem()
	if client.NumMethod() == 0 {
		t.Fatal("dynamo.Client has no methods")
	}
	for i := range client.NumMethod() {
		var need []string
		switch m := client.Method(i).Name; m {
		case "TransactWriteItems":
			need = []string{"dynamodb:PutItem", "dynamodb:UpdateItem"}
		case "TransactGetItems": // authorized by its items' GetItem
			need = []string{"dynamodb:GetItem"}
		default:
			need = []string{"dynamodb:" + m}
		}
		for _, a := range need {
			if !granted[a] {
				t.Errorf("the store calls %s, which needs %s: no table policy grants it", client.Method(i).Name, a)
			}
		}
	}
}
