package locals3

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
)

// maxObject bounds what the local S3 reads into memory for one object (a
// POST's file, a PUT whose payload hash it checks): it is for photos.
// S3's own limit is 5 GB for a single PUT or POST.
const maxObject = 64 << 20

// Handler is the local S3's HTTP handler: the checks that Amazon S3 makes
// and gofakes3 does not, in front of gofakes3 (path-style requests, one
// region):
//
//   - Host must name 127.0.0.1, localhost or [::1] (a web page that
//     rebinds its own name to 127.0.0.1 names its own host);
//   - CORS from the bucket's configuration (Options.CORS), preflights
//     answered here; gofakes3's own "*" is dropped;
//   - a browser-based POST upload (multipart/form-data to the bucket's
//     URL) is checked as S3 checks it, its SigV4 signature of the policy,
//     the policy's expiration and conditions, every field covered, the
//     file's size against content-length-range, and then stored;
//   - every other request needs a valid SigV4 signature (header or
//     presigned URL) with the local credentials, within S3's clock
//     limits, and a hashed payload must match its x-amz-content-sha256;
//     an unsigned request is 403 AccessDenied, as for a private bucket.
//
// Refusals are S3's XML errors with S3's codes and statuses.
type Handler struct {
	bucket string
	store  gofakes3.Backend
	fake   http.Handler
	signer *signer
	cors   cors
	log    *slog.Logger
}

// NewHandler makes the handler over a new store (o.DataDir or memory) and
// creates o.Bucket in it when missing.
func NewHandler(o Options) (*Handler, error) {
	store, err := backend(o.DataDir)
	if err != nil {
		return nil, err
	}
	if err := store.CreateBucket(o.Bucket); err != nil && !gofakes3.IsAlreadyExists(err) {
		return nil, err
	}
	creds, now, log := o.Credentials, o.Now, o.Log
	if creds == nil {
		creds = map[string]string{AccessKey: SecretKey}
	}
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fake := gofakes3.New(store, gofakes3.WithoutVersioning(), gofakes3.WithTimeSource(clock(now)))
	return &Handler{bucket: o.Bucket, store: store, fake: fake.Server(), cors: cors{rules: o.CORS}, log: log,
		signer: &signer{secrets: creds, region: Region, now: now}}, nil
}

// clock is a gofakes3.TimeSource on now.
type clock func() time.Time

func (c clock) Now() time.Time                  { return c() }
func (c clock) Since(t time.Time) time.Duration { return c().Sub(t) }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !localHost(r.Host) {
		h.refuse(w, r, errAccessDenied("Access Denied: the local S3 serves requests for 127.0.0.1, localhost and [::1] only"))
		return
	}
	if h.cors.preflight(w, r) {
		return
	}
	w = &corsWriter{ResponseWriter: w, cors: h.cors.actual(r)}
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if r.Method == http.MethodPost && key == "" && r.URL.RawQuery == "" && isForm(r) {
		if err := h.postObject(w, r, bucket); err != nil {
			h.refuse(w, r, err)
		}
		return
	}
	if err := h.checkSigned(r, key); err != nil {
		h.refuse(w, r, err)
		return
	}
	h.fake.ServeHTTP(w, r)
}

// checkSigned holds a request other than a POST upload to S3's rules: a
// valid signature, a key the store can keep (writes), the payload that
// was signed.
func (h *Handler) checkSigned(r *http.Request, key string) *s3Error {
	if err := h.signer.verify(r); err != nil {
		return err
	}
	write := r.Method == http.MethodPut || r.Method == http.MethodDelete || r.Method == http.MethodPost
	if write && key != "" && !storableKey(key) {
		return errKey(key)
	}
	return checkPayload(r)
}

// checkPayload compares a body with the x-amz-content-sha256 it was
// signed with, reading it (up to maxObject) and putting it back. The
// aws-chunked forms other than the signed one, which gofakes3 decodes,
// are not taken.
func checkPayload(r *http.Request) *s3Error {
	hash := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case hash == "" || hash == unsigned || r.Body == nil || r.Body == http.NoBody:
		return nil
	case hash == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
		return nil // decoded by gofakes3; the chunks' signatures are not checked
	case strings.HasPrefix(hash, streaming):
		return &s3Error{Status: http.StatusNotImplemented, Code: "NotImplemented",
			Message: "The local S3 does not take the aws-chunked payload " + hash + "; send the body whole"}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxObject+1))
	if err != nil {
		return &s3Error{Status: http.StatusBadRequest, Code: "IncompleteBody", Message: err.Error()}
	}
	if len(body) > maxObject {
		return entityTooLarge(int64(len(body)), maxObject)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != strings.ToLower(hash) {
		return &s3Error{Status: http.StatusBadRequest, Code: "XAmzContentSHA256Mismatch",
			Message: "The provided 'x-amz-content-sha256' header does not match what was computed."}
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return nil
}

// refuse answers err and logs it.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, err *s3Error) {
	h.log.Warn("local S3 refused a request", "method", r.Method, "path", r.URL.Path, "status", err.Status, "code", err.Code, "message", err.Message)
	err.write(w, r)
}

// isForm reports whether r's body is multipart/form-data.
func isForm(r *http.Request) bool {
	t, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && t == "multipart/form-data"
}

// localHost reports whether a Host header names this machine's loopback.
func localHost(hostport string) bool {
	name := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	return name == "127.0.0.1" || name == "::1" || strings.EqualFold(name, "localhost")
}

// storableKey reports whether the store can keep key as S3 would: the
// files below DataDir are named by the key, so a key with an empty, "."
// or ".." segment (S3 takes them as plain characters) would name another
// file.
func storableKey(key string) bool {
	return key != "" && path.Clean("/"+key) == "/"+key
}

func errKey(key string) *s3Error {
	return invalidArgument("The local S3 keeps objects as files and cannot keep the key " + key +
		" (an empty, \".\" or \"..\" segment, or a trailing \"/\"); Amazon S3 would")
}

// corsWriter puts the request's CORS headers on its answer in place of
// any that gofakes3 set (it allows every origin).
type corsWriter struct {
	http.ResponseWriter
	cors        http.Header
	wroteHeader bool
}

func (c *corsWriter) WriteHeader(status int) {
	if !c.wroteHeader {
		c.wroteHeader = true
		h := c.Header()
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				delete(h, k)
			}
		}
		for k, v := range c.cors {
			h[k] = v
		}
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *corsWriter) Write(b []byte) (int, error) {
	if !c.wroteHeader {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}
