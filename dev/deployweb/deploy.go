package deployweb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Exec runs AWS CLI commands in the repository root.
type Exec interface {
	// Run runs c, its output going to the terminal.
	Run(ctx context.Context, c Command) error
	// Output runs c and returns its standard output.
	Output(ctx context.Context, c Command) ([]byte, error)
}

// Options configures Run.
type Options struct {
	Root string // the repository root
	// Stack and Region name the stack; "" takes samconfig.toml's.
	Stack, Region string
	// OutputsFile holds describe-stacks' JSON; "" asks AWS.
	OutputsFile string
	// ConfigPath is where config.json is written, relative to Root or
	// absolute; "" is web/dist/config.json.
	ConfigPath string
	// DryRun prints the commands that change anything instead of running
	// them.
	DryRun bool
	Out    io.Writer
	Exec   Exec
}

// Run deploys the site (see the package comment).
func Run(ctx context.Context, o Options) error {
	stack, region, err := o.stackAndRegion()
	if err != nil {
		return err
	}
	outputs, err := o.readOutputs(ctx, stack, region)
	if err != nil {
		return err
	}
	cfg, err := Config(outputs)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(o.Root, "web", "dist", "index.html")); err != nil && !o.DryRun {
		return errors.New("web/dist/index.html is missing: build the web app first (make web)")
	}
	configPath, file := o.configPath()
	config, err := writeConfig(file, configPath, cfg, o.Out)
	if err != nil {
		return err
	}
	if err := writeSiteFiles(filepath.Join(o.Root, "web", "dist"), outputs["SiteUrl"], config, o.DryRun, o.Out); err != nil {
		return err
	}
	if err := o.runPlan(ctx, Plan(outputs, region, configPath)); err != nil {
		return err
	}
	if !o.DryRun {
		fmt.Fprintf(o.Out, "\nthe site is at %s (CloudFront may take a minute to drop the old index.html)\n", outputs["SiteUrl"])
	}
	return nil
}

// stackAndRegion are the options' stack and region, each defaulting to
// samconfig.toml's.
func (o Options) stackAndRegion() (stack, region string, err error) {
	stack, region, err = samDefaults(filepath.Join(o.Root, "samconfig.toml"))
	if err != nil {
		return "", "", fmt.Errorf("samconfig.toml: %w", err)
	}
	if o.Stack != "" {
		stack = o.Stack
	}
	if o.Region != "" {
		region = o.Region
	}
	if stack == "" || region == "" {
		return "", "", errors.New("no stack name or region: give --stack and --region, or set them in samconfig.toml")
	}
	return stack, region, nil
}

// configPath is where config.json goes: as the upload command names it,
// from Root, and as a file to write.
func (o Options) configPath() (fromRoot, file string) {
	fromRoot = o.ConfigPath
	if fromRoot == "" {
		fromRoot = filepath.Join("web", "dist", "config.json")
	}
	file = fromRoot
	if !filepath.IsAbs(file) {
		file = filepath.Join(o.Root, file)
	}
	return fromRoot, file
}

// readOutputs reads the stack's outputs from OutputsFile, else from AWS
// (describe-stacks, which changes nothing: it runs in a dry run too).
func (o Options) readOutputs(ctx context.Context, stack, region string) (Outputs, error) {
	var data []byte
	var err error
	if o.OutputsFile != "" {
		data, err = os.ReadFile(o.OutputsFile)
	} else {
		c := describeStacks(stack, region)
		fmt.Fprintln(o.Out, "+", c)
		data, err = o.Exec.Output(ctx, c)
	}
	if err != nil {
		return nil, fmt.Errorf("the outputs of stack %s: %w", stack, err)
	}
	return ParseOutputs(data)
}

// runPlan runs the commands in order and stops at the first that fails;
// a dry run prints them instead.
func (o Options) runPlan(ctx context.Context, plan []Command) error {
	for _, c := range plan {
		if o.DryRun {
			fmt.Fprintln(o.Out, "(dry run)", c)
			continue
		}
		fmt.Fprintln(o.Out, "+", c)
		if err := o.Exec.Run(ctx, c); err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
	}
	return nil
}

// writeConfig writes cfg as JSON to path, shows it, named shown, and
// returns it.
func writeConfig(path, shown string, cfg AppConfig, out io.Writer) ([]byte, error) {
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "wrote %s:\n%s", shown, data)
	return data, nil
}
