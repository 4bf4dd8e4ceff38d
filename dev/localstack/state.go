package localstack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/carrental/backend/dev/cognitolocal"
)

// EnvStateFile names the environment variable that moves the state file,
// e.g. for a second stack or a test's own.
const EnvStateFile = "LOCAL_STACK_STATE"

// State is what a running stack writes for the token and invoke commands
// and for tests: where it serves and where its services are. The file
// holds the run's cursor secret too, so that invoke's cursors are valid
// at the server (a local, throw-away secret).
type State struct {
	PID              int          `json:"pid"`
	URL              string       `json:"url"`
	Port             int          `json:"port"`
	StartedAt        time.Time    `json:"startedAt"`
	DynamoDBEndpoint string       `json:"dynamodbEndpoint"`
	TableName        string       `json:"tableName"`
	CursorSecret     string       `json:"cursorSecret"`
	AllowedOrigins   string       `json:"allowedOrigins"`
	BookingLimit     string       `json:"bookingLimit,omitempty"`
	ImageBaseURL     string       `json:"imageBaseUrl"`
	Cognito          CognitoState `json:"cognito"`
	SESEndpoint      string       `json:"sesEndpoint"` // aws-ses-v2-local
	// S3Endpoint and ImageBucket are the local S3 and the photos' bucket
	// in it (S3_ENDPOINT, IMAGE_BUCKET).
	S3Endpoint  string `json:"s3Endpoint"`
	ImageBucket string `json:"imageBucket"`
	// DataDir is where the stack keeps its data ("" in memory).
	DataDir string `json:"dataDir,omitempty"`
	// Lex is the chatbot on the stack's origin (dev/lexlocal).
	Lex LexState `json:"lex"`
}

// CognitoState is where cognito-local runs and the template's pool in it.
type CognitoState struct {
	Endpoint   string `json:"endpoint"`
	UserPoolID string `json:"userPoolId"`
	ClientID   string `json:"clientId"`
	Issuer     string `json:"issuer"`
	JWKSURL    string `json:"jwksUrl"`
}

func cognitoState(p cognitolocal.Pool) CognitoState {
	return CognitoState{Endpoint: p.Endpoint, UserPoolID: p.ID, ClientID: p.ClientID, Issuer: p.Issuer, JWKSURL: p.JWKSURL}
}

// Pool is the pool, for cognitolocal's sign-in.
func (c CognitoState) Pool() cognitolocal.Pool {
	return cognitolocal.Pool{Endpoint: c.Endpoint, ID: c.UserPoolID, ClientID: c.ClientID, Issuer: c.Issuer, JWKSURL: c.JWKSURL}
}

// ErrNotRunning is the error of ReadState when no stack runs.
var ErrNotRunning = errors.New("no local stack is running")

// StatePath is $LOCAL_STACK_STATE, or <root>/.cache/local-stack.json.
func StatePath(root string) string {
	if p := os.Getenv(EnvStateFile); p != "" {
		return p
	}
	return filepath.Join(root, ".cache", "local-stack.json")
}

// WriteState writes s to path (mode 0600, atomically: readers never see
// half a file).
func WriteState(path string, s State) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("state file: %w", err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("state file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("state file: %w", err)
	}
	return nil
}

// ReadState reads the state file at path. It fails with an error wrapping
// ErrNotRunning when there is no file, or when the process that wrote it
// is gone (a stack killed before it could remove its file).
func ReadState(path string) (State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return State{}, fmt.Errorf("%w (no %s): start one with make run", ErrNotRunning, path)
	}
	if err != nil {
		return State{}, fmt.Errorf("state file: %w", err)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return State{}, fmt.Errorf("state file %s: %w", path, err)
	}
	if !alive(s.PID) {
		return State{}, fmt.Errorf("%w (pid %d of %s has exited): start one with make run", ErrNotRunning, s.PID, path)
	}
	return s, nil
}

// RemoveState removes the state file at path if process pid wrote it.
func RemoveState(path string, pid int) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var s State
	if json.Unmarshal(data, &s) == nil && s.PID != pid {
		return nil // another stack's
	}
	return os.Remove(path)
}

// alive reports whether process pid exists.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// env is the functions' environment on the stack of s.
func (s State) env() FunctionEnv {
	return FunctionEnv{TableName: s.TableName, DynamoDBEndpoint: s.DynamoDBEndpoint, CursorSecret: s.CursorSecret,
		AllowedOrigins: s.AllowedOrigins, BookingLimit: s.BookingLimit, ImageBaseURL: s.ImageBaseURL, CognitoIssuer: s.Cognito.Issuer,
		CognitoClientID: s.Cognito.ClientID, SESEndpoint: s.SESEndpoint, SiteURL: s.URL, ImageBucket: s.ImageBucket, S3Endpoint: s.S3Endpoint}
}
