package httpcompress

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct {
		accept string
		want   string
	}{
		{"", ""},
		{"gzip, deflate, br, zstd", Brotli}, // Chromium's, over HTTPS
		{"gzip, deflate", Gzip},             // Chromium's over plain HTTP, but for localhost
		{"br;q=0.5, gzip", Gzip},
		{"BR", Brotli},
		{"br;q=0, gzip;q=0", ""},
		{"identity", ""},
		{"*", Brotli},
		{"*;q=0.2, br;q=0", Gzip},
		{"gzip;q=0.8, *;q=0.9", Brotli},
		{"br;q=abc, gzip", Gzip}, // a malformed weight refuses the coding
		{" gzip ; q=1.0 ", Gzip},
		{"compress", ""},
	} {
		if got := Negotiate(tt.accept, Brotli, Gzip); got != tt.want {
			t.Errorf("Negotiate(%q) = %q, want %q", tt.accept, got, tt.want)
		}
	}
	if got := Negotiate("gzip, deflate, br", Gzip, Deflate); got != Gzip {
		t.Errorf("API Gateway's codings: %q, want gzip", got)
	}
	if got := Negotiate("deflate", Gzip, Deflate); got != Deflate {
		t.Errorf("deflate only: %q", got)
	}
}

// decode undoes coding.
func decode(t *testing.T, coding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	var err error
	switch coding {
	case Brotli:
		r = brotli.NewReader(bytes.NewReader(body))
	case Gzip:
		r, err = gzip.NewReader(bytes.NewReader(body))
	case Deflate:
		r, err = zlib.NewReader(bytes.NewReader(body))
	case "":
		return body
	default:
		t.Fatalf("coding %q", coding)
	}
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// serve answers with status, content type, ETag and body through p.
func serve(p Policy, method, accept string, status int, typ, etag, body string) *httptest.ResponseRecorder {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", typ)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Header().Set("Accept-Ranges", "bytes")
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		w.WriteHeader(status)
		if method != http.MethodHead {
			_, _ = io.WriteString(w, body)
		}
	}), p)
	req := httptest.NewRequest(method, "/x", nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestHandler(t *testing.T) {
	js := strings.Repeat("function f(){return 1}\n", 100) // 2,300 bytes
	small := strings.Repeat("x", 999)
	for _, tt := range []struct {
		name                 string
		p                    Policy
		method, accept, typ  string
		status               int
		body, etag           string
		wantCoding, wantETag string
		wantVary             bool
	}{
		{"CloudFront, br", CloudFront, "GET", "gzip, deflate, br", "text/javascript; charset=utf-8", 200, js, `"v1"`, Brotli, `W/"v1"`, true},
		{"CloudFront, gzip", CloudFront, "GET", "gzip", "application/json", 200, js, "", Gzip, "", true},
		{"CloudFront, a 404 page", CloudFront, "GET", "br", "text/html; charset=utf-8", 404, js, "", Brotli, "", true},
		{"CloudFront, no Accept-Encoding", CloudFront, "GET", "", "text/css", 200, js, `"v1"`, "", `"v1"`, true},
		{"CloudFront, under 1,000 bytes", CloudFront, "GET", "br", "text/css", 200, small, "", "", "", false},
		{"CloudFront, exactly 1,000 bytes", CloudFront, "GET", "br", "text/css", 200, small + "x", "", Brotli, "", true},
		{"CloudFront, a PNG", CloudFront, "GET", "br", "image/png", 200, js, "", "", "", false},
		{"CloudFront, an SVG photo", CloudFront, "GET", "br", "image/svg+xml", 200, js, "", Brotli, "", true},
		{"CloudFront, a 500", CloudFront, "GET", "br", "text/html", 500, js, "", "", "", false},
		{"CloudFront, deflate only", CloudFront, "GET", "deflate", "text/html", 200, js, "", "", "", true},
		{"API Gateway, gzip", APIGateway(1000), "GET", "gzip, deflate, br", "application/json", 200, js, `"1"`, Gzip, `"1"`, true},
		{"API Gateway, deflate", APIGateway(1000), "GET", "deflate", "application/json", 201, js, "", Deflate, "", true},
		{"API Gateway, any type and status", APIGateway(10), "GET", "gzip", "application/octet-stream", 500, small, "", Gzip, "", true},
		{"API Gateway, under its minimum", APIGateway(1000), "GET", "gzip", "application/json", 200, small, "", "", "", false},
		{"HEAD", CloudFront, "HEAD", "br", "text/html", 200, js, "", "", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(tt.p, tt.method, tt.accept, tt.status, tt.typ, tt.etag, tt.body)
			h := w.Header()
			if w.Code != tt.status || h.Get("Content-Encoding") != tt.wantCoding {
				t.Fatalf("%d, Content-Encoding %q; want %d, %q", w.Code, h.Get("Content-Encoding"), tt.status, tt.wantCoding)
			}
			if got := h.Get("Vary") == "Accept-Encoding"; got != tt.wantVary {
				t.Errorf("Vary = %q, want Accept-Encoding: %v", h.Get("Vary"), tt.wantVary)
			}
			if tt.method == "HEAD" {
				return
			}
			if got := decode(t, tt.wantCoding, w.Body.Bytes()); string(got) != tt.body {
				t.Errorf("decoded body is %d bytes, want the %d sent", len(got), len(tt.body))
			}
			if cl := h.Get("Content-Length"); cl != strconv.Itoa(w.Body.Len()) {
				t.Errorf("Content-Length %s, body %d bytes", cl, w.Body.Len())
			}
			if tt.wantCoding != "" {
				if w.Body.Len() >= len(tt.body) {
					t.Errorf("compressed %d bytes into %d", len(tt.body), w.Body.Len())
				}
				if h.Get("Accept-Ranges") != "" {
					t.Errorf("a compressed answer offers byte ranges")
				}
			}
			if h.Get("ETag") != tt.wantETag {
				t.Errorf("ETag %q, want %q", h.Get("ETag"), tt.wantETag)
			}
		})
	}
}

// TestHandlerLeavesEncodedAnswers: an answer that is already encoded goes
// out as it is, as CloudFront passes on what its origin compressed.
func TestHandlerLeavesEncodedAnswers(t *testing.T) {
	z, err := Encode(Gzip, []byte(strings.Repeat("a", 5000)))
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", Gzip)
		_, _ = w.Write(z)
	}), CloudFront)
	req := httptest.NewRequest("GET", "/api/cars", nil)
	req.Header.Set("Accept-Encoding", "br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Header().Get("Content-Encoding") != Gzip || !bytes.Equal(w.Body.Bytes(), z) {
		t.Errorf("Content-Encoding %q, %d bytes: the origin's gzip was changed", w.Header().Get("Content-Encoding"), w.Body.Len())
	}
}

// TestHandlerNotModified: a 304 without a body keeps having none.
func TestHandlerNotModified(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}), CloudFront)
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "" {
		t.Errorf("%d, %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
}
