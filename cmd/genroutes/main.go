// Command genroutes writes the Go code of the REST routes from template.yaml
// and api/openapi.yaml (dev/routegen): pkg/lambdafn/routes_gen.go,
// pkg/apigw/operations_gen.go and functions/<name>/main.go of each REST
// function. Run it (make generate) after adding or changing a route in the
// two files; it refuses to write while they disagree.
package main

import (
	"fmt"
	"os"

	"github.com/carrental/backend/dev/routegen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genroutes:", err)
		os.Exit(1)
	}
}

func run() error {
	written, err := routegen.WriteRoot()
	for _, name := range written {
		fmt.Println("wrote", name)
	}
	return err
}
