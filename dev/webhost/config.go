package webhost

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
)

// ConfigElementID is the id of the element of web/index.html that holds
// the app's runtime configuration (web/src/config.ts reads it):
//
//	<script id="app-config" type="application/json"></script>
//
// A script of type application/json is a data block: the browser runs
// nothing, so the site's Content-Security-Policy (script-src 'self')
// allows it ("Data blocks", HTML Living Standard,
// https://html.spec.whatwg.org/multipage/scripting.html#data-block). Empty,
// as the build leaves it, it tells the app to fetch /config.json instead
// (one more round trip before the first page can render).
const ConfigElementID = "app-config"

// configElement finds the element and its content.
var configElement = regexp.MustCompile(`(?s)(<script id="` + ConfigElementID + `" type="application/json">)(.*?)(</script>)`)

// ErrNoConfigElement: the page has no config element (or more than one).
var ErrNoConfigElement = errors.New(`webhost: index.html must have exactly one <script id="` + ConfigElementID +
	`" type="application/json"></script>: build the web app from this repository's web/index.html`)

// InjectConfig returns page (a built index.html) with config, a JSON
// object (the app's config.json, see web/README.md), as the content of its
// config element, replacing what was there: injecting into an injected
// page gives the same page as injecting into the build. The JSON is
// HTML-escaped (<, >, & as \u003c, \u003e, \u0026), so it cannot end the
// element early, and compacted (no indentation). Errors: config is not a
// JSON object; ErrNoConfigElement.
func InjectConfig(page, config []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(config)
	if !json.Valid(trimmed) || len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, fmt.Errorf("webhost: the config is not a JSON object: %.40q", config)
	}
	var compact, escaped bytes.Buffer
	if err := json.Compact(&compact, trimmed); err != nil {
		return nil, err
	}
	json.HTMLEscape(&escaped, compact.Bytes())
	found := configElement.FindAllSubmatchIndex(page, -1)
	if len(found) != 1 {
		return nil, ErrNoConfigElement
	}
	m := found[0]
	out := make([]byte, 0, len(page)+escaped.Len())
	out = append(out, page[:m[3]]...) // up to the end of the opening tag
	out = append(out, escaped.Bytes()...)
	out = append(out, page[m[6]:]...) // from </script>
	return out, nil
}
