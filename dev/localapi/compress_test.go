package localapi

import (
	"compress/gzip"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// TestCompression: with the Api's MinimumCompressionSize (1000 in
// testTemplate), an answer of that size or more is gzip-compressed for a
// client that accepts it, as API Gateway does, whatever else the client
// accepts (API Gateway has no Brotli); a smaller one is not.
func TestCompression(t *testing.T) {
	b := newBed(t, Options{})
	big := `{"things":"` + strings.Repeat("x", 1200) + `"}`
	b.recs["ListThingsFunction"].setAnswer(func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return events.APIGatewayProxyResponse{StatusCode: 200, Body: big, Headers: map[string]string{"Content-Type": "application/json"}}, nil
	})
	w := b.do("GET", "/things", "", "Accept-Encoding", "gzip, deflate, br, zstd")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("%d %v", w.Code, w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || string(got) != big {
		t.Errorf("decoded %d bytes (%v), want the function's %d", len(got), err, len(big))
	}
	if w := b.do("GET", "/things", ""); w.Header().Get("Content-Encoding") != "" || w.Body.String() != big {
		t.Errorf("without Accept-Encoding: %v", w.Header())
	}
	// {"ok":true}: under the minimum.
	if w := b.do("GET", "/things/a", "", "Accept-Encoding", "gzip"); w.Header().Get("Content-Encoding") != "" || w.Body.String() != `{"ok":true}` {
		t.Errorf("a small answer: %v %q", w.Header(), w.Body)
	}
}
