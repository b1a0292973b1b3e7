// Generates the native plugin's language SDKs from native/schema.json with Pulumi's own code generators
// (pkg/v3/codegen/{python,go,nodejs}), since `pulumi package gen-sdk` needs language hosts the module proxy refuses.
// Its second mode writes the TypeScript that `pulumi import` writes for a Node.js project, from the state the engine
// imported: the CLI's importer turns the states into PCL, and the Node.js language host's GenerateProgram binds that
// PCL and calls codegen/nodejs; the host cannot be built here, so this mode calls the same functions with the same
// options (see docs/native.md for what differs from a user's `pulumi import`).
//
// Usage: gen-sdks <schema.json> <out dir> <language>...
//
//	gen-sdks import-code <schema.json> <stack export.json> <urn>...   (TypeScript on stdout)
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	nodegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/pkg/v3/importer"
	pkgresource "github.com/pulumi/pulumi/pkg/v3/resource"
	"github.com/pulumi/pulumi/pkg/v3/resource/stack"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
)

// oneLoader serves the one package of the schema file (binding wants a loader even when nothing else is referenced).
type oneLoader struct{ pkg *schema.Package }

func (l oneLoader) find(name string) (*schema.Package, error) {
	if l.pkg != nil && name == l.pkg.Name {
		return l.pkg, nil
	}
	return nil, fmt.Errorf("no package %s", name)
}
func (l oneLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return l.find(pkg)
}
func (l oneLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.find(d.Name)
}
func (l oneLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	p, err := l.find(pkg)
	if err != nil {
		return nil, err
	}
	return p.Reference(), nil
}
func (l oneLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

func bind(spec schema.PackageSpec) *schema.Package {
	pkg, diags, err := schema.BindSpec(spec, oneLoader{}, schema.ValidationOptions{})
	check(err)
	if diags.HasErrors() {
		check(diags)
	}
	return pkg
}

func main() {
	if len(os.Args) >= 5 && os.Args[1] == "import-code" {
		importCode(os.Args[2], os.Args[3], os.Args[4:])
		return
	}
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdks <schema.json> <out dir> <python|go|nodejs>...\n"+
			"       gen-sdks import-code <schema.json> <stack export.json> <urn>...")
		os.Exit(2)
	}
	spec := readSpec(os.Args[1])
	for _, lang := range os.Args[3:] {
		// Each generator imports its language section into the package: bind afresh for each.
		pkg := bind(spec)
		var files map[string][]byte
		var err error
		switch lang {
		case "python":
			files, err = pygen.GeneratePackage("pulumi-okta-dynamic", pkg, nil, oneLoader{})
		case "go":
			files, err = gogen.GeneratePackage("pulumi-okta-dynamic", pkg, nil)
		case "nodejs":
			files, err = nodegen.GeneratePackage("pulumi-okta-dynamic", pkg, nil, nil, false, oneLoader{})
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

func readSpec(path string) schema.PackageSpec {
	text, err := os.ReadFile(path)
	check(err)
	var spec schema.PackageSpec
	check(json.Unmarshal(text, &spec))
	return spec
}

// importCode writes the program code for the resources with the given URNs as `pulumi import` does for a Node.js
// project (its default --protect included): states from `pulumi stack export --show-secrets`, converted to PCL by
// the importer with the whole snapshot for references, then that PCL's source bound again and generated as the
// Node.js language host does (non-strict, output-versioned invokes, runtime nodejs).
func importCode(schemaPath, exportPath string, urns []string) {
	loader := oneLoader{bind(readSpec(schemaPath))}
	text, err := os.ReadFile(exportPath)
	check(err)
	var untyped apitype.UntypedDeployment
	check(json.Unmarshal(text, &untyped))
	var deployment apitype.DeploymentV3
	check(json.Unmarshal(untyped.Deployment, &deployment))
	var snapshot, imported []*pkgresource.State
	byURN := map[resource.URN]*pkgresource.State{}
	for _, r := range deployment.Resources {
		// Secrets come as plaintext in an export with --show-secrets; nothing is left to decrypt.
		s, err := stack.DeserializeResource(r, config.NopDecrypter)
		check(err)
		if !s.Delete {
			snapshot = append(snapshot, s)
			byURN[s.URN] = s
		}
	}
	for _, u := range urns {
		s, ok := byURN[resource.URN(u)]
		if !ok {
			check(fmt.Errorf("no resource %s in %s", u, exportPath))
		}
		c := s.Copy()
		c.Protect = true
		imported = append(imported, c)
	}
	var out bytes.Buffer
	check(importer.GenerateLanguageDefinitions(&out, loader, func(w io.Writer, p *pcl.Program) error {
		files, err := generateNodejs(p.Source(), loader)
		if err != nil {
			return err
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if strings.HasPrefix(name, "sdks/") {
				continue
			}
			body := files[name]
			if _, err := w.Write(body); err != nil {
				return err
			}
			if len(body) > 0 && body[len(body)-1] != '\n' {
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
			}
		}
		return nil
	}, imported, snapshot, importer.NameTable{}))
	_, err = os.Stdout.Write(out.Bytes())
	check(err)
}

// generateNodejs is the Node.js language host's GenerateProgram on PCL source: parse, bind non-strict (the CLI asks
// for that on import) with output-versioned invokes, generate for the nodejs runtime.
func generateNodejs(source map[string]string, loader schema.ReferenceLoader) (map[string][]byte, error) {
	parser := syntax.NewParser()
	for _, name := range slices.Sorted(maps.Keys(source)) {
		if err := parser.ParseFile(strings.NewReader(source[name]), name); err != nil {
			return nil, err
		}
		if parser.Diagnostics.HasErrors() {
			return nil, parser.Diagnostics
		}
	}
	opts := append([]pcl.BindOption{pcl.PreferOutputVersionedInvokes}, pcl.NonStrictBindOptions()...)
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), opts...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	files, diags, err := nodegen.GenerateProgramWithOptions(program, nodegen.ProgramOptions{Runtime: "nodejs"})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return files, nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
