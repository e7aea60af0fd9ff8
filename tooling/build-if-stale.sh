#!/usr/bin/env bash
# Builds dist/ (gulp build: clean, tsc, static files) unless it is newer than every source file
# that goes into it. `npm test` builds before its suites already; the end-to-end runner and the
# demo call this so that running them alone never packs a stale build, without building twice.
# Expects Node 24 and the dependencies on PATH (tooling/node24.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

marker="dist/credentials/AwsBedrockApi.credentials.js"
if [ -f "$marker" ] &&
	[ -z "$(find nodes credentials icons package.json tsconfig.json gulpfile.js -newer "$marker" -print -quit)" ]; then
	echo "[build] dist/ is up to date" >&2
	exit 0
fi
started=$(date +%s)
echo "[build] building the pack (gulp build)" >&2
gulp build >&2
echo "[build] built in $(($(date +%s) - started)) s" >&2
