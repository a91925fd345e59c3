#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing:
# chromium (browser tests; it also brings the fonts for screenshots).
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium ontbreekt en apt-get is er niet: installeer Chromium met de pakketbeheerder van dit systeem." >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "chromium installeren (Debian-pakket) voor de browsertests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
