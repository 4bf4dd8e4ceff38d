package localstack

import (
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"

	"github.com/carrental/backend/dev/locals3"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
)

// ImageBucketResource is the logical ID of the photos' bucket in
// template.yaml, and ImageBucketName its name in the local S3 (the cloud's
// is CloudFormation's, IMAGE_BUCKET either way).
const (
	ImageBucketResource = "ImageBucket"
	ImageBucketName     = ownTable + "-images"
)

// startS3 starts the local S3 (dev/locals3) with the images bucket, its
// CORS rules from the template, on disk below dataDir or in memory, and
// puts the sample fleet's photos (seed/images) into it when missing, as
// make deploy-web uploads them.
func (b *Backends) startS3(o BackendOptions, dataDir string) error {
	rules, err := corsRules(o.Template)
	if err != nil {
		return err
	}
	srv, err := locals3.Start(locals3.Options{Bucket: ImageBucketName, DataDir: dataDir, CORS: rules, Log: o.Log})
	if err != nil {
		return err
	}
	b.S3 = srv
	return putSamplePhotos(srv.Handler(), filepath.Join(o.Root, seed.ImagesDir))
}

// putSamplePhotos puts every file below dir into the bucket under its
// path below dir (cars/<id>.<hash>.svg: the cars' imageKey), unless the
// bucket has it.
func putSamplePhotos(h *locals3.Handler, dir string) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		body, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if _, err := h.PutMissing(key, mime.TypeByExtension(path.Ext(key)), body); err != nil {
			return fmt.Errorf("sample photo %s: %w", key, err)
		}
		return nil
	})
}

// corsRules are ImageBucket's CorsConfiguration in the template (none
// when it has none).
func corsRules(tpl *samtemplate.Template) ([]locals3.CORSRule, error) {
	var props struct {
		CorsConfiguration struct {
			CorsRules []struct {
				AllowedOrigins, AllowedMethods, AllowedHeaders, ExposedHeaders []string
				MaxAge                                                         int
			}
		}
	}
	if err := tpl.Properties(ImageBucketResource, "AWS::S3::Bucket", &props); err != nil {
		return nil, err
	}
	var rules []locals3.CORSRule
	for _, r := range props.CorsConfiguration.CorsRules {
		rules = append(rules, locals3.CORSRule{AllowedOrigins: r.AllowedOrigins, AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders, ExposedHeaders: r.ExposedHeaders, MaxAge: r.MaxAge})
	}
	return rules, nil
}
