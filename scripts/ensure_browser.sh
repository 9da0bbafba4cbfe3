#!/usr/bin/env bash
# Make sure Debian's chromium (for the browser tests) and fonts-nanum (Hangul glyphs) are installed.
set -euo pipefail
here="${0%/*}"; [ "$here" = "$0" ] && here=.  # no dirname: the tests run this with only stubs on PATH
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
"$BASH" "$here/apt_install.sh" "${missing[@]}" -- fontconfig
fc-cache -f >/dev/null 2>&1 || true
