// Package archcheck holds the tests that keep the layout honest: what ships
// to AWS (functions/ and the pkg/ it is built from) never depends on the
// developer tooling (dev/, cmd/). It has no code of its own.
package archcheck
