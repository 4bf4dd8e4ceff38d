// Package lambdafn wires a Lambda function: it reads the function's
// configuration from its environment (config.go), builds the AWS SDK
// clients, the DynamoDB store and the rental Service (clients.go), and the
// handler that lambda.Start runs (main.go for the REST functions, lex.go for
// the chatbot's code hook). Every main under functions/ is one call into
// this package, and the local stack (dev/localstack) builds its in-process
// handlers through the same calls, so the code that runs locally is the
// code that runs in Lambda.
//
// # Names
//
// A function has one name, its folder under functions/, in kebab case
// ("get-car"). template.yaml declares it as the AWS::Serverless::Function
// whose logical ID is that name in Pascal case followed by "Function"
// ("GetCarFunction"), with CodeUri "." and Metadata BuildMethod makefile, so
// that `sam build` runs `make build-GetCarFunction`; the Makefile turns the
// logical ID back into the folder with the same rule (sed). LogicalID and
// Folder (names.go) are that rule.
//
// This package ships: it is in every function's dependency graph, so it
// imports nothing of the developer tooling under dev/ (dev/archcheck's test
// holds every function to that).
package lambdafn
