#!/usr/bin/env bash
# Make sure Debian's chromium (for the browser tests) and fonts-nanum (Hangul glyphs) are installed.
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
# The font list is captured first: piping fc-list into `grep -q` under pipefail fails whenever grep stops reading
# early and fc-list dies of SIGPIPE, which reported the font missing when it was there.
fonts="$(fc-list 2>/dev/null || true)"
case "${fonts,,}" in
  *nanum*) ;;
  *) missing+=(fonts-nanum) ;;
esac
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
fc-cache -f >/dev/null 2>&1 || true
