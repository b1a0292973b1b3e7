// Runs the schema's Go examples as inline programs through Go's Automation API, one stack each, in this one process:
// up, preview, destroy (up only for LOOKUPS, which declare no resource). tests/nativeExamples.e2e.test.ts copies each
// example beside this file with its `func main() { pulumi.Run(` turned into `func init() { register("<name>", `, and
// gives EXAMPLES and LOOKUPS (names, in order), WORK_DIR, EXAMPLE_CONFIG (stack config as JSON) and the CLI's
// environment. Prints one JSON line: for each example its outputs and the preview's change summary.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var programs = map[string]pulumi.RunFunc{}

func register(name string, program pulumi.RunFunc) { programs[name] = program }

type result struct {
	Outputs map[string]any `json:"outputs"`
	Preview any            `json:"preview,omitempty"`
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	var config map[string]struct {
		Value  string `json:"value"`
		Secret bool   `json:"secret"`
	}
	if err := json.Unmarshal([]byte(os.Getenv("EXAMPLE_CONFIG")), &config); err != nil {
		return err
	}
	cfg := auto.ConfigMap{}
	for k, v := range config {
		cfg[k] = auto.ConfigValue{Value: v.Value, Secret: v.Secret}
	}
	results := map[string]result{}
	lookups := map[string]bool{}
	for _, name := range strings.Split(os.Getenv("LOOKUPS"), ",") {
		lookups[name] = true
	}
	for _, name := range strings.Split(os.Getenv("EXAMPLES"), ",") {
		program, ok := programs[name]
		if !ok {
			return fmt.Errorf("no Go example registered as %q", name)
		}
		projectName := "ex-go-" + name
		workDir := filepath.Join(os.Getenv("WORK_DIR"), projectName)
		if err := os.MkdirAll(workDir, 0o755); err != nil {
			return err
		}
		project := workspace.Project{Name: tokens.PackageName(projectName), Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
		stack, err := auto.UpsertStackInlineSource(ctx, "dev", projectName, program, auto.Project(project), auto.WorkDir(workDir))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := stack.SetAllConfig(ctx, cfg); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		up, err := stack.Up(ctx)
		if err != nil {
			return fmt.Errorf("%s: up: %w", name, err)
		}
		outputs := map[string]any{}
		for k, v := range up.Outputs {
			outputs[k] = v.Value
		}
		if lookups[name] {
			results[name] = result{Outputs: outputs}
			continue
		}
		preview, err := stack.Preview(ctx)
		if err != nil {
			return fmt.Errorf("%s: preview: %w", name, err)
		}
		if _, err := stack.Destroy(ctx); err != nil {
			return fmt.Errorf("%s: destroy: %w", name, err)
		}
		results[name] = result{Outputs: outputs, Preview: preview.ChangeSummary}
	}
	out, err := json.Marshal(results)
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}
