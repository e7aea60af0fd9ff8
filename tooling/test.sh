#!/usr/bin/env bash
# The README's test command (`npm test`): everything CI checks, in order of cost.
# Runs under tooling/node24.sh (Node 24 on PATH, dependencies installed, dist/ built).
#
#   npm test                 lint, type check, unit + emulator + integration tests, e2e, bench smoke
#   E2E=0 npm test           …without the real-n8n end-to-end suite (and the queue-mode check)
#   SCALE=0 npm test         …without the queue-mode check (npm run scale -- --quick)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "lint (n8n-node lint)"
n8n-node lint

step "type check"
tsc -p tsconfig.test.json

step "unit, emulator conformance and integration tests (jest)"
jest --selectProjects unit emulator integration

if [ -f tooling/bench/run.ts ]; then
	step "benchmark smoke (bench --quick)"
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/bench/run.ts --quick
fi

if [ "${E2E:-1}" != "0" ] && [ -x tooling/e2e/run.sh ]; then
	step "end to end: the pack in a real n8n"
	tooling/e2e/run.sh
fi

# n8n in queue mode (Redis, PostgreSQL, main + 2 workers, binary data in the database): the checks
# of `npm run scale`, not its figures (docs/scale.md). About a minute once n8n is installed.
if [ "${E2E:-1}" != "0" ] && [ "${SCALE:-1}" != "0" ]; then
	step "queue mode: npm run scale -- --quick"
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/scale/run.ts --quick
fi
