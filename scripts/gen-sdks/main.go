// Generates the native plugin's language SDKs from native/schema.json with Pulumi's own code generators
// (pkg/v3/codegen/{python,go,nodejs}), since `pulumi package gen-sdk` needs language hosts the module proxy refuses.
// Usage: gen-sdks <schema.json> <out dir> <language>...
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noLoader: the schema refers to no other package, so any load is an error (binding still wants a loader).
type noLoader struct{}

func (noLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("no package %s", pkg)
}
func (noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("no package %s", d.Name)
}
func (noLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("no package %s", pkg)
}
func (noLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("no package %s", d.Name)
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdks <schema.json> <out dir> <python|go|nodejs>...")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	check(err)
	var spec schema.PackageSpec
	check(json.Unmarshal(text, &spec))
	for _, lang := range os.Args[3:] {
		// Each generator imports its language section into the package: bind afresh for each.
		pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
		check(err)
		if diags.HasErrors() {
			check(diags)
		}
		var files map[string][]byte
		switch lang {
		case "python":
			files, err = pygen.GeneratePackage("pulumi-okta-dynamic", pkg, nil, noLoader{})
		case "go":
			files, err = gogen.GeneratePackage("pulumi-okta-dynamic", pkg, nil)
		case "nodejs":
			files, err = nodegen.GeneratePackage("pulumi-okta-dynamic", pkg, nil, nil, false, noLoader{})
		default:
			err = fmt.Errorf("unknown language %s", lang)
		}
		check(err)
		for name, body := range files {
			p := filepath.Join(os.Args[2], lang, name)
			check(os.MkdirAll(filepath.Dir(p), 0o755))
			check(os.WriteFile(p, body, 0o644))
		}
		fmt.Printf("%s: %d files\n", lang, len(files))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
