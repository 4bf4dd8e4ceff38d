package lambdafn

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscreds "github.com/aws/aws-sdk-go-v2/credentials"
)

// credentials are the SDK credentials of cfg: for a local endpoint fixed
// ones (DynamoDB Local accepts any); otherwise the execution role's, which
// Lambda puts in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN for the life of the execution environment ("Defined
// runtime environment variables":
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
// Without them the function cannot start, and says so: outside Lambda,
// export a key pair or set DYNAMODB_ENDPOINT.
func credentials(cfg Config, getenv func(string) string) (aws.CredentialsProvider, error) {
	if cfg.DynamoDBEndpoint != "" {
		return awscreds.NewStaticCredentialsProvider("local", "local", ""), nil
	}
	id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	if id == "" || secret == "" {
		return nil, errors.New("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them; " +
			"elsewhere export them, or set DYNAMODB_ENDPOINT for DynamoDB Local)")
	}
	return awscreds.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN")), nil
}
