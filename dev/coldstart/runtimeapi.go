package coldstart

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// runtimeAPI is the part of the Lambda runtime API that a Go function
// uses, served for one process and one invocation: GET
// /2018-06-01/runtime/invocation/next hands out the event, POST
// .../invocation/{id}/response and .../invocation/{id}/error take the
// answer, POST .../init/error a failed start. See "Using the Lambda
// runtime API for custom runtimes":
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
type runtimeAPI struct {
	srv      *http.Server
	addr     string
	event    []byte
	traceID  string
	firstGet chan time.Time // when the first GET /next arrived: init is over
	handed   chan time.Time // when the event was written to that GET
	answer   chan answer
}

// answer is what the function posted.
type answer struct {
	at   time.Time
	kind string // "response", "error" or "init error"
	body []byte
}

const requestID = "00000000-0000-4000-8000-000000000001"

func newRuntimeAPI(event []byte, traceID string) (*runtimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	a := &runtimeAPI{addr: ln.Addr().String(), event: event, traceID: traceID,
		firstGet: make(chan time.Time, 1), handed: make(chan time.Time, 1), answer: make(chan answer, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", a.next)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/{kind}", a.post)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", func(w http.ResponseWriter, r *http.Request) {
		a.receive(w, r, "init error")
	})
	a.srv = &http.Server{Handler: mux}
	go a.srv.Serve(ln)
	return a, nil
}

// next hands out the event on the first call; later calls (the function
// asking for its second invocation) wait until the process is killed.
func (a *runtimeAPI) next(w http.ResponseWriter, r *http.Request) {
	select {
	case a.firstGet <- time.Now():
	default:
		<-r.Context().Done()
		return
	}
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", requestID)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(10*time.Second).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench")
	h.Set("Lambda-Runtime-Trace-Id", a.traceID)
	h.Set("Content-Type", "application/json")
	a.handed <- time.Now()
	w.Write(a.event)
}

func (a *runtimeAPI) post(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	if kind != "response" && kind != "error" {
		http.NotFound(w, r)
		return
	}
	a.receive(w, r, kind)
}

func (a *runtimeAPI) receive(w http.ResponseWriter, r *http.Request, kind string) {
	body, _ := io.ReadAll(r.Body)
	at := time.Now()
	w.WriteHeader(http.StatusAccepted)
	select {
	case a.answer <- answer{at: at, kind: kind, body: body}:
	default:
	}
}

func (a *runtimeAPI) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := a.srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		a.srv.Close()
	}
	a.srv.Close()
}

// outcome is the statusCode of an API Gateway proxy response, or the Lex
// response's dialog action and intent state, for the report: proof that the invocation did
// what it should.
func outcome(body []byte) string {
	var r struct {
		StatusCode   int `json:"statusCode"`
		SessionState struct {
			DialogAction struct{ Type string }  `json:"dialogAction"`
			Intent       struct{ State string } `json:"intent"`
		} `json:"sessionState"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return "?"
	}
	if r.StatusCode != 0 {
		return strconv.Itoa(r.StatusCode)
	}
	if t := r.SessionState.DialogAction.Type; t != "" {
		return t + " " + r.SessionState.Intent.State
	}
	return "?"
}
