//go:build tools

// pulumi-language-yaml, built by tools/pulumi-yaml.sh from this module's go.sum.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
