#!/usr/bin/env bash
# The end-to-end suite: the pack in a real, pinned n8n (`npm run test:e2e`; `npm run test:all`
# runs it after the fast suites).
#
#   npm run test:e2e                                   everything below, then every e2e test file
#   npm run test:e2e -- test/e2e/bedrock-editor.test.ts  extra arguments go to jest
#
# Steps: Debian's Chromium when missing (in the background, while n8n installs), the pinned n8n
# into .tools/ (cached by its stamp; about 3 minutes on a fresh clone), dist/ when stale, then the
# jest project `e2e` in band (each file starts its own n8n; the machine has 2 cores).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# Everything here runs on the Node 24 of tooling/node24.sh; re-enter through it when needed.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ] || [ ! -f "${npm_config_nodedir:-/nonexistent}/include/node/node.h" ]; then
	exec "$root/tooling/node24.sh" "$0" "$@"
fi

log() { printf '[e2e] %s\n' "$*" >&2; }
started=$(date +%s)
mkdir -p artifacts/e2e/logs

chromium_log="artifacts/e2e/logs/install-chromium.log"
tooling/e2e/install-chromium.sh >"$chromium_log" 2>&1 &
chromium_pid=$!

step=$(date +%s)
tooling/n8n/install.sh >/dev/null
log "n8n ready in $(($(date +%s) - step)) s"

if ! wait "$chromium_pid"; then
	cat "$chromium_log" >&2
	log "Chromium could not be installed"
	exit 1
fi
log "Chromium: $(tail -n 1 "$chromium_log")"

tooling/build-if-stale.sh

log "preparation took $(($(date +%s) - started)) s; running the e2e suites"
step=$(date +%s)
status=0
jest --selectProjects e2e --runInBand "$@" || status=$?
log "suites took $(($(date +%s) - step)) s (whole e2e part: $(($(date +%s) - started)) s)"
log "screenshots and logs: artifacts/e2e/"
exit "$status"
