// Package photos keeps the cars' photos in the images bucket (Amazon S3),
// which the image distribution serves: staff upload a photo from the
// browser with a presigned POST, and the Service checks a photo is there
// before a car shows it.
package photos

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// The upload's limits: S3 itself refuses a file over MaxBytes or of
// another type than the one signed.
const (
	MaxBytes = 5 << 20
	// UploadTTL is how long a presigned upload is good for.
	UploadTTL = 10 * time.Minute
)

// Extensions are the content types a photo may have, with the extension
// its key gets.
var Extensions = map[string]string{"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}

// Upload is a presigned POST: send Fields, then the file as "file" (last),
// as multipart/form-data to URL before ExpiresAt; the photo is then at
// Key. See "Browser-based uploads using POST (AWS Signature Version 4)":
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html
type Upload struct {
	URL       string
	Fields    map[string]string
	Key       string
	MaxBytes  int64
	ExpiresAt time.Time
}

// Store is the images bucket.
type Store struct {
	client  *s3.Client
	presign *s3.PresignClient
	bucket  string
	now     func() time.Time
}

// New is the bucket through client.
func New(client *s3.Client, bucket string) *Store {
	return &Store{client: client, presign: s3.NewPresignClient(client), bucket: bucket, now: time.Now}
}

// PresignUpload presigns the upload of one photo of car carID of
// contentType (one of Extensions) under a key of its own,
// cars/<carID>/<random>.<ext>: a new photo never replaces the bytes of a
// key that pages and caches hold (the distribution keeps photos a year).
func (s *Store) PresignUpload(ctx context.Context, carID, contentType string) (Upload, error) {
	ext, ok := Extensions[contentType]
	if !ok {
		return Upload{}, fmt.Errorf("photos: content type %q", contentType)
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Upload{}, err
	}
	key := "cars/" + carID + "/" + hex.EncodeToString(b[:]) + "." + ext
	req, err := s.presign.PresignPostObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)},
		func(o *s3.PresignPostOptions) {
			o.Expires = UploadTTL
			o.Conditions = []any{
				map[string]string{"Content-Type": contentType},
				[]any{"content-length-range", 1, MaxBytes},
			}
		})
	if err != nil {
		return Upload{}, err
	}
	fields := map[string]string{"Content-Type": contentType}
	for k, v := range req.Values {
		fields[k] = v
	}
	return Upload{URL: req.URL, Fields: fields, Key: key, MaxBytes: MaxBytes, ExpiresAt: s.now().Add(UploadTTL).UTC()}, nil
}

// Exists reports whether a photo is at key (HeadObject; a missing one is
// false, not an error).
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	_, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	var nf *types.NotFound
	var ae smithy.APIError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &nf), errors.As(err, &ae) && (ae.ErrorCode() == "NotFound" || ae.ErrorCode() == "NoSuchKey"):
		return false, nil
	}
	return false, err
}
