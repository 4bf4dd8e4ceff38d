package cognitolocal

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/carrental/backend/dev/samtemplate"
)

// Region and static credentials of every local client. cognito-local
// checks neither; fixed values keep a developer's AWS profile out of it.
const (
	Region    = "us-east-1"
	AccessKey = "local"
	SecretKey = "local"
)

// NewClient returns a Cognito user-pool API client for a local endpoint
// such as Server.Endpoint(), with Region and the static credentials above.
// It reads no AWS configuration from the environment or ~/.aws, so nothing
// can point it at AWS, and it does not retry: an error of cognito-local is
// not transient. The error is for an endpoint that is not http(s)://host:port.
func NewClient(endpoint string) (*cip.Client, error) {
	if !strings.HasPrefix(endpoint, "http://") && !strings.HasPrefix(endpoint, "https://") {
		return nil, fmt.Errorf("cognitolocal: endpoint %q: want http://host:port", endpoint)
	}
	return cip.New(cip.Options{
		Region:           Region,
		Credentials:      credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, ""),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 1,
	}), nil
}

// DefaultDir is where `make tools` installs cognito-local:
// <repository root>/.cache/cognito-local. It fails outside the repository.
func DefaultDir() (string, error) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, ".cache", "cognito-local"), nil
}
