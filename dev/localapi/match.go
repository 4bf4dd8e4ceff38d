package localapi

import (
	"strings"
)

// match is a route found for a request.
type match struct {
	route  *Route
	params map[string]string // path parameters; nil when the route has none
}

// find returns the route of method on the request path (as sent,
// percent-encoding kept) and whether any route has that path at all, for
// any method. Of several routes that match, API Gateway takes the most
// specific: literal segments before {param}, {param} before {param+}; an
// explicit method before ANY.
func (a *API) find(method, path string) (m match, pathKnown bool) {
	best := -1
	for i := range a.Routes {
		r := &a.Routes[i]
		params, score, ok := matchPath(r.Path, path)
		if !ok {
			continue
		}
		pathKnown = true
		if r.Method != method && r.Method != "ANY" {
			continue
		}
		if r.Method == method {
			score++ // an explicit method outranks ANY on the same path
		}
		if score > best {
			best, m = score, match{route: r, params: params}
		}
	}
	return m, pathKnown
}

// anyMethods are the methods that ANY stands for.
var anyMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}

// methods lists the methods of the routes on the resource that path
// matches (ANY as every method), for the preflight's default
// Access-Control-Allow-Methods.
func (a *API) methods(path string) []string {
	var out []string
	for _, r := range a.Routes {
		if _, _, ok := matchPath(r.Path, path); !ok {
			continue
		}
		if r.Method == "ANY" {
			out = append(out, anyMethods...)
		} else {
			out = append(out, r.Method)
		}
	}
	return out
}

// owns reports whether path lies under one of the API's resources: its
// first segment is the first segment of a route (or a route starts with a
// parameter, which takes every path).
func (a *API) owns(path string) bool {
	first := firstSegment(path)
	for _, r := range a.Routes {
		rf := firstSegment(r.Path)
		if rf == first || strings.HasPrefix(rf, "{") {
			return true
		}
	}
	return false
}

func firstSegment(path string) string {
	s, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return s
}

// matchPath matches a request path against a resource path such as
// "/cars/{carId}" or "/files/{key+}". The score counts literal segments
// twice and plain parameters once, so that the most specific resource
// wins; a greedy parameter scores nothing.
func matchPath(resource, path string) (params map[string]string, score int, ok bool) {
	rs := segments(resource)
	ps := segments(path)
	for i, seg := range rs {
		name, isParam := strings.CutPrefix(seg, "{")
		if isParam {
			name = strings.TrimSuffix(name, "}")
		}
		if greedy, isGreedy := strings.CutSuffix(name, "+"); isParam && isGreedy {
			if i != len(rs)-1 || i >= len(ps) {
				return nil, 0, false // a greedy parameter is last and takes one segment or more
			}
			if params == nil {
				params = map[string]string{}
			}
			params[greedy] = strings.Join(ps[i:], "/")
			return params, score, true
		}
		if i >= len(ps) {
			return nil, 0, false
		}
		if !isParam {
			if seg != ps[i] {
				return nil, 0, false
			}
			score += 2
			continue
		}
		if ps[i] == "" {
			return nil, 0, false
		}
		if params == nil {
			params = map[string]string{}
		}
		params[name] = ps[i]
		score++
	}
	if len(rs) != len(ps) {
		return nil, 0, false
	}
	return params, score, true
}

// segments splits "/a/b" into ["a", "b"]; "/" has none.
func segments(path string) []string {
	path = strings.TrimPrefix(path, "/")
	if path == "" {
		return nil
	}
	return strings.Split(path, "/")
}
