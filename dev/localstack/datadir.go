package localstack

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// EnvDataDir names the environment variable of the folder where the stack
// keeps its data from one run to the next (make run sets it to .local);
// unset, everything is in memory and gone at exit, as tests want.
const EnvDataDir = "LOCAL_DATA_DIR"

// DefaultDataDir is make run's data folder below the repository root
// (gitignored).
const DefaultDataDir = ".local"

// The data folder's parts: DynamoDB Local's -dbPath, cognito-local's
// working folder (.cognito/ with its users) and the S3's objects. Reset
// removes these and nothing else, so a LOCAL_DATA_DIR that names a folder
// with other files in it loses none of them.
var dataParts = []string{"dynamodb", "cognito", "s3"}

const lockFile = "lock"

// dataDir is a data folder held by this process: an exclusive lock
// (flock) on its lock file, so that no second stack, and no reset, uses
// the folder meanwhile (two DynamoDB Local JVMs on one file would damage
// it).
type dataDir struct {
	root string
	lock *os.File
}

// openDataDir creates root and its parts when missing and locks it.
// Errors: another stack holds the folder, or it cannot be made.
func openDataDir(root string) (*dataDir, error) {
	for _, part := range dataParts {
		if err := os.MkdirAll(filepath.Join(root, part), 0o755); err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
	}
	lock, err := lockDir(root)
	if err != nil {
		return nil, err
	}
	return &dataDir{root: root, lock: lock}, nil
}

// lockDir takes root's lock, or says who holds it.
func lockDir(root string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(root, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(f.Name())
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another local stack uses the data folder %s (pid %s): stop it first", root, strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("data folder: lock %s: %w", f.Name(), err)
	}
	_ = f.Truncate(0)
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	return f, nil
}

// path is the folder of one part.
func (d *dataDir) path(part string) string { return filepath.Join(d.root, part) }

// close releases the lock; the data stays.
func (d *dataDir) close() error {
	if d == nil || d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the descriptor releases the flock
	d.lock = nil
	return err
}

// ResetDataDir forgets what the stack kept in root: DynamoDB Local's
// tables, cognito-local's pool and users, the S3's objects; the next
// start is a first one (the table from the template, the sample fleet,
// the demo users, the sample photos). It refuses while a stack uses the
// folder. A folder that does not exist is already reset.
func ResetDataDir(root string) error {
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	lock, err := lockDir(root)
	if err != nil {
		return err
	}
	defer lock.Close()
	for _, part := range dataParts {
		if err := os.RemoveAll(filepath.Join(root, part)); err != nil {
			return fmt.Errorf("reset %s: %w", root, err)
		}
	}
	return nil
}
