package lambdalog

import (
	"io"
	"log/slog"
	"strings"
)

// New is the project's JSON logger on w (standard output in Lambda) at
// level, one of Lambda's log level names (TRACE, DEBUG, INFO, WARN, ERROR,
// FATAL; AWS_LAMBDA_LOG_LEVEL, which Lambda sets from the template's
// LoggingConfig); an empty or unknown name means INFO. Each line's time is
// under "timestamp", the key that Lambda's log-level filtering reads.
func New(w io.Writer, level string) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: Level(level), ReplaceAttr: lambdaKeys}))
}

// lambdaKeys renames slog's "time" to "timestamp" (top level only).
func lambdaKeys(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		a.Key = "timestamp"
	}
	return a
}

// Level maps Lambda's log levels to slog's; see "Configuring advanced
// logging controls for Lambda functions":
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html
func Level(name string) slog.Level {
	switch strings.ToUpper(name) {
	case "TRACE", "DEBUG":
		return slog.LevelDebug
	case "WARN":
		return slog.LevelWarn
	case "ERROR", "FATAL":
		return slog.LevelError
	}
	return slog.LevelInfo
}
