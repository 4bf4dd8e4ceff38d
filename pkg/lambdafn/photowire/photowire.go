// Package photowire wires the car photos (pkg/photos, the images bucket on
// S3) into a function: imported for its effect by the mains of the
// functions whose template policies reach the bucket (cmd/genroutes
// writes the import), and by the local stack, which runs every function.
package photowire

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/carrental/backend/pkg/apigw"
	"github.com/carrental/backend/pkg/lambdafn"
	"github.com/carrental/backend/pkg/photos"
	"github.com/carrental/backend/pkg/rental"
)

func init() { lambdafn.UsePhotos(Wire) }

// Wire builds the photos' parts on cfg's image bucket: S3 at S3_ENDPOINT,
// path-style, when set (the local stack's), else AWS's. No network I/O
// happens here.
func Wire(awsCfg aws.Config, cfg lambdafn.Config) (rental.Photos, apigw.Uploads) {
	client := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.S3Endpoint != "" {
			o.BaseEndpoint, o.UsePathStyle = aws.String(cfg.S3Endpoint), true
		}
	})
	store := photos.New(client, cfg.ImageBucket)
	return store, uploads{store}
}

// uploads is photos.Store as the API's Uploads.
type uploads struct{ store *photos.Store }

func (u uploads) PresignUpload(ctx context.Context, carID, contentType string) (apigw.PhotoUpload, error) {
	p, err := u.store.PresignUpload(ctx, carID, contentType)
	return apigw.PhotoUpload{URL: p.URL, Fields: p.Fields, Key: p.Key, MaxBytes: p.MaxBytes, ExpiresAt: p.ExpiresAt}, err
}
