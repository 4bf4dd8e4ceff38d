package localstack

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/carrental/backend/dev/childproc"
	"github.com/carrental/backend/dev/cognitolocal"
	"github.com/carrental/backend/dev/localdynamo"
)

// dataPath is the folder of one part of the data folder, "" in memory.
func (b *Backends) dataPath(part string) string {
	if b.data == nil {
		return ""
	}
	return b.data.path(part)
}

// ensureTable makes the template's table, or, in a kept data folder,
// keeps the one there if the template still defines it so; FleetLoaded
// says whether the sample fleet is to be put: into a new table, or one
// with no item. A kept table that the template now defines otherwise
// stops the start, saying to reset.
func (b *Backends) ensureTable(ctx context.Context, o BackendOptions) error {
	if b.data == nil {
		if err := localdynamo.CreateTable(ctx, b.client, o.Template, TableResource, b.TableName); err != nil {
			b.dropTable = false // nothing of ours to drop
			return fmt.Errorf("%w (DynamoDB at %s)", err, b.DynamoDBEndpoint)
		}
		b.FleetLoaded = true
		return nil
	}
	created, err := localdynamo.EnsureTable(ctx, b.client, o.Template, TableResource, b.TableName)
	if errors.Is(err, localdynamo.ErrTableChanged) {
		return fmt.Errorf("%w.\nThe table in %s keeps the earlier definition; run make reset (it deletes the local data: "+
			"accounts, bookings, photos) or make run FRESH=1, and start again", err, o.DataDir)
	}
	if err != nil {
		return err
	}
	if b.FleetLoaded = created; !created {
		b.FleetLoaded, err = b.tableEmpty(ctx)
	}
	return err
}

// tableEmpty reports whether the table has no item (one Scan of one
// item).
func (b *Backends) tableEmpty(ctx context.Context) (bool, error) {
	limit := int32(1)
	out, err := b.client.Scan(ctx, &dynamodb.ScanInput{TableName: &b.TableName, Limit: &limit})
	if err != nil {
		return false, fmt.Errorf("scan %s: %w", b.TableName, err)
	}
	return out.Count == 0, nil
}

// provision creates the template's pool in cognito-local, or, in a kept
// data folder, finds the one an earlier run made (its users with it).
func (b *Backends) provision(ctx context.Context, o BackendOptions, srv *cognitolocal.Server) (cognitolocal.Pool, error) {
	if b.data == nil {
		return cognitolocal.Provision(ctx, srv.Endpoint(), o.Template)
	}
	pool, err := cognitolocal.ProvisionOnce(ctx, srv.Endpoint(), o.Template)
	if err == nil {
		err = rememberPort(b.data.path("cognito"), srv.Endpoint())
	}
	return pool, err
}

// portFile, in cognito-local's kept folder, is the port it listened on.
const portFile = "port"

// keptPort is the port that cognito-local listened on in the last run on
// dir, if it is free now, else 0 (a free one): the tokens' issuer is
// http://127.0.0.1:PORT/<pool>, so a browser's tokens from before a
// restart stay valid only on the same port.
func keptPort(dir string) int {
	if dir == "" {
		return 0
	}
	data, err := os.ReadFile(filepath.Join(dir, portFile))
	if err != nil {
		return 0
	}
	port, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || childproc.CheckPort("127.0.0.1", port) != nil {
		return 0
	}
	return port
}

// rememberPort writes endpoint's port for keptPort.
func rememberPort(dir, endpoint string) error {
	_, port, ok := strings.Cut(strings.TrimPrefix(endpoint, "http://"), ":")
	if !ok {
		return nil
	}
	return os.WriteFile(filepath.Join(dir, portFile), []byte(port+"\n"), 0o644)
}
