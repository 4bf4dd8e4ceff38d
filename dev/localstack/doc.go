// Package localstack is the local stack of cmd/local: it starts the
// services the functions need (backends.go: DynamoDB Local or
// $DYNAMODB_ENDPOINT, with the template's table and the sample fleet;
// cognito-local with the template's user pool, groups and the demo users;
// the local S3 with the images bucket and the sample photos, s3.go), keeps
// their data in a locked folder when asked (datadir.go, persist.go), wires
// the functions' handlers in-process from the same code as their Lambda
// mains (functions.go), serves the API through dev/localapi and the
// chatbot through dev/lexlocal's Lex V2 runtime (lex.go) beside the web
// app (dev/localsite) until it is told to stop (serve.go), and records
// where everything runs in a state file (state.go) for the url, token,
// invoke, event and chat commands (token.go, invoke.go, chat.go) and for
// tests.
//
// Nothing calls AWS: the SDK clients get local endpoints and static
// credentials. The HTTP server and cognito-local listen on 127.0.0.1;
// DynamoDB Local, which has no bind-address option, on every interface
// (see docs/local-stack.md). Requests for another Host than localhost,
// 127.0.0.1, [::1] or LOCAL_HOSTS are refused (DNS rebinding), and
// cognito-local's admin API is not behind /_cognito (dev/localsite).
// Every child process (the JVM of DynamoDB Local, cognito-local's node)
// runs through dev/childproc: stopped and reaped on shutdown, and
// killed by the kernel if this process dies first; Serve stops everything
// when one of them ends by itself.
package localstack
