package localstack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/localdynamo"
	"github.com/carrental/backend/dev/localesm"
	"github.com/carrental/backend/dev/locals3"
	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/dev/seed"
	"github.com/carrental/backend/dev/seslocal"
	"github.com/carrental/backend/pkg/dynamo"
)

// TableResource is the logical ID of the table in template.yaml.
const TableResource = "Table"

// ownTable names the table in a DynamoDB Local of our own (in memory, gone
// when it stops).
const ownTable = "car-rental-local"

// BackendOptions configures StartBackends.
type BackendOptions struct {
	// Root is the repository root: template.yaml, seed/ and .cache/.
	Root string
	// Template is template.yaml, parsed.
	Template *samtemplate.Template
	// DynamoDBEndpoint is a DynamoDB Local that is already running; ""
	// starts one (Java 17 and `make tools` needed).
	DynamoDBEndpoint string
	// Cognito starts cognito-local with the template's pool and the demo
	// users (Node.js 20 and `make tools` needed).
	Cognito bool
	// SES starts aws-ses-v2-local, the local SES of the booking emails
	// (Node.js 20 and `make tools` needed).
	SES bool
	// ChildOutput receives the output of DynamoDB Local and cognito-local;
	// nil discards it (its last lines are quoted when a start fails).
	ChildOutput io.Writer
	// DataDir keeps DynamoDB Local's tables, cognito-local's pool and
	// users and the S3's objects in a folder from one run to the next
	// (locked while they run; see ResetDataDir); "" keeps everything in
	// memory, gone at Stop.
	DataDir string
	// Log receives the local S3's refusals; nil discards them.
	Log *slog.Logger
}

// Backends are the running services: DynamoDB with the table, holding the
// sample fleet, and optionally cognito-local. Stop them when done.
type Backends struct {
	// DynamoDBEndpoint and TableName are where the functions read and
	// write (DYNAMODB_ENDPOINT, TABLE_NAME).
	DynamoDBEndpoint string
	TableName        string
	// Cognito and Pool are cognito-local and the template's user pool in
	// it, with the demo users; nil and zero without Options.Cognito.
	Cognito *cognitolocal.Server
	Pool    cognitolocal.Pool
	// S3 is the local S3 with the images bucket (ImageBucketName), the
	// sample photos in it.
	S3 *locals3.Server
	// FleetLoaded says whether the sample fleet was put into the table:
	// a new or empty one; a table kept in DataDir keeps its own.
	FleetLoaded bool
	// SES is aws-ses-v2-local; nil without Options.SES.
	SES *seslocal.Server
	// Took says how long each part took, for the start-up report.
	Took map[string]time.Duration

	data      *dataDir            // nil in memory
	ddb       *localdynamo.Server // nil when the endpoint was given
	client    *dynamodb.Client
	dropTable bool // the table is ours on someone else's DynamoDB Local
	stopping  atomic.Bool
	stopOnce  sync.Once
	stopErr   error
}

// StartBackends starts DynamoDB Local (unless o.DynamoDBEndpoint is given)
// and, with o.Cognito, cognito-local, side by side; creates the table
// from the template (on a given endpoint under a name of its own, which
// Stop deletes) and loads the sample fleet (seed/fleet.json); creates the
// template's user pool and app client in cognito-local and seeds the demo
// users. On any error everything started is stopped again and the error
// says what failed and what to do (install Java or Node.js, run make
// tools, ...). ctx bounds the start only.
func StartBackends(ctx context.Context, o BackendOptions) (*Backends, error) {
	b := &Backends{Took: map[string]time.Duration{}, DynamoDBEndpoint: o.DynamoDBEndpoint}
	if o.DataDir != "" {
		var err error
		if b.data, err = openDataDir(o.DataDir); err != nil {
			return nil, err
		}
	}
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error // the cause; the other part's "context canceled" that follows says nothing
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	run := func(name string, fn func() error) {
		wg.Go(func() {
			began := time.Now()
			err := fn()
			mu.Lock()
			defer mu.Unlock()
			b.Took[name] = time.Since(began)
			if err != nil && firstErr == nil {
				firstErr = err
				cancel() // the other part need not finish
			}
		})
	}
	run("dynamodb", func() error { return b.startDynamo(ctx, o) })
	run("s3", func() error { return b.startS3(o, b.dataPath("s3")) })
	if o.Cognito {
		run("cognito", func() error { return b.startCognito(ctx, o) })
	}
	if o.SES {
		run("ses", func() error {
			var err error
			b.SES, err = seslocal.Start(ctx, seslocal.Options{Dir: filepath.Join(o.Root, ".cache", "ses-local"), Stdout: o.ChildOutput})
			return err
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, errors.Join(firstErr, b.Stop())
	}
	return b, nil
}

// startDynamo starts or connects to DynamoDB, creates the table and puts
// the fleet.
func (b *Backends) startDynamo(ctx context.Context, o BackendOptions) error {
	fleet, err := seed.Load(filepath.Join(o.Root, seed.FleetFile))
	if err != nil {
		return err
	}
	b.TableName = ownTable
	if b.DynamoDBEndpoint == "" {
		srv, err := localdynamo.Start(ctx, localdynamo.Options{JarDir: filepath.Join(o.Root, ".cache", "dynamodb-local"), Stdout: o.ChildOutput,
			DBPath: b.dataPath("dynamodb")})
		if err != nil {
			return err
		}
		b.ddb, b.DynamoDBEndpoint = srv, srv.Endpoint()
	} else {
		b.TableName = ownTable + "-" + randomHex(4)
		b.dropTable = true
	}
	if b.client, err = localdynamo.NewClient(ctx, b.DynamoDBEndpoint); err != nil {
		return err
	}
	if err := b.ensureTable(ctx, o); err != nil {
		return err
	}
	if !b.FleetLoaded {
		return nil // a kept table: the fleet as staff left it
	}
	// The fleet's writes need no cursor secret; the store wants one.
	store := dynamo.New(b.client, b.TableName, []byte(randomHex(32)))
	return seed.Put(ctx, store, fleet)
}

// startCognito starts cognito-local, creates the template's pool and
// client and seeds the demo users.
func (b *Backends) startCognito(ctx context.Context, o BackendOptions) error {
	dir := b.dataPath("cognito")
	srv, err := cognitolocal.Start(ctx, cognitolocal.Options{Dir: filepath.Join(o.Root, ".cache", "cognito-local"), Stdout: o.ChildOutput,
		DataDir: dir, Port: keptPort(dir)})
	if err != nil {
		return err
	}
	b.Cognito = srv
	if b.Pool, err = b.provision(ctx, o, srv); err != nil {
		return err
	}
	if err := cognitolocal.CreateGroups(ctx, b.Pool, o.Template); err != nil {
		return err
	}
	if err := cognitolocal.SeedDemoUsers(ctx, b.Pool); err != nil {
		return err
	}
	return cognitolocal.SeedStaff(ctx, b.Pool)
}

// child is a process that Backends started, for Died.
type child struct {
	name  string
	done  <-chan struct{}
	ended func() string // how it ended, with its last output
}

// Died returns a channel that receives an error, "DynamoDB Local exited
// unexpectedly (signal: killed; its last output: ...)", when a child
// process that StartBackends started (DynamoDB Local, cognito-local) ends
// by itself before Stop: the functions would answer 500s from then on, so
// the caller should stop. Nothing is sent once Stop has begun.
func (b *Backends) Died() <-chan error {
	var children []child
	if b.ddb != nil {
		children = append(children, child{"DynamoDB Local", b.ddb.Done(), b.ddb.Ended})
	}
	if b.Cognito != nil {
		children = append(children, child{"cognito-local", b.Cognito.Done(), b.Cognito.Ended})
	}
	if b.SES != nil {
		children = append(children, child{"aws-ses-v2-local", b.SES.Done(), b.SES.Ended})
	}
	return watch(children, &b.stopping)
}

// watch sends an error on the channel it returns when one of children
// ends while stopping is false.
func watch(children []child, stopping *atomic.Bool) <-chan error {
	died := make(chan error, len(children))
	for _, c := range children {
		go func() {
			<-c.done
			if !stopping.Load() {
				died <- fmt.Errorf("%s exited unexpectedly (%s)", c.name, c.ended())
			}
		}()
	}
	return died
}

// StreamARN is the ARN of the table's stream.
func (b *Backends) StreamARN(ctx context.Context) (string, error) {
	return localesm.StreamARN(ctx, b.client, b.TableName)
}

// Stop stops cognito-local, aws-ses-v2-local, the S3 and DynamoDB Local, or deletes the table from a
// DynamoDB Local that was given, and waits until the child processes are
// gone. It is safe to call more than once.
func (b *Backends) Stop() error {
	b.stopping.Store(true)
	b.stopOnce.Do(func() {
		var errs []error
		if b.Cognito != nil {
			errs = append(errs, b.Cognito.Stop())
		}
		if b.S3 != nil {
			errs = append(errs, b.S3.Stop())
		}
		if b.SES != nil {
			errs = append(errs, b.SES.Stop())
		}
		if b.dropTable && b.client != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := b.client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: &b.TableName}); err != nil {
				errs = append(errs, fmt.Errorf("delete table %s: %w", b.TableName, err))
			}
		}
		if b.ddb != nil {
			errs = append(errs, b.ddb.Stop())
		}
		errs = append(errs, b.data.close()) // last: nothing uses the folder now
		b.stopErr = errors.Join(errs...)
	})
	return b.stopErr
}

// randomHex is n random bytes in hex.
func randomHex(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf) // never fails (crypto/rand)
	return hex.EncodeToString(buf)
}
