package httpcompress

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// Policy says which answers are compressed, and how.
type Policy struct {
	// Codings are the content codings offered, the preferred first.
	Codings []string
	// MinSize and MaxSize bound the length of the body that is compressed,
	// in bytes, both included; MaxSize 0 sets no upper bound.
	MinSize, MaxSize int
	// Types are the media types (Content-Type without its parameters)
	// that are compressed; nil compresses every type.
	Types []string
	// Statuses are the status codes whose answers are compressed; nil
	// compresses every status.
	Statuses []int
	// WeakenETag turns a strong ETag into a weak one on a compressed
	// answer: the bytes are no longer the ones the tag names.
	WeakenETag bool
}

// CloudFront is how a cache behaviour with Compress: true and a cache
// policy that enables gzip and Brotli compresses ("Serve compressed files",
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/ServingCompressedFiles.html):
// Brotli when the viewer accepts it, else gzip; bodies of 1,000 to
// 10,000,000 bytes; answers 200, 403 and 404; the types of its list that
// this site serves; a strong ETag made weak. CloudFront does not say
// which compression levels it uses; these are the libraries' defaults.
var CloudFront = Policy{
	Codings:  []string{Brotli, Gzip},
	MinSize:  1000,
	MaxSize:  10_000_000,
	Statuses: []int{http.StatusOK, http.StatusForbidden, http.StatusNotFound},
	Types: []string{"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
		"application/xml", "text/xml", "text/plain", "image/svg+xml"},
	WeakenETag: true,
}

// APIGateway is how a REST API with a MinimumCompressionSize compresses
// its answers ("Content encodings for a REST API",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gzip-compression-decompression.html):
// gzip or deflate, when the body is at least minSize bytes, whatever its
// type and status.
func APIGateway(minSize int) Policy {
	return Policy{Codings: []string{Gzip, Deflate}, MinSize: minSize}
}

// Handler answers with next's answer, compressed when p allows it and the
// request's Accept-Encoding accepts one of p's codings. Whatever the
// request accepts, an answer that p would compress says "Vary:
// Accept-Encoding", so that caches keep one copy per coding. next's answer
// is held in memory until it returns; HEAD requests pass through as they
// are.
func Handler(next http.Handler, p Policy) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		body := rec.body.Bytes()
		h := w.Header()
		if p.compresses(status, h, len(body)) {
			if !slices.ContainsFunc(h.Values("Vary"), func(v string) bool { return strings.Contains(strings.ToLower(v), "accept-encoding") }) {
				h.Add("Vary", "Accept-Encoding")
			}
			if coding := Negotiate(r.Header.Get("Accept-Encoding"), p.Codings...); coding != "" {
				if z, err := Encode(coding, body); err == nil {
					body = z
					h.Set("Content-Encoding", coding)
					h.Del("Accept-Ranges") // the ranges would be of the uncompressed bytes
					if etag := h.Get("ETag"); p.WeakenETag && etag != "" && !strings.HasPrefix(etag, "W/") {
						h.Set("ETag", "W/"+etag)
					}
				}
			}
		}
		if len(body) > 0 || h.Get("Content-Length") != "" {
			h.Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(status)
		_, _ = w.Write(body) // the client may have gone; nothing to do then
	})
}

// compresses reports whether p compresses an answer with this status,
// headers and body length (before any coding).
func (p Policy) compresses(status int, h http.Header, n int) bool {
	if h.Get("Content-Encoding") != "" || n < p.MinSize || (p.MaxSize > 0 && n > p.MaxSize) || n == 0 {
		return false
	}
	if p.Statuses != nil && !slices.Contains(p.Statuses, status) {
		return false
	}
	if p.Types == nil {
		return true
	}
	typ, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && slices.Contains(p.Types, typ)
}

// Encode compresses body with coding: Brotli, Gzip or Deflate (the zlib
// format, as the "deflate" coding is: RFC 9110, section 8.4.1.2).
func Encode(coding string, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	var zw io.WriteCloser
	switch coding {
	case Brotli:
		zw = brotli.NewWriterLevel(&buf, brotli.DefaultCompression)
	case Gzip:
		zw = gzip.NewWriter(&buf)
	case Deflate:
		zw = zlib.NewWriter(&buf)
	default:
		return nil, fmt.Errorf("httpcompress: unknown coding %q", coding)
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// recorder holds an answer's status and body; its headers are the real
// writer's.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
