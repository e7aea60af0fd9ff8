#!/usr/bin/env bash
# Installs the pinned, real n8n used by the end-to-end tests and the demo into a cached tool
# folder, outside the pack's own dependencies (so the pack's `npm install` stays light).
#
#   tooling/n8n/install.sh            # prints the path of the n8n executable on stdout
#   N8N_VERSION=2.41.1 tooling/n8n/install.sh
#
# The folder is .tools/n8n-<version>/ (git-ignored). A stamp file written after a successful
# install (and a working SQLite binding) makes re-runs instant; an interrupted install is
# simply resumed by the next run. Concurrent runs wait for each other on a lock.
#
# Why these steps (checked on this machine kind, see docs/real-n8n-e2e.md):
# - n8n 2.41.1 is the newest release whose whole dependency tree is on the registry mirror;
#   2.41.3 (the `latest` tag at the time of writing) refers to @n8n/* versions the mirror lacks.
# - `--ignore-scripts`: several optional native dependencies (e.g. the Kafka client) try to
#   download prebuilt binaries from hosts these machines cannot reach and fail the whole
#   install. None of them is loaded by the workflows we run.
# - `--legacy-peer-deps`: n8n's LangChain packages declare dozens of optional peers (vector
#   stores, browsers, cloud SDKs) that npm 7+ would otherwise try to install and reconcile.
# - sqlite3 is the one native addon n8n needs here (DB_TYPE=sqlite); it is rebuilt from source
#   against Node 24's headers because install scripts were skipped and the machine's npm
#   config points node-gyp at Node 20's headers (/usr). isolated-vm ships a Node 24 prebuild.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Everything below must run on Node 24 (n8n 2.x refuses older Node, and the SQLite binding must
# match the Node that runs n8n). Re-enter through the bootstrap when started with another Node.
# (tooling/node24.sh sets both PATH and npm_config_nodedir; a caller that already did is not
# sent through it again, which keeps this script usable while package.json is being edited.)
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ] || [ ! -f "${npm_config_nodedir:-/nonexistent}/include/node/node.h" ]; then
	exec "$root/tooling/node24.sh" "$0" "$@"
fi

n8n_version="${N8N_VERSION:-2.41.1}"
tool_dir="$root/.tools/n8n-$n8n_version"
n8n_bin="$tool_dir/node_modules/.bin/n8n"
stamp="$tool_dir/.install-stamp"

log() { printf '[n8n-install] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# The manifest of the tool folder. The overrides replace versions that n8n's tree asks for but
# the registry mirror does not hold, all in packages that Bedrock workflows never load:
# - linkedom 0.18.12: the HTML parser behind LangChain's web loaders (AI document loaders);
#   the exact version n8n's tree pins is missing from the mirror, 0.18.12 is API-compatible.
# - @langchain/langgraph-checkpoint 1.1.5: agent-graph checkpointing used only by the AI Agent
#   node's LangGraph runtime; the requested range resolves to a version the mirror lacks.
# - @langchain/protocol 0.0.19: wire types for LangGraph's platform SDK, same situation.
manifest() {
	cat <<JSON
{
	"name": "n8n-e2e-tool",
	"private": true,
	"description": "The pinned real n8n for the pack's end-to-end tests (created by tooling/n8n/install.sh).",
	"dependencies": {
		"n8n": "$n8n_version"
	},
	"overrides": {
		"linkedom": "0.18.12",
		"@langchain/langgraph-checkpoint": "1.1.5",
		"@langchain/protocol": "0.0.19"
	}
}
JSON
}

# The stamp records the manifest, so changing the overrides or the version reinstalls.
expected_stamp="$(manifest | sha256sum | cut -d' ' -f1) node-$(node -p 'process.versions.node')"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$expected_stamp" ] && [ -x "$n8n_bin" ]; then
	log "n8n $n8n_version already installed in ${tool_dir#"$root"/} (cached)"
	printf '%s\n' "$n8n_bin"
	exit 0
fi

mkdir -p "$tool_dir"
exec 9>"$tool_dir.lock"
flock 9
# Another run may have finished the install while this one waited for the lock.
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$expected_stamp" ] && [ -x "$n8n_bin" ]; then
	log "n8n $n8n_version installed by a concurrent run"
	printf '%s\n' "$n8n_bin"
	exit 0
fi
rm -f "$stamp"

total_start=$(now)
manifest >"$tool_dir/package.json"

log "installing n8n@$n8n_version into ${tool_dir#"$root"/} (a few minutes, about 2 GB)"
step_start=$(now)
(
	cd "$tool_dir"
	npm install --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2
)
log "npm install: $(elapsed "$step_start")"

log "building the SQLite binding against Node $(node -p 'process.versions.node') headers"
step_start=$(now)
(
	cd "$tool_dir"
	# --build-from-source: sqlite3 would first try to download a prebuilt binary from GitHub,
	# which this network refuses; compiling is what happens in the end anyway.
	# --ignore-scripts=false: under `npm test`/`npm start` npm passes the project's
	# ignore-scripts=true down as npm_config_ignore_scripts, and a rebuild without scripts builds nothing.
	JOBS=max npm rebuild sqlite3 --build-from-source --ignore-scripts=false --foreground-scripts=false --loglevel=error >&2
	node -e "require('sqlite3')" >&2
)
log "sqlite3 rebuild: $(elapsed "$step_start")"

"$n8n_bin" --version >/dev/null
printf '%s\n' "$expected_stamp" >"$stamp"
log "done in $(elapsed "$total_start"): $("$n8n_bin" --version)"
printf '%s\n' "$n8n_bin"
