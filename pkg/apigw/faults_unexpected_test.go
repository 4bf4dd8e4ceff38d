package apigw_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/carrental/backend/dev/ddbfault"
)

// TestUnexpectedDynamoDBErrors: answers of DynamoDB that no retry fixes
// (a request it refuses, a table that is missing, access denied, a body
// the SDK cannot read) are 500 internal, and the body tells the client
// nothing of them: not the SDK's text, not the table, not DynamoDB's
// message. It guards mapErr's default and the adapter's 5xx bodies.
func TestUnexpectedDynamoDBErrors(t *testing.T) {
	faults := map[string]ddbfault.Fault{
		"ValidationException": dynamoError(400, "ValidationException",
			"One or more parameter values were invalid: table test-carrental key CAR#ber-suv-1"),
		"ResourceNotFoundException": dynamoError(400, "ResourceNotFoundException", "Requested resource not found: Table: test-carrental not found"),
		"AccessDeniedException": dynamoError(400, "AccessDeniedException",
			"User: arn:aws:sts::123456789012:assumed-role/get-car is not authorized to perform: dynamodb:GetItem"),
		"garbage body": func(req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Status: "200 OK", Request: req,
				Header: http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
				Body:   io.NopCloser(bytes.NewReader([]byte("<html>dynamodb proxy</html>")))}, nil
		},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, _, in := faultEnv(t, nil)
			in.Add(ddbfault.Rule{Op: "GetItem", Fault: fault})
			x := e.serve(t, newEvent("GET /cars/{carId}").id("carId", "ber-suv-1").get())
			if in.Injected()["GetItem"] == 0 {
				t.Fatal("no fault was injected")
			}
			wantServerError(t, x, http.StatusInternalServerError, "internal")
		})
	}
}

// dynamoError is a DynamoDB error answer: status, a JSON body with __type
// and message, as "Error handling with DynamoDB" describes them.
func dynamoError(status int, typ, msg string) ddbfault.Fault {
	return func(req *http.Request) (*http.Response, error) {
		b, _ := json.Marshal(map[string]string{"__type": "com.amazonaws.dynamodb.v20120810#" + typ, "message": msg})
		return &http.Response{StatusCode: status, Status: http.StatusText(status), Request: req,
			Header: http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
			Body:   io.NopCloser(bytes.NewReader(b)), ContentLength: int64(len(b))}, nil
	}
}
