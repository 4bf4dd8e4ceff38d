package locals3

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3afero"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/spf13/afero"
)

// The credentials and region that the local S3 accepts: the functions'
// local ones (pkg/lambdafn's static "local" credentials beside a local
// endpoint, AWS_REGION us-east-1).
const (
	Region    = "us-east-1"
	AccessKey = "local"
	SecretKey = "local"
)

// host is where the server listens: loopback only.
const host = "127.0.0.1"

// Options configures Start.
type Options struct {
	// Bucket is created at start when missing (the template's ImageBucket
	// under a local name, e.g. car-rental-local-images).
	Bucket string
	// DataDir keeps the objects on disk, below DataDir/buckets/<bucket>/
	// (and their metadata below DataDir/metadata/), from one run to the
	// next; "" keeps them in memory, gone at Stop.
	DataDir string
	// Port to listen on, on 127.0.0.1; 0 picks a free one.
	Port int
	// CORS is the bucket's CORS configuration (the template's
	// ImageBucket CorsConfiguration); none: S3's answers to a bucket
	// without one.
	CORS []CORSRule
	// Credentials maps access key ids to their secrets; nil: AccessKey
	// with SecretKey.
	Credentials map[string]string
	// Now is the clock that signatures and policies are held to; nil:
	// time.Now.
	Now func() time.Time
	// Log receives a line for each request refused; nil discards them.
	Log *slog.Logger
}

// Server is a running local S3: gofakes3 behind the checks of this
// package (see Handler). Stop it when done.
type Server struct {
	handler  *Handler
	endpoint string
	srv      *http.Server
	served   chan error
}

// Start listens on 127.0.0.1 (o.Port, or a free port), creates o.Bucket
// when missing and serves until Stop. Errors: the port taken, DataDir not
// usable, the bucket not creatable.
func Start(o Options) (*Server, error) {
	h, err := NewHandler(o)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(o.Port)))
	if err != nil {
		return nil, fmt.Errorf("locals3: listen: %w", err)
	}
	s := &Server{handler: h, endpoint: "http://" + ln.Addr().String(), served: make(chan error, 1),
		srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second}}
	go func() { s.served <- s.srv.Serve(ln) }()
	return s, nil
}

// Endpoint is the server's URL, "http://127.0.0.1:PORT": S3_ENDPOINT, the
// BaseEndpoint of a path-style S3 client.
func (s *Server) Endpoint() string { return s.endpoint }

// BucketURL is where a presigned POST of the bucket goes,
// Endpoint + "/" + bucket (path style).
func (s *Server) BucketURL() string { return s.endpoint + "/" + s.handler.bucket }

// Handler is the server's handler, for its objects (Objects, PutMissing).
func (s *Server) Handler() *Handler { return s.handler }

// Stop closes the listener and the connections; the objects stay in
// DataDir when there is one.
func (s *Server) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
	}
	if err := <-s.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("locals3: %w", err)
	}
	return nil
}

// backend is gofakes3's store: in memory, or files below dataDir
// (s3afero: one file per object, readable with ls and cat).
func backend(dataDir string) (gofakes3.Backend, error) {
	if dataDir == "" {
		return s3mem.New(), nil
	}
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	b, err := s3afero.MultiBucket(afero.NewBasePathFs(afero.NewOsFs(), dir))
	if err != nil {
		return nil, fmt.Errorf("locals3: %s: %w", dir, err)
	}
	return b, nil
}
