package lambdafn

import (
	"context"
	"strings"
	"testing"
)

func TestCredentials(t *testing.T) {
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token"}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()

	p, err := credentials(Config{}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Retrieve(ctx)
	if err != nil || c.AccessKeyID != "AKID" || c.SecretAccessKey != "secret" || c.SessionToken != "token" {
		t.Errorf("the role's credentials: %+v, %v", c, err)
	}

	p, err = credentials(Config{DynamoDBEndpoint: "http://127.0.0.1:8000"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := p.Retrieve(ctx); c.AccessKeyID != "local" {
		t.Errorf("a local endpoint gets %q, want the fixed local key", c.AccessKeyID)
	}

	delete(env, "AWS_SECRET_ACCESS_KEY")
	if _, err := credentials(Config{}, getenv); err == nil || !strings.Contains(err.Error(), "AWS_SECRET_ACCESS_KEY") {
		t.Errorf("without a key: %v", err)
	}
}
