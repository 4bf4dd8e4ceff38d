package seed

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carrental/backend/dev/samtemplate"
	"github.com/carrental/backend/pkg/rental"
)

// TestPicturesAreCurrent: every car of the sample fleet has its committed
// picture, as Picture draws it today, and no picture is left over.
func TestPicturesAreCurrent(t *testing.T) {
	root, err := samtemplate.FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	f := fleetFile(t)
	dir := filepath.Join(root, ImagesDir)
	want := map[string]bool{}
	for _, c := range f.Cars {
		path := filepath.Join(dir, filepath.FromSlash(c.ImageKey))
		want[path] = true
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, Picture(c)) {
			t.Errorf("%s is missing or stale (%v): run go generate ./dev/seed", path, err)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "cars", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if !want[path] {
			t.Errorf("%s belongs to no car: run go generate ./dev/seed", path)
		}
	}
}

// TestPictureIsWellFormed: every type draws a well-formed SVG named by the
// make and model (aria-label, escaped), with no text drawn in it and the
// car's colour; the types differ.
func TestPictureIsWellFormed(t *testing.T) {
	seen := map[string]rental.CarType{}
	for _, typ := range rental.CarTypes {
		c := Car{Color: "#123abc", Car: rental.Car{ID: "x-1", Make: "Rolls & Royce", Model: `<"Phantom">`, Type: typ}}
		svg := Picture(c)
		dec := xml.NewDecoder(bytes.NewReader(svg))
		var text strings.Builder
		label := ""
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v\n%s", typ, err, svg)
			}
			switch tok := tok.(type) {
			case xml.CharData:
				text.Write(bytes.TrimSpace(tok))
			case xml.StartElement:
				for _, a := range tok.Attr {
					if tok.Name.Local == "svg" && a.Name.Local == "aria-label" {
						label = a.Value
					}
				}
			}
		}
		if label != `Rolls & Royce <"Phantom">` || text.Len() > 0 || !bytes.Contains(svg, []byte(`fill="#123abc"`)) {
			t.Errorf("%s: label %q, text %q; want the make and model as label, no text; colour present: %v",
				typ, label, text.String(), bytes.Contains(svg, []byte("#123abc")))
		}
		if len(svg) > 2048 {
			t.Errorf("%s: %d bytes, want a small picture", typ, len(svg))
		}
		body := shapes[typ].body
		if other, dup := seen[body]; dup || body == "" {
			t.Errorf("%s draws the same silhouette as %q", typ, other)
		}
		seen[body] = typ
	}
}
