// Package lambdalog is the logging of every Lambda function of the project,
// REST and Lex alike: one log/slog JSON setup (New) and one middleware
// (Wrap) that writes exactly one line per invocation.
//
// The line says who asked (Lambda's request id, and through the caller's
// Describe function API Gateway's request id or Lex's intent), whether this
// was the container's first invocation (coldStart), how long it took
// (latencyMs) and how it ended (status, or the dialog action and intent
// state), plus what the handler added with Add or Error while it ran: an
// error code, the cause of a server error, a panic with its stack. Handlers
// therefore write no lines of their own; the stack of a panic goes to the
// log and never into a response.
//
// What never goes into a line: request or response bodies, headers
// (Authorization among them), tokens, e-mail addresses, Lex session
// attributes. Describe functions pick ids, names and codes only, and the
// tests feed events full of such secrets to prove it.
//
// Lambda reads these lines from standard output. With the template's
// LoggingConfig LogFormat JSON it filters them by their "level" and takes
// their "timestamp" (RFC 3339): "Log-level filtering",
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
//
// The local stack wraps its in-process handlers with the same Wrap, so a
// request logs the same line on a laptop as in Lambda.
package lambdalog
