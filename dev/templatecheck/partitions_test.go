package templatecheck

import (
	"bytes"
	"encoding/json"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/carrental/backend/dev/eventfile"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/storetest"
	"github.com/carrental/backend/dev/testbed"
	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/dynamo"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/rental"
)

// publicRequests are what the tests send each public function: its event
// of events/, and variants of its query string (nil: a parameter left
// out), so that every read path of the route runs.
var publicRequests = map[string][]map[string]*string{
	"list-locations": {nil},
	"list-cars": {nil, {"type": nil}, {"type": nil, "sort": ptr("price")}, {"pickupDate": nil, "returnDate": nil}, {"limit": ptr("1")},
		{"locationId": ptr("syd"), "type": nil}},
	"get-car":          {nil, {"pickupDate": nil, "returnDate": nil}},
	"get-alternatives": {nil, {"type": ptr("economy")}, {"locationId": ptr("akl")}},
}

func ptr(s string) *string { return &s }

// TestPublicReadsStayInTheirPartitions runs every public function's
// requests on DynamoDB Local, records each DynamoDB call (action,
// resource, partition keys: what IAM authorizes) and holds it to that
// function's grants in template.yaml, conditions included: what works
// locally is not refused in the cloud. A customer's bookings, read as
// GET /bookings reads them, are in a partition that no public function's
// grant admits.
func TestPublicReadsStayInTheirPartitions(t *testing.T) {
	tpl := load(t)
	client, table := testbed.Table(t)
	rec := &recorder{Client: client}
	store := dynamo.New(rec, table, []byte(strings.Repeat("k", 32)))
	fleet, err := seed.Load(filepath.Join(samtemplate.MustRoot(t), seed.FleetFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Put(t.Context(), store, fleet); err != nil {
		t.Fatal(err)
	}
	booking := customerBooking(t, newService(store), rec)

	fns := tpl.resources(functionType)
	seen := 0
	for _, r := range lambdafn.RESTRoutes() {
		id := lambdafn.LogicalID(r.Function)
		if !tpl.public(fns[id]) {
			continue
		}
		seen++
		sts, errs := tpl.statements(id, fns[id])
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		variants, ok := publicRequests[r.Function]
		if !ok {
			t.Errorf("%s is public: give it requests in publicRequests", r.Function)
			continue
		}
		// A function of its own, as Lambda runs each in its container:
		// what one cached, another reads.
		h, _ := apigw.New(newService(store), apigw.Options{ImageBaseURL: "https://images.example"}).Operation(r.Operation)
		for _, v := range variants {
			ev := publicEvent(t, r.Function, v)
			// The page, and the next by its cursor when there is one.
			for page := 0; page < 2; page++ {
				rec.take()
				resp, err := h(t.Context(), ev)
				calls := rec.take()
				if err != nil || resp.StatusCode != 200 || len(calls) == 0 {
					t.Errorf("%s %v: %d %v, %d calls; want a 200 that reads", r.Function, v, resp.StatusCode, err, len(calls))
				}
				for _, c := range calls {
					if !anyAllows(sts, c) {
						t.Errorf("%s %v: IAM would refuse %s: no grant of %s allows it", r.Function, v, c, id)
					}
				}
				if c, ok := reads(calls, booking); ok {
					t.Errorf("%s %v read a customer's partition: %s", r.Function, v, c)
				}
				var body struct{ NextCursor string }
				if json.Unmarshal([]byte(resp.Body), &body) != nil || body.NextCursor == "" {
					break
				}
				ev.QueryStringParameters["cursor"] = body.NextCursor
				ev.MultiValueQueryStringParameters["cursor"] = []string{body.NextCursor}
			}
		}
		if anyAllows(sts, booking) {
			t.Errorf("%s may read a customer's bookings (%s)", id, booking)
		}
	}
	if seen != len(publicRequests) {
		t.Errorf("%d public functions in template.yaml, %d in publicRequests", seen, len(publicRequests))
	}
}

// newService is the Service of one function on store, at the tests' day.
func newService(store rental.Store) *rental.Service {
	clock := &storetest.Clock{}
	clock.Set(storetest.Start)
	return rental.NewService(store, rental.WithClock(clock.Now))
}

// customerBooking books a car for a customer and returns the call with
// which GET /bookings reads that customer's bookings, after checking that
// its partition is the customer partition of the rule.
func customerBooking(t *testing.T, svc *rental.Service, rec *recorder) call {
	t.Helper()
	const sub = "3f0b1a9e-0000-4000-8000-000000000001"
	pickup, _ := rental.ParseDate(storetest.Start.AddDate(0, 0, 40).Format("2006-01-02"))
	ret, _ := rental.ParseDate(storetest.Start.AddDate(0, 0, 43).Format("2006-01-02"))
	req := rental.BookingRequest{CarID: "ber-001", Period: rental.Period{Pickup: pickup, Return: ret}}
	if _, err := svc.CreateBooking(t.Context(), sub, req, ""); err != nil {
		t.Fatal(err)
	}
	rec.take()
	page, err := svc.ListBookings(t.Context(), sub, rental.BookingQuery{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("the customer's bookings: %+v, %v", page, err)
	}
	calls := rec.take()
	if len(calls) == 0 || len(calls[0].keys) != 1 || !strings.HasPrefix(calls[0].keys[0], customerPartition) {
		t.Fatalf("GET /bookings read %v, want one partition %s<sub>", calls, customerPartition)
	}
	return calls[0]
}

func anyAllows(sts []statement, c call) bool {
	for _, st := range sts {
		if st.allows(c.action, c.resource, c.keys) {
			return true
		}
	}
	return false
}

// reads reports a call of calls that reaches a partition of c.
func reads(calls []call, c call) (call, bool) {
	for _, x := range calls {
		for _, k := range x.keys {
			if strings.HasPrefix(k, customerPartition) || k == c.keys[0] {
				return x, true
			}
		}
	}
	return call{}, false
}

// publicEvent is events/<function>.json for the tests' day, its query
// string changed by change.
func publicEvent(t *testing.T, function string, change map[string]*string) events.APIGatewayProxyRequest {
	t.Helper()
	data, err := eventfile.Read(filepath.Join(samtemplate.MustRoot(t), "events", function+".json"), eventfile.Values{Today: storetest.Start})
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayProxyRequest
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&ev); err != nil {
		t.Fatal(err)
	}
	q := maps.Clone(ev.QueryStringParameters)
	if q == nil {
		q = map[string]string{}
	}
	for k, v := range change {
		if v == nil {
			delete(q, k)
		} else {
			q[k] = *v
		}
	}
	ev.QueryStringParameters, ev.MultiValueQueryStringParameters = q, map[string][]string{}
	for k, v := range q {
		ev.MultiValueQueryStringParameters[k] = []string{v}
	}
	return ev
}
