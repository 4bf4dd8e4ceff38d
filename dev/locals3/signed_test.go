package locals3

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func do(t *testing.T, req *http.Request) Result {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return Result{Status: resp.StatusCode, Header: resp.Header, Body: body}
}

// TestSignedRequests: the SDK's signed calls (header SigV4, the payload
// hashed) and its presigned URLs pass; the same requests unsigned,
// tampered with, signed with another secret or expired are refused as S3
// refuses them.
func TestSignedRequests(t *testing.T) {
	ctx := context.Background()
	b := newBed(t, Options{})
	key := "cars/ber-001/put.png"
	if _, err := b.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key),
		Body: bytes.NewReader(png), ContentType: aws.String("image/png")}); err != nil {
		t.Fatalf("signed PutObject: %v", err)
	}
	if _, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/ber-001/put.png")}); err != nil {
		t.Fatalf("signed HeadObject: %v", err)
	}
	if _, err := b.client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(testBucket), Prefix: aws.String("cars/")}); err != nil {
		t.Fatalf("signed ListObjectsV2 (a query to sign): %v", err)
	}
	other := newClient(b.srv.Endpoint(), AccessKey, "not-the-secret")
	_, err := other.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/x.png"), Body: bytes.NewReader(png)})
	if err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
		t.Errorf("PutObject with another secret: %v", err)
	}

	object := b.srv.BucketURL() + "/" + key
	for _, method := range []string{"GET", "PUT", "DELETE"} {
		req, _ := http.NewRequest(method, object, strings.NewReader("x"))
		wantError(t, do(t, req), 403, "AccessDenied", "Access Denied")
	}

	presign := s3.NewPresignClient(b.client)
	get, err := presign.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key)},
		s3.WithPresignExpires(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", get.URL, nil)
	if res := do(t, req); res.Status != 200 || !bytes.Equal(res.Body, png) {
		t.Errorf("presigned GET: %d %s", res.Status, res.Body)
	}
	req, _ = http.NewRequest("GET", strings.Replace(get.URL, "put.png", "other.png", 1), nil)
	wantError(t, do(t, req), 403, "SignatureDoesNotMatch", "signature")

	put, err := presign.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/ber-001/p.png"),
		ContentType: aws.String("image/png")}, s3.WithPresignExpires(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	send := func(contentType string) Result {
		req, _ := http.NewRequest("PUT", put.URL, bytes.NewReader(png))
		req.Header.Set("Content-Type", contentType)
		return do(t, req)
	}
	if res := send("image/png"); res.Status != 200 {
		t.Errorf("presigned PUT: %d %s", res.Status, res.Body)
	}
	wantError(t, send("image/gif"), 403, "SignatureDoesNotMatch", "signature")

	// The same URL once it has expired, and a signed call from 20 minutes ago.
	late := newBed(t, Options{Now: func() time.Time { return time.Now().Add(2 * time.Minute) }})
	req, _ = http.NewRequest("GET", strings.Replace(get.URL, b.srv.Endpoint(), late.srv.Endpoint(), 1), nil)
	req.Host = strings.TrimPrefix(b.srv.Endpoint(), "http://") // the host it was signed for
	wantError(t, do(t, req), 403, "AccessDenied", "Request has expired")
	skewed := newBed(t, Options{Now: func() time.Time { return time.Now().Add(20 * time.Minute) }})
	_, err = skewed.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key)})
	if err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("a call signed 20 minutes before the server's time: %v", err)
	}
}

// TestPayloadHash: a signed PUT whose body is not the one it was signed
// with is refused (XAmzContentSHA256Mismatch).
func TestPayloadHash(t *testing.T) {
	b := newBed(t, Options{})
	put, err := s3.NewPresignClient(b.client).PresignPutObject(context.Background(),
		&s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/h.png")})
	if err != nil {
		t.Fatal(err)
	}
	// A presigned PUT signs UNSIGNED-PAYLOAD; a header claiming a hash is
	// then checked against the body.
	req, _ := http.NewRequest("PUT", put.URL, bytes.NewReader(png))
	req.Header.Set("X-Amz-Content-Sha256", strings.Repeat("ab", 32))
	wantError(t, do(t, req), 400, "XAmzContentSHA256Mismatch", "does not match")
}

// TestHostAndKeys: a request naming another host is refused (a page that
// rebinds its name to 127.0.0.1), and so is a key that the files below
// the data folder cannot keep.
func TestHostAndKeys(t *testing.T) {
	b := newBed(t, Options{})
	req, _ := http.NewRequest("GET", b.srv.BucketURL(), nil)
	req.Host = "evil.example:80"
	wantError(t, do(t, req), 403, "AccessDenied", "127.0.0.1, localhost and [::1] only")
	for _, key := range []string{"cars/../x.png", "cars//x.png", "cars/"} {
		_, err := b.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key),
			Body: bytes.NewReader(png)})
		if err == nil || !strings.Contains(err.Error(), "InvalidArgument") {
			t.Errorf("PutObject %q: %v", key, err)
		}
	}
}
