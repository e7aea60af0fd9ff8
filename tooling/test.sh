#!/usr/bin/env bash
# The test commands of package.json. Runs under tooling/node24.sh with NODE24_BUILD=1 (Node 24 on
# PATH, dependencies installed, dist/ built).
#
#   npm test            lint, type check, unit + emulator conformance + integration tests (jest;
#                       the fault and fuzz suites in band): a few minutes, installs nothing beyond
#                       the npm dependencies, starts no n8n
#   npm run test:all    the same, then the benchmark smoke (bench --quick), the real-n8n end-to-end
#                       suite (npm run test:e2e: Chromium and the pinned n8n installed when missing)
#                       and the queue-mode check (npm run test:scale: Redis and PostgreSQL from
#                       Debian when missing). What CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

all=0
case "${1:-}" in
--all) all=1 ;;
"") ;;
*)
	echo "usage: tooling/test.sh [--all]" >&2
	exit 2
	;;
esac

started=$(date +%s)
last=""
# Each step's heading also says how long the previous one took.
step() {
	local now
	now=$(date +%s)
	[ -z "$last" ] || printf '(%s s)\n' "$((now - last))"
	last=$now
	printf '\n\033[1m== %s\033[0m\n' "$*"
}

step "lint (n8n-node lint)"
n8n-node lint

step "type check"
tsc -p tsconfig.test.json

step "unit, emulator conformance and integration tests (jest, a worker per core)"
jest --selectProjects unit emulator integration

# Timeouts, hung servers and retries under chaos are timed: alone, a busy machine's other jest
# worker cannot push them past their limits.
step "fault and fuzz suites (jest, in band)"
jest --selectProjects faults --runInBand

if [ "$all" = 1 ]; then
	step "benchmark smoke (bench --quick)"
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/bench/run.ts --quick

	step "end to end: the pack in a real n8n (npm run test:e2e)"
	tooling/e2e/run.sh

	# n8n in queue mode (Redis, PostgreSQL, main + 2 workers, binary data in the database): the
	# checks of `npm run scale`, not its figures (docs/scale.md). About a minute once n8n is installed.
	step "queue mode (npm run test:scale)"
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON tooling/scale/run.ts --quick
fi

now=$(date +%s)
printf '(%s s)\n\n%s passed in %s s\n' "$((now - last))" "$([ "$all" = 1 ] && echo 'npm run test:all' || echo 'npm test')" "$((now - started))"
