package localsite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/carrental/backend/dev/seslocal"
)

// mailPage lists the emails that the local SES accepted, newest first:
// when, to whom, the subject and the text; the HTML of each at
// /_local/mail/<messageId>. It reloads itself every 2 s (a meta refresh,
// which the Content-Security-Policy allows, unlike a script of its own).
var mailPage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><link rel="icon" href="data:,"><title>Local mail ({{len .}})</title></head>
<body>
<h1>Local mail</h1>
<p>The emails the local stack sent through its SES (aws-ses-v2-local), newest first; this page reloads every 2 seconds.
<code>go run ./cmd/local mail</code> lists them in a terminal.</p>
{{- if not .}}
<p id="no-mail">No email yet. Book a car, and its confirmation shows here.</p>
{{- end}}
{{- range .}}
<article class="email" data-message-id="{{.MessageID}}">
<h2>{{.Subject}}</h2>
<p>To <strong>{{range .Destination.To}}{{.}} {{end}}</strong> from {{.From}}, {{.Time.UTC.Format "2006-01-02 15:04:05"}} UTC
{{- if .Body.HTML}} · <a href="/_local/mail/{{.MessageID}}">as HTML</a>{{end}}</p>
<pre>{{.Body.Text}}</pre>
</article>
{{- end}}
</body>
</html>
`))

// mailHandler serves /_local/mail (the page) and /_local/mail/<id> (an
// email's HTML, sandboxed: no script, no request anywhere) from the
// local SES at emails.
func mailHandler(emails func(context.Context) ([]seslocal.Email, error), headers http.Header) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if emails == nil {
			http.Error(w, "no local SES in this stack", http.StatusNotFound)
			return
		}
		list, err := emails(r.Context())
		if err != nil {
			http.Error(w, "the local SES did not answer: "+err.Error(), http.StatusBadGateway)
			return
		}
		slices.Reverse(list)
		w.Header().Set("Cache-Control", "no-store")
		id, one := strings.CutPrefix(r.URL.Path, "/_local/mail/")
		if !one {
			for name, values := range headers {
				w.Header()[name] = append([]string(nil), values...)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_ = mailPage.Execute(w, list)
			return
		}
		for _, e := range list {
			if e.MessageID == id && e.Body.HTML != "" {
				w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write([]byte(e.Body.HTML))
				return
			}
		}
		http.NotFound(w, r)
	})
}

// jsonHandler serves what v returns as JSON, uncached.
func jsonHandler(v func() any) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(v())
	})
}

// notifyHeader must be on a POST /_local/notify: a custom header, which
// a page of another origin cannot send without a preflight that the
// stack never answers, so no web page can make the stack send mail.
const notifyHeader = "X-Local-Stack"

// notifyTimeout is the notify function's Timeout (template.yaml).
const notifyTimeout = 60 * time.Second

// notifyHandler runs the notify function on the request's body (a
// reminder's payload or a dead letter) and answers its answer, or a 502
// with its error.
func notifyHandler(h func(context.Context, json.RawMessage) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h == nil || r.Header.Get(notifyHeader) != "1" {
			http.Error(w, "POST /_local/notify wants the header "+notifyHeader+": 1", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil || !json.Valid(body) {
			http.Error(w, "the body is not a JSON event", http.StatusBadRequest)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), notifyTimeout)
		defer cancel()
		ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: NewID(), InvokedFunctionArn: NotifyARN})
		out, err := h(ctx, body)
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
			return
		}
		_ = json.NewEncoder(w).Encode(out)
	})
}

// NotifyARN is the local notify function's ARN in its Lambda context.
const NotifyARN = "arn:aws:lambda:us-east-1:000000000000:function:car-rental-local-notify"

// NewID is a random request id.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
