package coldstart

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RuntimeAPI is the part of the Lambda runtime API that a Go function
// uses, served for one process and n invocations, the event of
// invocation i from event(i): GET /2018-06-01/runtime/invocation/next
// hands one out (after the last it waits), POST
// .../invocation/{id}/response or .../error takes its answer, POST
// .../init/error a failed start. See "Using the Lambda runtime API for
// custom runtimes":
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
type RuntimeAPI struct {
	srv   *http.Server
	Addr  string // host:port, for AWS_LAMBDA_RUNTIME_API
	n     int
	event func(i int) []byte

	mu     sync.Mutex
	next   int
	handed map[string]time.Time
	// Ready receives the time of the first GET /next: init is over.
	Ready chan time.Time
	// Answers receives each answer, an init error's included (I -1).
	Answers chan Answer
}

// Answer is one answer of the function.
type Answer struct {
	I    int           // the invocation; -1 for an init error
	Took time.Duration // from handing out the event to the answer
	Kind string        // "response", "error" or "init error"
	Body []byte
}

// NewRuntimeAPI serves n invocations on a free port of 127.0.0.1. The
// trace header says Sampled=1, as a traced request arriving through API
// Gateway would: the X-Ray SDK then records and sends its subsegments.
func NewRuntimeAPI(n int, event func(int) []byte) (*RuntimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	a := &RuntimeAPI{Addr: ln.Addr().String(), n: n, event: event, handed: map[string]time.Time{},
		Ready: make(chan time.Time, 1), Answers: make(chan Answer, n+1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", a.serveNext)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/{kind}", a.answer)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		a.send(Answer{I: -1, Kind: "init error", Body: body})
	})
	a.srv = &http.Server{Handler: mux}
	go a.srv.Serve(ln)
	return a, nil
}

// serveNext hands out the next event; after the last it waits until the
// process is killed.
func (a *RuntimeAPI) serveNext(w http.ResponseWriter, r *http.Request) {
	select {
	case a.Ready <- time.Now():
	default:
	}
	a.mu.Lock()
	i := a.next
	a.next++
	a.mu.Unlock()
	if i >= a.n {
		<-r.Context().Done()
		return
	}
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	ev := a.event(i)
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(10*time.Second).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench")
	h.Set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	h.Set("Content-Type", "application/json")
	a.mu.Lock()
	a.handed[id] = time.Now()
	a.mu.Unlock()
	w.Write(ev)
}

func (a *RuntimeAPI) answer(w http.ResponseWriter, r *http.Request) {
	kind, id := r.PathValue("kind"), r.PathValue("id")
	if kind != "response" && kind != "error" {
		http.NotFound(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	now := time.Now()
	w.WriteHeader(http.StatusAccepted)
	a.mu.Lock()
	handed, ok := a.handed[id]
	a.mu.Unlock()
	var i int
	fmt.Sscanf(id, "00000000-0000-4000-8000-%d", &i)
	if ok {
		a.send(Answer{I: i, Took: now.Sub(handed), Kind: kind, Body: body})
	}
}

// send delivers r unless Answers is full (a function answering more than
// asked).
func (a *RuntimeAPI) send(r Answer) {
	select {
	case a.Answers <- r:
	default:
	}
}

// Close stops serving.
func (a *RuntimeAPI) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	a.srv.Shutdown(ctx)
	a.srv.Close()
}

// Outcome is the statusCode of an API Gateway proxy response, or the Lex
// response's dialog action and intent state, for the report: proof that the invocation did
// what it should.
func Outcome(body []byte) string {
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
