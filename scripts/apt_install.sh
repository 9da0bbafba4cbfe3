#!/usr/bin/env bash
# Install the named Debian packages with apt-get when run as root; otherwise name them and the command, and fail.
# Usage: apt_install.sh PACKAGE... [-- EXTRA...]  (EXTRA are installed too but not named as missing, e.g. fontconfig)
set -euo pipefail
missing=() extra=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do missing+=("$1"); shift; done
[ $# -gt 0 ] && shift && extra=("$@")
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" "${extra[@]}" >/dev/null
