#!/usr/bin/env bash
# The README's main command, `npm start`: installs what a fresh clone lacks (Node 24 and the
# dependencies through tooling/node24.sh, the pinned n8n into .tools/), builds the pack when its
# build is stale, then tooling/demo/main.ts starts the offline Bedrock emulator (or uses AWS when
# AWS credentials are in the environment) and n8n with the pack and the example workflows, runs
# the scheduled image example once and leaves the editor at http://localhost:5678.
#
#   npm start                 … and keep the editor running (Ctrl-C stops everything)
#   npm start -- --once       … and exit after the run (non-zero when it failed)
#   npm start -- --help       all options and the AWS variables
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ] || [ ! -f "${npm_config_nodedir:-/nonexistent}/include/node/node.h" ]; then
	exec "$root/tooling/node24.sh" "$0" "$@"
fi

for arg in "$@"; do
	if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
		exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/demo/main.ts --help
	fi
done

tooling/n8n/install.sh >/dev/null
tooling/build-if-stale.sh
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/demo/main.ts "$@"
