package locals3

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestDataDir: with a data folder, what was put is there after a restart,
// and PutMissing puts a key only once; in memory, a new server is empty.
func TestDataDir(t *testing.T) {
	dir := t.TempDir()
	first, err := Start(Options{Bucket: testBucket, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if put, err := first.Handler().PutMissing("cars/a.svg", "image/svg+xml", []byte("<svg/>")); err != nil || !put {
		t.Fatalf("PutMissing on an empty bucket: %t, %v", put, err)
	}
	if put, err := first.Handler().PutMissing("cars/a.svg", "image/svg+xml", []byte("<other/>")); err != nil || put {
		t.Fatalf("PutMissing again: %t, %v", put, err)
	}
	if err := first.Stop(); err != nil {
		t.Fatal(err)
	}

	again, err := Start(Options{Bucket: testBucket, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Stop()
	client := newClient(again.Endpoint(), AccessKey, SecretKey)
	out, err := client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/a.svg")})
	if err != nil {
		t.Fatalf("after a restart: %v", err)
	}
	defer out.Body.Close()
	var body bytes.Buffer
	_, _ = body.ReadFrom(out.Body)
	if body.String() != "<svg/>" || aws.ToString(out.ContentType) != "image/svg+xml" {
		t.Errorf("after a restart: %q %q", body.String(), aws.ToString(out.ContentType))
	}

	mem := newBed(t, Options{})
	if _, err := mem.client.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(testBucket), Key: aws.String("cars/a.svg")}); err == nil {
		t.Error("a server in memory holds another's object")
	}
}
