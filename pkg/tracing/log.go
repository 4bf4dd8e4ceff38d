//go:build !notrace

package tracing

import "log/slog"

// logWriter sends the X-Ray SDK's own error lines to slog.
type logWriter struct{}

func (logWriter) Write(p []byte) (int, error) {
	slog.Warn("xray", "message", string(p))
	return len(p), nil
}
