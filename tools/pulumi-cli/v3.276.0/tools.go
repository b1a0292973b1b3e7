//go:build tools

// The Pulumi CLI v3.276.0, built by tools/pulumi-cli.sh from this module's go.sum.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
