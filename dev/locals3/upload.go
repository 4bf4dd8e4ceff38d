package locals3

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
)

// Upload is what a browser sends for a presigned POST: the form's fields
// and then the file.
type Upload struct {
	// URL and Fields are a presigned POST, as
	// s3.PresignClient.PresignPostObject returns them
	// (PresignedPostRequest.URL and Values).
	URL    string
	Fields map[string]string
	// ContentType is sent as the Content-Type field when Fields has none
	// (the policy decides whether it may be); "" sends none.
	ContentType string
	// Filename is the file part's name (S3's ${filename}); "" is
	// "upload".
	Filename string
	// Origin, when set, is sent as the Origin header, as a page's fetch
	// sends it.
	Origin string
}

// Result is S3's answer to an Upload.
type Result struct {
	Status int
	Header http.Header
	Body   []byte // S3's XML error, or empty
}

// Post sends u with data as the file, fields first in a fixed order (the
// policy checks them by name; S3 reads the file last), the way a web page
// posts it, and returns S3's answer. err is for a request that could not
// be made or answered, not for S3's refusals, which are Results.
func Post(ctx context.Context, u Upload, data []byte) (Result, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields := maps.Clone(u.Fields)
	if fields == nil {
		fields = map[string]string{}
	}
	if _, ok := fields["Content-Type"]; !ok && u.ContentType != "" {
		fields["Content-Type"] = u.ContentType
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if err := mw.WriteField(name, fields[name]); err != nil {
			return Result{}, err
		}
	}
	filename := u.Filename
	if filename == "" {
		filename = "upload"
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		return Result{}, err
	}
	if _, err := fw.Write(data); err != nil {
		return Result{}, err
	}
	if err := mw.Close(); err != nil {
		return Result{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.URL, &body)
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if u.Origin != "" {
		req.Header.Set("Origin", u.Origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Result{}, fmt.Errorf("locals3: POST %s: %w", u.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Result{}, fmt.Errorf("locals3: POST %s: %w", u.URL, err)
	}
	return Result{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}
