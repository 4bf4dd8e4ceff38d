package locals3

import (
	"net/http"
	"testing"
	"time"
)

// TestCORS: the bucket's CORS rules decide what a page on another origin
// may read, as in S3: a preflight that a rule allows gets its headers, one
// that none allows a 403; an upload's answer carries the matching rule's
// Access-Control-Allow-Origin (not gofakes3's "*"), or none; a bucket
// without rules allows nothing.
func TestCORS(t *testing.T) {
	rules := []CORSRule{{AllowedOrigins: []string{"http://localhost:*"}, AllowedMethods: []string{"POST"},
		AllowedHeaders: []string{"*"}, ExposedHeaders: []string{"ETag"}, MaxAge: 600}}
	b := newBed(t, Options{CORS: rules})
	preflight := func(b *bed, origin, method string) *http.Response {
		req, _ := http.NewRequest("OPTIONS", b.srv.BucketURL(), nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", method)
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := preflight(b, "http://localhost:3000", "POST")
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" ||
		resp.Header.Get("Access-Control-Allow-Methods") != "POST" || resp.Header.Get("Access-Control-Max-Age") != "600" {
		t.Errorf("allowed preflight: %d %v", resp.StatusCode, resp.Header)
	}
	for _, c := range [][2]string{{"http://evil.example", "POST"}, {"http://localhost:3000", "DELETE"}} {
		if resp := preflight(b, c[0], c[1]); resp.StatusCode != 403 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight %v: %d %v", c, resp.StatusCode, resp.Header)
		}
	}

	u := b.presign(t, b.client, "cars/ber-001/c.png", photoConditions("image/png"), time.Minute)
	u.ContentType, u.Origin = "image/png", "http://localhost:3000"
	if res := post(t, u, png); res.Status != 204 || res.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" ||
		res.Header.Get("Access-Control-Expose-Headers") != "ETag" {
		t.Errorf("upload from the site: %d %v", res.Status, res.Header)
	}
	u.Origin = "http://evil.example"
	if res := post(t, u, png); res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("upload from another origin got %q", res.Header.Get("Access-Control-Allow-Origin"))
	}

	none := newBed(t, Options{})
	if resp := preflight(none, "http://localhost:3000", "POST"); resp.StatusCode != 403 {
		t.Errorf("preflight to a bucket without CORS: %d", resp.StatusCode)
	}
	u = none.presign(t, none.client, "cars/ber-001/c.png", photoConditions("image/png"), time.Minute)
	u.ContentType, u.Origin = "image/png", "http://localhost:3000"
	if res := post(t, u, png); res.Status != 204 || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("upload to a bucket without CORS: %d %v", res.Status, res.Header)
	}
}
