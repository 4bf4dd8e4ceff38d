package localsite

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// loopbackHosts are the host names that a request may always name.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// hostGuard answers 403 {"message":"Forbidden"} to a request whose Host
// header names another host than loopbackHosts or extra, whatever the
// port. The server listens on 127.0.0.1 only, but a web page's own host
// name can be made to resolve to 127.0.0.1 (DNS rebinding): the browser
// then counts this origin as the page's, and would let the page read the
// answers of /_cognito, /_local/last-code and the API. Such a request
// still names the page's host in Host, and is refused here. extra (the
// LOCAL_HOSTS variable) is for a stack reached under another name, through
// an SSH tunnel or a forwarded port. log, when not nil, gets a line for
// each refusal that says how to allow the host.
func hostGuard(extra []string, log *slog.Logger, next http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, h := range append(append([]string(nil), loopbackHosts...), extra...) {
		if h = hostName(h); h != "" {
			allowed[h] = true
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowed[hostName(r.Host)] {
			next.ServeHTTP(w, r)
			return
		}
		if log != nil {
			log.LogAttrs(r.Context(), slog.LevelWarn, "refused a request for another host",
				slog.String("host", r.Host), slog.String("method", r.Method), slog.String("path", r.URL.EscapedPath()),
				slog.String("hint", "the local stack answers only Host localhost, 127.0.0.1 and [::1]; LOCAL_HOSTS=name allows another"))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"message":"Forbidden"}`)
	})
}

// hostName is the host of a Host header, or of a LOCAL_HOSTS entry,
// without the port and the brackets of an IPv6 address, in lower case:
// "LocalHost:3000" is "localhost", "[::1]:3000" is "::1". It is "" when
// what follows the host is not a port number.
func hostName(hostport string) string {
	h := strings.TrimSpace(hostport)
	if host, port, err := net.SplitHostPort(h); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return ""
		}
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
}
