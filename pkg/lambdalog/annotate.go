package lambdalog

import (
	"context"
	"log/slog"
	"sync"
)

// invocation collects what the handler adds to the invocation's line.
// Handlers may add from several goroutines, hence the lock.
type invocation struct {
	mu    sync.Mutex
	attrs []slog.Attr
	level slog.Level
}

type ctxKey struct{}

func from(ctx context.Context) *invocation {
	inv, _ := ctx.Value(ctxKey{}).(*invocation)
	return inv
}

// Add puts attrs on the line of the invocation that ctx belongs to; an
// attribute replaces an earlier one of the same key. It reports whether ctx
// belongs to an invocation (a handler called outside Wrap, as in some unit
// tests, has nowhere to write: it may log by itself instead).
func Add(ctx context.Context, attrs ...slog.Attr) bool {
	return add(ctx, slog.LevelInfo, attrs)
}

// Error is Add for what a person should look at (a server error, a panic):
// the line is logged at level ERROR.
func Error(ctx context.Context, attrs ...slog.Attr) bool {
	return add(ctx, slog.LevelError, attrs)
}

func add(ctx context.Context, level slog.Level, attrs []slog.Attr) bool {
	inv := from(ctx)
	if inv == nil {
		return false
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.level = max(inv.level, level)
next:
	for _, a := range attrs {
		for i := range inv.attrs {
			if inv.attrs[i].Key == a.Key {
				inv.attrs[i] = a
				continue next
			}
		}
		inv.attrs = append(inv.attrs, a)
	}
	return true
}

// snapshot is the level and attributes added so far.
func (inv *invocation) snapshot() (slog.Level, []slog.Attr) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.level, append([]slog.Attr(nil), inv.attrs...)
}
