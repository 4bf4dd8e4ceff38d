package templatecheck

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/carrental/backend/pkg/dynamo"
)

// call is one DynamoDB request as IAM authorizes it: the action, the
// resource as the template's policies describe it (Table.Arn,
// ${Table.Arn}/index/GSI1) and the partition keys it reaches
// (dynamodb:LeadingKeys).
type call struct {
	action, resource string
	keys             []string
}

func (c call) String() string {
	return fmt.Sprintf("%s on %s, partitions %q", c.action, c.resource, c.keys)
}

// recorder is a dynamo.Client that records every call before passing it
// on. Table is the resource Table.Arn, whatever the table's name.
type recorder struct {
	dynamo.Client
	mu    sync.Mutex
	calls []call
}

func (r *recorder) add(c call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sort.Strings(c.keys)
	r.calls = append(r.calls, c)
}

func (r *recorder) take() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.calls
	r.calls = nil
	return out
}

func pk(key map[string]types.AttributeValue, attr string) string {
	if v, ok := key[attr].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return "?"
}

func (r *recorder) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	r.add(call{"dynamodb:GetItem", "Table.Arn", []string{pk(in.Key, "PK")}})
	return r.Client.GetItem(ctx, in, opts...)
}

func (r *recorder) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	r.add(call{"dynamodb:PutItem", "Table.Arn", []string{pk(in.Item, "PK")}})
	return r.Client.PutItem(ctx, in, opts...)
}

func (r *recorder) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	c := call{action: "dynamodb:BatchGetItem", resource: "Table.Arn"}
	for _, ka := range in.RequestItems {
		for _, k := range ka.Keys {
			c.keys = append(c.keys, pk(k, "PK"))
		}
	}
	r.add(c)
	return r.Client.BatchGetItem(ctx, in, opts...)
}

// keyCondition finds the partition key's placeholder in a key condition:
// "PK = :pk AND begins_with(SK, :sk)" gives :pk for PK.
var keyCondition = regexp.MustCompile(`(#?\w+)\s*=\s*(:\w+)`)

func (r *recorder) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c := call{action: "dynamodb:Query", resource: "Table.Arn"}
	attr := "PK"
	if in.IndexName != nil {
		c.resource, attr = "${Table.Arn}/index/"+*in.IndexName, *in.IndexName+"PK"
	}
	for _, m := range keyCondition.FindAllStringSubmatch(deref(in.KeyConditionExpression), -1) {
		name := m[1]
		if strings.HasPrefix(name, "#") {
			name = in.ExpressionAttributeNames[name]
		}
		if name == attr {
			c.keys = append(c.keys, pk(in.ExpressionAttributeValues, m[2]))
		}
	}
	r.add(c)
	return r.Client.Query(ctx, in, opts...)
}

// TransactWriteItems is authorized by its items' actions (see
// TestStoreCallsAreGranted): each is a call of its own.
func (r *recorder) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	for _, it := range in.TransactItems {
		switch {
		case it.Put != nil:
			r.add(call{"dynamodb:PutItem (transaction)", "Table.Arn", []string{pk(it.Put.Item, "PK")}})
		case it.Update != nil:
			r.add(call{"dynamodb:UpdateItem (transaction)", "Table.Arn", []string{pk(it.Update.Key, "PK")}})
		case it.ConditionCheck != nil:
			r.add(call{"dynamodb:ConditionCheckItem (transaction)", "Table.Arn", []string{pk(it.ConditionCheck.Key, "PK")}})
		case it.Delete != nil:
			r.add(call{"dynamodb:DeleteItem (transaction)", "Table.Arn", []string{pk(it.Delete.Key, "PK")}})
		}
	}
	return r.Client.TransactWriteItems(ctx, in, opts...)
}
