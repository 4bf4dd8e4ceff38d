package lambdalog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/pkg/lambdalog"
)

type event struct{ ID, Secret string }
type response struct{ Status int }

func describe(ev event, resp response) []slog.Attr {
	return []slog.Attr{slog.String("id", ev.ID), slog.Int("status", resp.Status)}
}

// lines decodes the JSON lines in buf.
func lines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		out = append(out, m)
	}
	return out
}

// TestWrap: one line per invocation with the ids, cold start on the first
// only, the describe function's and the handler's attributes, the level
// raised by Error, and the last value of a key added twice.
func TestWrap(t *testing.T) {
	var buf bytes.Buffer
	h := lambdalog.Wrap(lambdalog.New(&buf, ""), "get-car", describe, func(ctx context.Context, ev event) (response, error) {
		lambdalog.Add(ctx, slog.String("route", "first"))
		lambdalog.Add(ctx, slog.String("route", "get-car"))
		if ev.ID == "bad" {
			lambdalog.Error(ctx, slog.String("cause", "boom"))
			return response{Status: 500}, nil
		}
		return response{Status: 200}, nil
	})
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "aws-1"})
	for _, id := range []string{"ok", "bad"} {
		if _, err := h(ctx, event{ID: id, Secret: "s3cr3t"}); err != nil {
			t.Fatal(err)
		}
	}
	ls := lines(t, &buf)
	if len(ls) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(ls), buf.String())
	}
	want := []map[string]any{
		{"level": "INFO", "msg": "invocation", "function": "get-car", "awsRequestId": "aws-1", "coldStart": true,
			"id": "ok", "status": 200.0, "route": "get-car"},
		{"level": "ERROR", "coldStart": false, "id": "bad", "status": 500.0, "cause": "boom"},
	}
	for i, w := range want {
		for k, v := range w {
			if ls[i][k] != v {
				t.Errorf("line %d: %s = %v, want %v", i+1, k, ls[i][k], v)
			}
		}
		if _, ok := ls[i]["latencyMs"].(float64); !ok {
			t.Errorf("line %d: no latencyMs", i+1)
		}
		if _, ok := ls[i]["timestamp"].(string); !ok {
			t.Errorf("line %d: no timestamp (Lambda's log-level filtering reads it)", i+1)
		}
	}
	if strings.Contains(buf.String(), "s3cr3t") {
		t.Error("the event's secret is in the log")
	}
}

// TestWrapPanicAndError: a panic that reaches Wrap is one ERROR line with
// the stack, and the caller gets ErrPanic without it; an error is logged
// and passed on.
func TestWrapPanicAndError(t *testing.T) {
	var buf bytes.Buffer
	h := lambdalog.Wrap(lambdalog.New(&buf, ""), "f", describe, func(_ context.Context, ev event) (response, error) {
		if ev.ID == "panic" {
			panic("nil map")
		}
		return response{}, errors.New("broken")
	})
	if _, err := h(context.Background(), event{ID: "panic"}); !errors.Is(err, lambdalog.ErrPanic) ||
		strings.Contains(err.Error(), "goroutine") {
		t.Errorf("err = %v, want ErrPanic without a stack", err)
	}
	if _, err := h(context.Background(), event{ID: "err"}); err == nil || err.Error() != "broken" {
		t.Errorf("err = %v, want the handler's", err)
	}
	ls := lines(t, &buf)
	if len(ls) != 2 || ls[0]["level"] != "ERROR" || ls[0]["panic"] != "nil map" ||
		!strings.Contains(ls[0]["stack"].(string), "goroutine") || ls[1]["error"] != "broken" || ls[1]["level"] != "ERROR" {
		t.Errorf("lines:\n%s", buf.String())
	}
}

// TestAddOutsideWrap: nowhere to write, and Add says so.
func TestAddOutsideWrap(t *testing.T) {
	if lambdalog.Add(context.Background(), slog.String("k", "v")) || lambdalog.Error(context.Background()) {
		t.Error("Add outside Wrap reported success")
	}
}

func TestLevel(t *testing.T) {
	for name, want := range map[string]slog.Level{"": slog.LevelInfo, "INFO": slog.LevelInfo, "DEBUG": slog.LevelDebug,
		"trace": slog.LevelDebug, "WARN": slog.LevelWarn, "ERROR": slog.LevelError, "FATAL": slog.LevelError, "x": slog.LevelInfo} {
		if got := lambdalog.Level(name); got != want {
			t.Errorf("Level(%q) = %v, want %v", name, got, want)
		}
	}
}
