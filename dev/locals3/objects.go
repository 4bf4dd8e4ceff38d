package locals3

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// PutMissing puts body under key, with contentType, unless the bucket
// holds key already, as `make deploy-web` uploads the sample photos; it
// reports whether it put it. It goes to the store, not through the
// signature checks: it plays the bucket's owner.
func (h *Handler) PutMissing(key, contentType string, body []byte) (bool, error) {
	obj, err := h.store.HeadObject(h.bucket, key)
	switch {
	case err == nil:
		obj.Contents.Close()
		return false, nil
	case !gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchKey):
		return false, fmt.Errorf("locals3: %s: %w", key, err)
	}
	meta := map[string]string{"Content-Type": contentType, "Last-Modified": time.Now().UTC().Format(http.TimeFormat)}
	if _, err := h.store.PutObject(h.bucket, key, meta, bytes.NewReader(body), int64(len(body)), nil); err != nil {
		return false, fmt.Errorf("locals3: put %s: %w", key, err)
	}
	return true, nil
}

// Objects serves the bucket's objects by key (the request's path without
// its leading "/", as after http.StripPrefix) to GET and HEAD, as the
// image distribution serves them through origin access control: the
// object's Content-Type, its ETag, Last-Modified and ranges, and
// cacheControl; 404 for a key the bucket lacks. Nothing here is signed:
// CloudFront signs for the viewer.
func (h *Handler) Objects(cacheControl string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/")
		if !storableKey(key) {
			http.NotFound(w, r)
			return
		}
		obj, err := h.store.GetObject(h.bucket, key, nil)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer obj.Contents.Close()
		data, err := io.ReadAll(obj.Contents)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		modified, _ := time.Parse(http.TimeFormat, obj.Metadata["Last-Modified"])
		w.Header().Set("Content-Type", obj.Metadata["Content-Type"])
		w.Header().Set("ETag", gofakes3.FormatETag(obj.Hash))
		w.Header().Set("Cache-Control", cacheControl)
		http.ServeContent(w, r, key, modified, bytes.NewReader(data))
	})
}
