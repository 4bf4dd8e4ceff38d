// Command floor is the cold-start benchmark's floor: the smallest Go
// Lambda function there is, a bare aws-lambda-go handler that answers every
// event with a fixed 200, built exactly as the functions are. What a
// function costs above it is what our code and its dependencies add. It is
// not a function of the project (it lives outside functions/ and the
// template).
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(context.Context, json.RawMessage) (json.RawMessage, error) {
		return json.RawMessage(`{"statusCode":200,"body":"{}"}`), nil
	})
}
