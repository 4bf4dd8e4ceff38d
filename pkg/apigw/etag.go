package apigw

import (
	"errors"
	"strconv"
	"strings"
)

// etag is a booking version as a strong entity tag: version 3 is "3"
// (quotes included). See RFC 9110, section 8.8.3.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// parseIfMatch reads an If-Match header into the version that the client
// saw. It accepts "3" (what ETag sends), W/"3" (a proxy may weaken the
// tag; for a version number the comparison is the same) and a bare 3 (a
// hand-written request). "*" means any current version: nil, no check. A
// list of tags, or anything else, is an error.
func parseIfMatch(s string) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "*" {
		return nil, nil
	}
	s = strings.TrimPrefix(s, "W/")
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if s == "" || len(s) > 18 || strings.TrimLeft(s, "0123456789") != "" {
		return nil, errors.New("not an entity tag of a booking version")
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, err
	}
	return &v, nil
}
