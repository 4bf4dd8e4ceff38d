package templatecheck

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/localsite"
)

// keywords reads a Content-Security-Policy into directive -> its keyword
// and scheme sources ('self', 'none', data:), sorted; hosts are left out.
func keywords(csp string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		var kept []string
		for _, src := range f[1:] {
			if strings.HasPrefix(src, "'") || strings.HasSuffix(src, ":") {
				kept = append(kept, src)
			}
		}
		slices.Sort(kept)
		out[f[0]] = kept
	}
	return out
}

// TestLocalPolicyIsTheCloudOne: the local stack's web app gets the site
// distribution's Content-Security-Policy, but for the cloud's hosts, so
// that the browser tests run the app under it; its /static (the photos)
// gets the image distribution's.
func TestLocalPolicyIsTheCloudOne(t *testing.T) {
	tpl := load(t)
	for policy, local := range map[string]string{
		"SecurityHeadersPolicy": localsite.ContentSecurityPolicy(""),
		"ImageHeadersPolicy":    localsite.PhotoContentSecurityPolicy,
	} {
		cloud := text(get(tpl.resources(headersType)[policy], "Properties", "ResponseHeadersPolicyConfig",
			"SecurityHeadersConfig", "ContentSecurityPolicy", "ContentSecurityPolicy"))
		if cloud == "" {
			t.Fatalf("%s has no Content-Security-Policy", policy)
		}
		if want, got := keywords(cloud), keywords(local); !maps.EqualFunc(want, got, slices.Equal) {
			t.Errorf("local policy %v, want the template's %s %v", got, policy, want)
		}
	}
}

// TestLocalOpenerPolicyIsTheCloudOne: the local web app's
// Cross-Origin-Opener-Policy is the site distribution's.
func TestLocalOpenerPolicyIsTheCloudOne(t *testing.T) {
	tpl := load(t)
	var cloud any
	for _, item := range list(get(tpl.resources(headersType)["SecurityHeadersPolicy"], "Properties", "ResponseHeadersPolicyConfig",
		"CustomHeadersConfig", "Items")) {
		if get(item, "Header") == "Cross-Origin-Opener-Policy" {
			cloud = get(item, "Value")
		}
	}
	if cloud != localsite.CrossOriginOpenerPolicy {
		t.Errorf("the template's Cross-Origin-Opener-Policy is %v, the local stack's %q", cloud, localsite.CrossOriginOpenerPolicy)
	}
}
