#!/usr/bin/env bash
# Installs Debian's Chromium for the editor checks when it is missing.
#
# Why Debian's: test tools' own browser downloads (`npx playwright install`) cannot reach their
# hosts from these machines; the distribution package comes from the reachable Debian mirror and
# playwright-core drives it through executablePath. Prints the browser's version either way.
set -euo pipefail

chromium_bin="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [ ! -x "$chromium_bin" ]; then
	started=$(date +%s)
	echo "[chromium] installing Debian's chromium (one time per machine)" >&2
	sudo_cmd=""
	if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
	apt_log="$(mktemp)"
	# Stale package lists lead to 404s on the mirror, so refresh them first. fonts-liberation gives
	# screenshots readable text; the rest of Chromium's dependencies come with the package.
	if ! { $sudo_cmd apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
			chromium fonts-liberation; } >"$apt_log" 2>&1; then
		cat "$apt_log" >&2
		echo "[chromium] apt-get failed" >&2
		exit 1
	fi
	rm -f "$apt_log"
	echo "[chromium] installed in $(($(date +%s) - started)) s" >&2
fi

# (Debian's wrapper script prints a harmless shell warning on some machines; keep it quiet.)
"$chromium_bin" --version 2>/dev/null
