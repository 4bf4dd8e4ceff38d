// Package deps pins the project's third-party modules in go.mod while the
// packages that use them are being written. It is removed once they all exist.
package deps

import (
	_ "github.com/MicahParks/keyfunc/v3"
	_ "github.com/aws/aws-lambda-go/events"
	_ "github.com/aws/aws-lambda-go/lambda"
	_ "github.com/aws/aws-sdk-go-v2/aws"
	_ "github.com/aws/aws-sdk-go-v2/config"
	_ "github.com/aws/aws-sdk-go-v2/credentials"
	_ "github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	_ "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	_ "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	_ "github.com/aws/aws-xray-sdk-go/instrumentation/awsv2"
	_ "github.com/aws/aws-xray-sdk-go/xray"
	_ "github.com/awslabs/goformation/v7"
	_ "github.com/getkin/kin-openapi/openapi3filter"
	_ "github.com/go-playground/validator/v10"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/oklog/ulid/v2"
	_ "gopkg.in/yaml.v3"
)
