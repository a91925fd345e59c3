#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when they are missing:
#   venv     python3-venv, for `python3 -m venv` (make run and make test)
#   browser  chromium, for the browser tests (it also brings the fonts for screenshots)
set -euo pipefail

need=()
case "${1:-browser}" in
    venv)
        python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
        ;;
    browser)
        command -v chromium >/dev/null 2>&1 || need+=(chromium)
        ;;
    *)
        echo "Onbekend onderdeel: $1 (kies venv of browser)" >&2
        exit 2
        ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Ontbrekend: ${need[*]}, en apt-get is er niet: installeer dit met de pakketbeheerder van dit systeem." >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "Debian-pakketten installeren: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
