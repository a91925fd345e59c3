#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when they are missing:
#   venv     python3-venv, for `python3 -m venv` (make run and make test)
#   runtime  chromium and fonts-dejavu-core, for the exports of the running app (make run):
#            kaleido draws the charts in Debian's chromium, and the PDF embeds DejaVu Sans
#   test     the runtime packages plus poppler-utils (pdftotext, pdffonts, pdfinfo), with
#            which the tests read the exported PDFs back; chromium also runs the browser tests;
#            and time (/usr/bin/time -v), with which the benchmark measures an import's peak memory
#   browser  the same as test (the old name)
set -euo pipefail

need=()
missing_command() { ! command -v "$1" >/dev/null 2>&1; }
missing_package() { ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

runtime() {
    missing_command chromium && need+=(chromium)
    # the font files, whoever installed them (the package, or a copy on a non-Debian system)
    if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && missing_package fonts-dejavu-core; then
        need+=(fonts-dejavu-core)
    fi
    return 0
}

case "${1:-test}" in
    venv)
        python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
        ;;
    runtime)
        runtime
        ;;
    test|browser)
        runtime
        missing_command pdftotext && need+=(poppler-utils)
        [ -x /usr/bin/time ] || need+=(time)
        ;;
    *)
        echo "Onbekend onderdeel: $1 (kies venv, runtime of test)" >&2
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
