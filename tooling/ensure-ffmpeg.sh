#!/usr/bin/env bash
# Installs Debian's ffmpeg package (ffmpeg and ffprobe) when it is missing. The emulator renders
# the MP4 files of async video jobs with ffmpeg (emulator/src/video/render.ts), and the video
# conformance tests read them back with ffprobe. CI runs this before the tests; `npm test`
# itself never installs anything.
#
#   tooling/ensure-ffmpeg.sh      idempotent; needs apt-get and root (or sudo)
#
# Elsewhere, install ffmpeg with the system's package manager, or point the emulator at a
# binary with BEDROCK_EMULATOR_FFMPEG=/path/to/ffmpeg.
set -euo pipefail

if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
	echo "ffmpeg is installed: $(command -v ffmpeg)"
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "ffmpeg (with ffprobe) is missing and apt-get is not available here: install ffmpeg with the system's package manager." >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "Installing ffmpeg needs root: run this script as root or install sudo." >&2
		exit 1
	fi
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# libx264, which the emulator's H.264 encode uses, is a dependency of Debian's ffmpeg.
$sudo apt-get install -y -qq --no-install-recommends ffmpeg
ffmpeg -hide_banner -version | head -n 1
