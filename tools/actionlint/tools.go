//go:build tools

// actionlint, built by scripts/actionlint.sh from this module's go.sum.
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
