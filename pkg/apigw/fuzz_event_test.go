package apigw_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// FuzzProxyEvent feeds whole API Gateway proxy events, as JSON, to the
// handlers: the function of the event's route, or for an event of no
// route, one chosen by the input's length. Whatever the event, a handler
// must not panic or fail (API Gateway would answer 502 without CORS), must
// not answer 5xx, and must answer with CORS headers and a JSON body in the
// contract's shape; see checkAnyResponse. Seeds in
// testdata/fuzz/FuzzProxyEvent are the events/*.json of the REST
// functions, rendered for storetest.Start with alice's sub and e-mail,
// and variants of them.
func FuzzProxyEvent(f *testing.F) {
	names := slices.Sorted(maps.Keys(operations))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev events.APIGatewayProxyRequest
		if json.Unmarshal(data, &ev) != nil {
			return // Lambda would not call the handler with it
		}
		name, ok := routes[ev.HTTPMethod+" "+ev.Resource]
		if !ok {
			name = names[len(data)%len(names)]
		}
		e := newMemEnv(t)
		resp, err := handlersOf(e.api)[name](context.Background(), ev)
		checkAnyResponse(t, name, ev, resp, err)
	})
}
