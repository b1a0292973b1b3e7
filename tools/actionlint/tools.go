//go:build tools

// actionlint, built by tools/actionlint.sh from this module's go.sum.
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
