package locals3

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const testBucket = "test-images"

// bed is a local S3 on a free port, in memory, and an SDK client of it
// with the local credentials.
type bed struct {
	srv    *Server
	client *s3.Client
}

func newBed(t *testing.T, o Options) *bed {
	t.Helper()
	o.Bucket = testBucket
	srv, err := Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Error(err)
		}
	})
	return &bed{srv: srv, client: newClient(srv.Endpoint(), AccessKey, SecretKey)}
}

// newClient is a path-style S3 client of endpoint, as the functions make
// one beside S3_ENDPOINT.
func newClient(endpoint, key, secret string) *s3.Client {
	return s3.New(s3.Options{Region: Region, BaseEndpoint: aws.String(endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, "")})
}

// photoConditions are the upload function's: one of three image types,
// exactly; 1 byte to 5 MB; the key under the car.
func photoConditions(contentType string) []any {
	return []any{
		[]any{"starts-with", "$key", "cars/ber-001/"},
		map[string]string{"Content-Type": contentType},
		[]any{"content-length-range", 1, 5 << 20},
	}
}

// presign is a presigned POST of key with conds, valid for expires.
func (b *bed) presign(t *testing.T, client *s3.Client, key string, conds []any, expires time.Duration) Upload {
	t.Helper()
	p, err := s3.NewPresignClient(client).PresignPostObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key)},
		func(o *s3.PresignPostOptions) { o.Expires, o.Conditions = expires, conds })
	if err != nil {
		t.Fatal(err)
	}
	return Upload{URL: p.URL, Fields: p.Values}
}

func post(t *testing.T, u Upload, data []byte) Result {
	t.Helper()
	res, err := Post(context.Background(), u, data)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// wantError checks an S3 error answer: status, code, and text in the
// message or the extra elements.
func wantError(t *testing.T, res Result, status int, code, text string) {
	t.Helper()
	var e struct {
		Code, Message, ProposedSize, MaxSizeAllowed, MinSizeAllowed string
	}
	if err := xml.Unmarshal(res.Body, &e); err != nil {
		t.Fatalf("%d %s: %v", res.Status, res.Body, err)
	}
	all := e.Message + " ProposedSize=" + e.ProposedSize + " MaxSizeAllowed=" + e.MaxSizeAllowed + " MinSizeAllowed=" + e.MinSizeAllowed
	if res.Status != status || e.Code != code || !strings.Contains(all, text) {
		t.Errorf("got %d %s %q, want %d %s with %q", res.Status, e.Code, all, status, code, text)
	}
}

var png = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 100)...)

// TestPostUpload: a presigned POST as the photo upload makes it lands in
// the bucket with its Content-Type, and is served by Objects with the
// image distribution's Cache-Control; S3's 204 with the ETag and
// Location.
func TestPostUpload(t *testing.T) {
	b := newBed(t, Options{})
	u := b.presign(t, b.client, "cars/ber-001/front.png", photoConditions("image/png"), 5*time.Minute)
	if !strings.HasSuffix(u.URL, "/"+testBucket) || !strings.HasPrefix(u.URL, "http://127.0.0.1:") {
		t.Errorf("URL %s, want the path-style bucket URL on 127.0.0.1", u.URL)
	}
	u.ContentType = "image/png"
	res := post(t, u, png)
	if res.Status != http.StatusNoContent || res.Header.Get("ETag") == "" ||
		res.Header.Get("Location") != u.URL+"/cars/ber-001/front.png" {
		t.Fatalf("upload: %d %v %s", res.Status, res.Header, res.Body)
	}

	w := httptest.NewRecorder()
	b.srv.Handler().Objects("public, max-age=31536000, immutable").ServeHTTP(w, httptest.NewRequest("GET", "/cars/ber-001/front.png", nil))
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), png) || w.Header().Get("Content-Type") != "image/png" ||
		w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" || w.Header().Get("ETag") != res.Header.Get("ETag") {
		t.Errorf("served: %d %v", w.Code, w.Header())
	}
	w = httptest.NewRecorder()
	b.srv.Handler().Objects("x").ServeHTTP(w, httptest.NewRequest("GET", "/cars/ber-001/back.png", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("a key the bucket lacks: %d", w.Code)
	}

	// The SDK reads it back, signed.
	out, err := b.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/ber-001/front.png")})
	if err != nil {
		t.Fatal(err)
	}
	out.Body.Close()
	if aws.ToString(out.ContentType) != "image/png" {
		t.Errorf("GetObject: Content-Type %q", aws.ToString(out.ContentType))
	}

	// success_action_status 201 answers a PostResponse.
	conds := append(photoConditions("image/png"), map[string]string{"success_action_status": "201"})
	u = b.presign(t, b.client, "cars/ber-001/side.png", conds, time.Minute)
	u.ContentType, u.Fields["success_action_status"] = "image/png", "201"
	if res := post(t, u, png); res.Status != http.StatusCreated || !strings.Contains(string(res.Body), "<Key>cars/ber-001/side.png</Key>") {
		t.Errorf("success_action_status 201: %d %s", res.Status, res.Body)
	}
}

// TestPostRefused: what S3 refuses of a presigned POST, the local S3
// refuses with S3's code and status, and stores nothing.
func TestPostRefused(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	b := newBed(t, Options{Now: func() time.Time { return clock() }})
	good := func() Upload {
		u := b.presign(t, b.client, "cars/ber-001/front.png", photoConditions("image/png"), 5*time.Minute)
		u.ContentType = "image/png"
		return u
	}
	tamper := func(u Upload, from, to string) Upload {
		doc, _ := base64.StdEncoding.DecodeString(u.Fields["policy"])
		if !strings.Contains(string(doc), from) {
			t.Fatalf("policy %s has no %s", doc, from)
		}
		u.Fields["policy"] = base64.StdEncoding.EncodeToString([]byte(strings.Replace(string(doc), from, to, 1)))
		return u
	}
	cases := []struct {
		name          string
		upload        func() Upload
		data          []byte
		status        int
		code, message string
	}{
		{"wrong content type", func() Upload { u := good(); u.ContentType = ""; u.Fields["Content-Type"] = "image/gif"; return u },
			png, 403, "AccessDenied", `Policy Condition failed: {"Content-Type":"image/png"}`},
		{"no content type", func() Upload { u := good(); u.ContentType = ""; return u },
			png, 403, "AccessDenied", `Policy Condition failed: {"Content-Type":"image/png"}`},
		{"too large", good, bytes.Repeat([]byte{1}, 5<<20+1), 400, "EntityTooLarge", "MaxSizeAllowed=5242880"},
		{"empty", good, nil, 400, "EntityTooSmall", "MinSizeAllowed=1"},
		{"key outside the car", func() Upload { u := good(); u.Fields["key"] = "cars/ber-002/front.png"; return u },
			png, 403, "AccessDenied", `Policy Condition failed: ["starts-with","$key","cars/ber-001/"]`},
		{"tampered policy", func() Upload { return tamper(good(), "5242880", "52428800") },
			png, 403, "SignatureDoesNotMatch", "signature"},
		{"tampered signature", func() Upload { u := good(); u.Fields["X-Amz-Signature"] = strings.Repeat("0", 64); return u },
			png, 403, "SignatureDoesNotMatch", "signature"},
		{"extra field", func() Upload { u := good(); u.Fields["Cache-Control"] = "no-store"; return u },
			png, 403, "AccessDenied", "Extra input fields: cache-control"},
		{"no policy, no signature", func() Upload { return Upload{URL: good().URL, Fields: map[string]string{"key": "cars/x.png"}} },
			png, 403, "AccessDenied", "Access Denied"},
		{"no signature", func() Upload { u := good(); delete(u.Fields, "X-Amz-Signature"); return u },
			png, 400, "InvalidArgument", "x-amz-signature"},
		{"another key's signature", func() Upload {
			u := b.presign(t, newClient(b.srv.Endpoint(), AccessKey, "not-the-secret"), "cars/ber-001/a.png", photoConditions("image/png"), time.Minute)
			u.ContentType = "image/png"
			return u
		}, png, 403, "SignatureDoesNotMatch", "signature"},
		{"unknown access key", func() Upload {
			u := b.presign(t, newClient(b.srv.Endpoint(), "someone", SecretKey), "cars/ber-001/a.png", photoConditions("image/png"), time.Minute)
			u.ContentType = "image/png"
			return u
		}, png, 403, "InvalidAccessKeyId", "Access Key Id"},
		{"dot-dot key", func() Upload { u := good(); u.Fields["key"] = "cars/ber-001/../../x.png"; return u },
			png, 400, "InvalidArgument", "keeps objects as files"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantError(t, post(t, c.upload(), c.data), c.status, c.code, c.message)
		})
	}

	t.Run("expired", func(t *testing.T) {
		u := good()
		clock = func() time.Time { return now.Add(6 * time.Minute) }
		defer func() { clock = func() time.Time { return now } }()
		wantError(t, post(t, u, png), 403, "AccessDenied", "Invalid according to Policy: Policy expired.")
	})

	list, err := b.client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(testBucket)})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 0 {
		t.Errorf("refused uploads stored %d objects, e.g. %s", len(list.Contents), aws.ToString(list.Contents[0].Key))
	}
}
