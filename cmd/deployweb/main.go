// Command deployweb is `make deploy-web`: it writes the web app's
// config.json from the deployed stack's outputs and uploads the built app
// (web/dist) and the car photos to the stack's buckets with the AWS CLI,
// then invalidates index.html and config.json (dev/deployweb).
//
//	go run ./cmd/deployweb [--dry-run] [--stack NAME] [--region REGION]
//	                       [--outputs describe-stacks.json] [--config PATH]
//
// The stack and region default to STACK_NAME and AWS_REGION, else
// samconfig.toml's. --dry-run prints the commands that would change
// anything instead of running them.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/carrental/backend/dev/deployweb"
	"github.com/carrental/backend/dev/samtemplate"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "deployweb:", err)
		os.Exit(1)
	}
}

func run() error {
	var o deployweb.Options
	flag.BoolVar(&o.DryRun, "dry-run", false, "print the commands that change anything instead of running them")
	flag.StringVar(&o.Stack, "stack", os.Getenv("STACK_NAME"), "the stack (default $STACK_NAME, else samconfig.toml's stack_name)")
	flag.StringVar(&o.Region, "region", os.Getenv("AWS_REGION"), "its region (default $AWS_REGION, else samconfig.toml's)")
	flag.StringVar(&o.OutputsFile, "outputs", "", "read the outputs from this describe-stacks JSON instead of AWS")
	flag.StringVar(&o.ConfigPath, "config", "", "where to write config.json (default web/dist/config.json)")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		return fmt.Errorf("unexpected arguments %q", flag.Args())
	}
	root, err := samtemplate.FindRoot()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	o.Root, o.Out, o.Exec = root, os.Stdout, awsCLI{root: root}
	return deployweb.Run(ctx, o)
}

// awsCLI runs the commands in the repository root.
type awsCLI struct{ root string }

func (a awsCLI) Run(ctx context.Context, c deployweb.Command) error {
	cmd := exec.CommandContext(ctx, c[0], c[1:]...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = a.root, os.Stdout, os.Stderr
	return cmd.Run()
}

func (a awsCLI) Output(ctx context.Context, c deployweb.Command) ([]byte, error) {
	cmd := exec.CommandContext(ctx, c[0], c[1:]...)
	cmd.Dir, cmd.Stderr = a.root, os.Stderr
	return cmd.Output()
}
